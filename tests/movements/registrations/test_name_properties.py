"""Property tests of the matching of names as units write them: whatever honorific or degree stands before
the name, whatever numbering, separator, position and case, the line is matched to that person of the unit
(and to the title written), never to a namesake of another unit; a name of nobody in the unit never matches."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.movements.registration_names import match_names, read_names
from tests.factories import make_person

HONORIFICS = ["", "Đ/c ", "Đ/C ", "đ.c ", "Đồng chí ", "Ông ", "Bà ", "Thạc sĩ ", "Tiến sĩ ", "ThS. ", "TS.", "PGS.TS. ",
              "Bác sĩ ", "BSCKII ", "Kỹ sư ", "KS. ", "Đ/c Thạc sĩ ", "Đại tá ", "Thiếu tá "]
NAMES = ["Nguyễn Văn An", "Đặng Thị Đào", "Hoàng Thị Mai Anh", "Lò Văn Nghiệp", "Sùng A Páo"]
TITLES = {"Lao động tiên tiến": "LDTT", "Chiến sĩ thi đua cơ sở": "CSTD_CS", "Chiến sỹ thi đua cơ sở": "CSTD_CS",
          "Danh hiệu Lao động tiên tiến": "LDTT"}
NUMBERING = ["", "1. ", "12) ", "- ", "+ ", "3/ "]
SEPARATORS = [" – ", " - ", "\t", " — "]

lines = st.tuples(st.sampled_from(NUMBERING), st.sampled_from(HONORIFICS), st.sampled_from(NAMES),
                  st.sampled_from(["", ", Chuyên viên", ", Trưởng phòng Tổ chức", ", 1985"]),
                  st.sampled_from(SEPARATORS), st.sampled_from(sorted(TITLES)), st.booleans())


@pytest.fixture
def staff(world):
    people = {name: make_person(name, unit=world.unit_a_child if index % 2 else world.unit_a)
              for index, name in enumerate(NAMES[2:], 2)}
    people[NAMES[0]], people[NAMES[1]] = world.person_a, world.person_a_child  # of the world fixture
    make_person("Lò Văn Nghiệp", unit=world.unit_b)  # a namesake in another unit: never chosen
    return people


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=lines)
def test_a_written_line_matches_its_person_and_title(world, staff, line):
    numbering, honorific, name, detail, separator, title, upper = line
    written = honorific + (name.upper() if upper else name)
    parsed, problems = read_names(f"{numbering}{written}{detail}{separator}{title}\n")
    assert problems == []
    report = match_names(world.unit_a, parsed)
    assert report.problems == [], [str(p) for p in report.problems]
    assert [(m.person, m.award.code) for m in report.matched] == [(staff[name], TITLES[title])]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(honorific=st.sampled_from(HONORIFICS), given_name=st.sampled_from(["Bình", "Cường", "Dũng", "Hạnh"]))
def test_nobody_of_that_name_is_never_matched(world, staff, honorific, given_name):
    parsed, _problems = read_names(f"{honorific}Phạm Văn {given_name} – Lao động tiên tiến")
    report = match_names(world.unit_a, parsed)
    assert report.matched == []
    assert [p.row for p in report.problems] == [1]
