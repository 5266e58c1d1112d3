"""The ratings sheet (unit × year): reading rows pasted from Excel, saving all or nothing and idempotently with
audit rows, ONE recomputation of the changed persons' verdicts, the page for each persona and its queries."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tdkt.audit.models import AuditEvent
from tdkt.awards.enums import RatingLevel
from tdkt.awards.models import Rating
from tdkt.awards.ratings_sheet import parse_paste, save_ratings, sheet_rows
from tdkt.dossiers import verdicts
from tdkt.dossiers.models import Nomination
from tdkt.people.models import Person
from tests.conftest import client_for
from tests.factories import make_person
from tests.nominees.helpers import make_dossier, make_line

SHEET = "/awards/units/{pk}/ratings/{year}/"


def _people(world):
    return list(Person.objects.filter(unit=world.unit_a))


def _read(world, text):
    result = parse_paste(text, _people(world))
    return [(row.number, row.person.full_name, row.level) for row in result.rows], result.errors


def test_rows_as_copied_from_a_spreadsheet(world):
    make_person("Lê Thị Chi", unit=world.unit_a, national_id="001190004321")
    text = ("STT\tHọ và tên\tChức vụ\tXếp loại\n"
            "\n"
            "1\tÔng Nguyễn Văn An\tGiám đốc\tHoàn thành xuất sắc nhiệm vụ\tghi chú\n"
            "2\t001190004321\tChuyên viên\thttnv\r\n"
            "   \n"
            "3\tĐ/c NGUYEN VAN AN\tGiám đốc\tHTXSNV\n")
    rows, errors = _read(world, text)
    assert errors == []
    assert rows == [(3, "Nguyễn Văn An", "HTXSNV"), (4, "Lê Thị Chi", "HTTNV")]


def test_each_unreadable_row_is_named_in_vietnamese(world):
    make_person("Nguyễn Văn An", unit=world.unit_a, national_id="001090009999")
    make_person("Lê Thị Chi", unit=world.unit_a)
    text = ("Nguyễn Văn An\tHTTNV\n"
            "Trần Văn Không Có\tHTNV\n"
            "Lê Thị Chi\tGiỏi\n"
            "Lê Thị Chi\tHTNV\n"
            "Lê Thị Chi\tKHTNV\n"
            "099999999999\tHTNV\n")
    _rows, errors = _read(world, text)
    assert errors == [
        "Dòng 1: đơn vị có 2 người tên “Nguyễn Văn An”; ghi số CCCD để phân biệt.",
        "Dòng 2: “Trần Văn Không Có” không có trong danh sách người của đơn vị.",
        "Dòng 3 (Lê Thị Chi): không đọc được mức xếp loại; ghi một trong HTXSNV, HTTNV, HTNV, KHTNV hoặc tên đầy đủ "
        "(ví dụ “Hoàn thành xuất sắc nhiệm vụ”).",
        "Dòng 5: Lê Thị Chi đã có ở dòng 4 với mức xếp loại khác.",
        "Dòng 6: không ai trong đơn vị có số CCCD 099999999999.",
    ]


LEVEL_WRITINGS = {
    RatingLevel.HTXSNV: ["HTXSNV", "htxsnv", "Hoàn thành xuất sắc nhiệm vụ", "HOÀN THÀNH XUẤT SẮC NHIỆM VỤ",
                         "Hoàn thành xuất sắc nhiệm vụ (HTXSNV)"],
    RatingLevel.HTTNV: ["HTTNV", "Hoàn thành tốt nhiệm vụ", "hoan thanh tot nhiem vu"],
    RatingLevel.HTNV: ["HTNV", "Hoàn thành nhiệm vụ"],
    RatingLevel.KHTNV: ["KHTNV", "Không hoàn thành nhiệm vụ"],
}
NAMES = ["Phạm Minh Đức", "Vũ Thị Hằng", "Hoàng Văn Nam", "Lò Thị Mai"]
writing = st.sampled_from([(level, text) for level, texts in LEVEL_WRITINGS.items() for text in texts])


@hypothesis_settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choices=st.lists(st.tuples(st.sampled_from(range(len(NAMES))), writing,
                                  st.sampled_from(["", "Ông ", "Bà ", "Đ/c ", "đồng chí "]),
                                  st.booleans(), st.booleans()), max_size=6),
       header=st.booleans(), blank_lines=st.integers(0, 2))
def test_any_sheet_written_the_usual_ways_reads_back_exactly(world, choices, header, blank_lines):
    people = {name: Person.objects.get_or_create(full_name=name, unit=world.unit_a,
                                                 defaults={"category": "civil_servant"})[0] for name in NAMES}
    lines, expected = (["STT\tHọ và tên\tXếp loại"] if header else []), {}
    for number, (index, (level, text), honorific, with_stt, with_note) in enumerate(choices, 1):
        name = NAMES[index]
        if name in expected:
            continue  # one row per person (the same person twice is another test)
        cells = ([str(number)] if with_stt else []) + [honorific + name, text] + (["ghi chú thêm"] if with_note else [])
        lines += [""] * blank_lines + ["\t".join(cells)]
        expected[name] = level
    result = parse_paste("\n".join(lines), list(people.values()))
    assert result.errors == []
    assert {row.person.full_name: row.level for row in result.rows} == expected


@given(text=st.text(max_size=300))
@hypothesis_settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_read_without_crashing(world, text):
    result = parse_paste(text, [world.person_a])
    assert all(error.startswith("Dòng ") for error in result.errors)


def test_saving_is_all_or_nothing_idempotent_and_audited(world):
    chi = make_person("Lê Thị Chi", unit=world.unit_a)
    by = world.users["clerk_a"]
    with pytest.raises(ValidationError, match="không phải là mức xếp loại"):
        save_ratings(world.unit_a, 2025, {world.person_a.pk: "HTXSNV", chi.pk: "GIOI"}, by=by)
    assert Rating.objects.count() == 0
    with pytest.raises(ValidationError, match=f"Người số {world.person_b.pk} không thuộc đơn vị này"):
        save_ratings(world.unit_a, 2025, {world.person_a.pk: "HTXSNV", world.person_b.pk: "HTNV"}, by=by)
    assert Rating.objects.count() == 0
    first = save_ratings(world.unit_a, 2025, {world.person_a.pk: "HTXSNV", chi.pk: "HTNV"}, by=by)
    audits = AuditEvent.objects.filter(object_type="awards.rating").count()
    again = save_ratings(world.unit_a, 2025, {world.person_a.pk: "HTXSNV", chi.pk: "HTNV"}, by=by)
    changed = save_ratings(world.unit_a, 2025, {chi.pk: "HTTNV"}, by=by)
    assert [(r.created, r.updated, r.unchanged) for r in (first, again, changed)] == [(2, 0, 0), (0, 0, 2), (0, 1, 0)]
    assert audits == 2
    assert AuditEvent.objects.filter(object_type="awards.rating").count() == 3
    assert sorted(Rating.objects.values_list("person__full_name", "year", "level")) == [
        ("Lê Thị Chi", 2025, "HTTNV"), ("Nguyễn Văn An", 2025, "HTXSNV")]


def test_pasting_previews_then_saves_and_refreshes_the_verdicts_once(world, django_capture_on_commit_callbacks):
    chi = make_person("Lê Thị Chi", unit=world.unit_a)
    dossier = make_dossier(world.unit_a)
    line = make_line(dossier, person=world.person_a)
    verdicts.recompute(person_ids=[world.person_a.pk])
    assert verdicts.current_code(Nomination.objects.get(pk=line.pk)) == "ineligible"
    client = client_for(world, "clerk_a")
    url = SHEET.format(pk=world.unit_a.pk, year=2025)
    pasted = "Họ và tên\tXếp loại\nÔng Nguyễn Văn An\tHoàn thành tốt nhiệm vụ\nLê Thị Chi\tHTNV\n"
    preview = client.post(url, {"action": "preview", "pasted": pasted})
    assert preview.status_code == 200
    assert [(row.person.full_name, row.level) for row, _now in preview.context["preview"]] == [
        ("Nguyễn Văn An", "HTTNV"), ("Lê Thị Chi", "HTNV")]
    assert "Lưu 2 mức xếp loại" in preview.content.decode()
    assert Rating.objects.count() == 0
    with (mock.patch.object(verdicts, "enqueue", wraps=verdicts.enqueue) as enqueue,
          django_capture_on_commit_callbacks(execute=True)):
        saved = client.post(url, {"action": "save_paste", "pasted": pasted})
    assert saved.status_code == 302
    assert enqueue.call_args_list == [mock.call(person_ids={world.person_a.pk, chi.pk}, unit_ids=set(),
                                                household_ids=set())]
    assert verdicts.current_code(Nomination.objects.get(pk=line.pk)) == "eligible"
    resent = client.post(url, {"action": "save_paste", "pasted": pasted}, follow=True)
    assert "0 mức ghi mới, 0 mức thay đổi, 2 mức đã như vậy" in resent.content.decode()
    assert Rating.objects.count() == 2


def test_a_sheet_with_an_error_saves_nothing_and_says_which_row(world):
    client = client_for(world, "clerk_a")
    response = client.post(SHEET.format(pk=world.unit_a.pk, year=2025), {
        "action": "save_paste", "pasted": "Nguyễn Văn An\tHTTNV\nGiàng A Páo\tHTNV\n"})
    assert response.status_code == 200
    assert response.context["errors"] == ["Dòng 2: “Giàng A Páo” không có trong danh sách người của đơn vị."]
    assert Rating.objects.count() == 0


def test_the_table_saves_the_changed_rows(world):
    chi = make_person("Lê Thị Chi", unit=world.unit_a)
    client = client_for(world, "specialist")
    url = SHEET.format(pk=world.unit_a.pk, year=2024)
    response = client.post(url, {"action": "save_table", f"level_{world.person_a.pk}": "HTXSNV",
                                 f"level_{chi.pk}": ""})
    assert response.status_code == 302
    assert list(Rating.objects.values_list("person_id", "year", "level")) == [(world.person_a.pk, 2024, "HTXSNV")]
    page = client.get(url).content.decode()
    assert '<option value="HTXSNV" selected>' in page


def test_another_unit_and_a_future_year_are_not_found(world):
    assert client_for(world, "clerk_a").get(SHEET.format(pk=world.unit_b.pk, year=2025)).status_code == 404
    assert client_for(world, "clerk_a").get(SHEET.format(pk=world.unit_a.pk, year=2999)).status_code == 404
    assert client_for(world, "council_member").get(SHEET.format(pk=world.unit_a.pk, year=2025)).status_code == 403


@pytest.mark.parametrize("extra", [0, 25])
def test_the_sheet_runs_a_fixed_number_of_queries(world, extra, django_assert_num_queries):
    for index in range(extra):
        person = make_person(f"Người thử {index:03d}", unit=world.unit_a)
        Rating.objects.create(person=person, year=2025, level="HTNV")
    client = client_for(world, "clerk_a")
    url = SHEET.format(pk=world.unit_a.pk, year=2025)
    client.get(url)
    with django_assert_num_queries(SHEET_QUERIES):
        response = client.get(url)
    assert len(response.context["rows"]) == 1 + extra


# session, user, memberships, the unit tree and successions (scope), the unit, the people, their ratings.
SHEET_QUERIES = 8


def test_sheet_rows_list_every_person_of_the_unit_with_the_year_rating(world):
    chi = make_person("Lê Thị Chi", unit=world.unit_a)
    Rating.objects.create(person=chi, year=2025, level="HTXSNV")
    Rating.objects.create(person=world.person_a, year=2024, level="HTNV")
    assert [(row.person.full_name, row.level) for row in sheet_rows(world.unit_a, 2025)] == [
        ("Lê Thị Chi", "HTXSNV"), ("Nguyễn Văn An", "")]


def test_the_unit_page_and_the_lines_panel_link_to_the_sheet(world):
    dossier = make_dossier(world.unit_a)
    make_line(dossier, person=world.person_a)
    verdicts.recompute(person_ids=[world.person_a.pk])
    client = client_for(world, "clerk_a")
    assert f"/awards/units/{world.unit_a.pk}/ratings/" in client.get(f"/units/{world.unit_a.pk}/").content.decode()
    panel = client.get(f"/dossiers/{dossier.pk}/lines/").content.decode()
    assert f'href="{SHEET.format(pk=world.unit_a.pk, year=2025)}"' in panel
