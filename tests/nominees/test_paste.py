"""Pasting a nominee list from Excel: the clipboard's rows read as a file's (paste.py), then the one import."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tdkt.dossiers.models import Nomination
from tdkt.dossiers.nominees.importing import PASTE_NAME, import_paste
from tdkt.dossiers.nominees.parsing import ListFileError, parse_list
from tdkt.dossiers.nominees.paste import paste_rows, split_clipboard
from tdkt.people.models import Person
from tests.conftest import client_for
from tests.factories import make_person
from tests.nominees.helpers import make_dossier

TODAY = datetime.date(2026, 1, 15)
HEADER = "STT\tHọ và tên\tChức vụ, đơn vị\tHình thức đề nghị"


def excel_cell(text: str) -> str:
    """A cell as Excel puts it on the clipboard: quoted (quotes doubled) when it holds a tab, a line break or
    starts with a quote."""
    if any(char in text for char in "\t\n") or text.startswith('"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def clipboard(grid, newline="\r\n") -> str:
    return "".join("\t".join(excel_cell(cell) for cell in row) + newline for row in grid)


cell_text = st.text(alphabet=st.sampled_from(list("ab Ă ôƯđ\"\t\n1.,")), max_size=8)


@given(grid=st.lists(st.lists(cell_text, min_size=1, max_size=6), min_size=1, max_size=8),
       newline=st.sampled_from(["\r\n", "\n", "\r"]))
def test_clipboard_rows_are_read_back_cell_for_cell(grid, newline):
    assert split_clipboard(clipboard(grid, newline)) == grid


@given(names=st.lists(st.sampled_from(["Ông Nguyễn Văn An", "Bà Trần Thị Bình", "NGUYỄN  VĂN  CƯỜNG",
                                       "Đ/c Lò Thị Dung"]), min_size=1, max_size=12),
       trailing=st.integers(min_value=0, max_value=3), with_header=st.booleans(),
       newline=st.sampled_from(["\r\n", "\n"]))
def test_a_paste_gives_one_line_per_row_without_honorifics(names, trailing, with_header, newline):
    rows = [[str(index), name, "Chuyên viên", "Lao động tiên tiến"] + [""] * trailing
            for index, name in enumerate(names, 1)]
    text = (HEADER + newline if with_header else "") + newline.join("\t".join(row) for row in rows) + newline
    parsed = parse_list(paste_rows(text), today=TODAY)
    assert parsed.problems == []
    assert [line.name for line in parsed.lines] == [
        {"Ông Nguyễn Văn An": "Nguyễn Văn An", "Bà Trần Thị Bình": "Trần Thị Bình",
         "NGUYỄN  VĂN  CƯỜNG": "NGUYỄN VĂN CƯỜNG", "Đ/c Lò Thị Dung": "Lò Thị Dung"}[name] for name in names]
    first = 2 if with_header else 1
    assert [line.row for line in parsed.lines] == list(range(first, first + len(names)))


def test_merged_and_blank_cells_name_the_pasted_row():
    text = "1\tNguyễn Văn An\tChuyên viên\tLao động tiên tiến\r\n\r\n2\t\tBác sĩ\tLao động tiên tiến\r\n"
    parsed = parse_list(paste_rows(text), today=TODAY)
    assert [(problem.row, problem.column, problem.message) for problem in parsed.problems] == [
        (3, "Họ và tên", "chưa ghi họ và tên.")]


def test_the_template_layout_is_read_without_its_header():
    row = ["1", "Bà Trần Thị Bình", "", "12/05/1990", "", "Bác sĩ, Bệnh viện", "Cá nhân", "", "Lao động tiên tiến", ""]
    parsed = parse_list(paste_rows("\t".join(row) + "\r\n"), today=TODAY)
    assert parsed.problems == []
    line = parsed.lines[0]
    assert (line.name, line.gender, line.birth_date, line.position_and_unit, line.award_text) == (
        "Trần Thị Bình", "female", datetime.date(1990, 5, 12), "Bác sĩ, Bệnh viện", "Lao động tiên tiến")


def test_a_paste_of_unknown_columns_without_header_is_refused():
    with pytest.raises(ListFileError, match="không có dòng tiêu đề và 2 cột"):
        paste_rows("Nguyễn Văn An\tLao động tiên tiến\r\n")
    with pytest.raises(ListFileError, match="Chưa dán gì"):
        paste_rows("\t\t\r\n\r\n")


@pytest.fixture
def dossier(world):
    return make_dossier(world.unit_a)


def test_forty_pasted_lines_are_imported_all_or_nothing(world, dossier):
    clerk = world.users["clerk_a"]
    rows = [[str(index), f"{'Ông' if index % 2 else 'Bà'} Người Dán {index:02d}", "Chuyên viên, Sở Y tế",
             "Lao động tiên tiến" if index % 10 else "Chiến sĩ thi đua cơ sở", "", ""] for index in range(1, 41)]
    text = "SỞ Y TẾ\r\n" + HEADER + "\t\t\r\n" + "\r\n".join("\t".join(row) for row in rows) + "\r\n"
    bad = text.replace("Lao động tiên tiến", "", 1)
    outcome = import_paste(dossier, bad, by=clerk)
    assert [(problem.row, problem.column) for problem in outcome.problems] == [(3, "Hình thức đề nghị")]
    assert not outcome.saved
    assert Nomination.objects.filter(dossier=dossier).count() == 0
    outcome = import_paste(dossier, text, by=clerk)
    assert outcome.needs_review and [row.line.row for row in outcome.review] == list(range(3, 43))
    assert Nomination.objects.filter(dossier=dossier).count() == 0
    outcome = import_paste(dossier, text, by=clerk, choices=dict.fromkeys(range(3, 43), "create"))
    assert outcome.problems == [] and outcome.lines == 40
    lines = list(Nomination.objects.filter(dossier=dossier).select_related("person", "award_type").order_by("position"))
    assert [line.person.full_name for line in lines][:2] == ["Người Dán 01", "Người Dán 02"]
    assert [line.award_type.code for line in lines].count("CSTD_CS") == 4
    assert {line.import_batch for line in lines} == {outcome.batch}
    assert Person.objects.filter(full_name__startswith="Người Dán").count() == 40
    assert all(line.verdict_live for line in lines)
    assert dossier.events.filter(reason__contains=PASTE_NAME).count() == 1


def test_the_paste_view_imports_or_sends_doubtful_rows_to_review(world, dossier):
    make_person("Trần Thị Bình", unit=world.unit_a_child, birth_year=1990)
    make_person("Trần Thị Bình", unit=world.unit_a, birth_year=1975)
    client = client_for(world, "clerk_a")
    lines_page = client.get(reverse("nominees:lines", kwargs={"pk": dossier.pk})).content.decode()
    assert 'id="paste-lines"' in lines_page and "Dán từ Excel" in lines_page
    url = reverse("nominees:import_paste", kwargs={"pk": dossier.pk})
    page = client.post(url, {"rows": "Nguyễn Văn An\tLao động tiên tiến\r\n"})
    assert page.status_code == 200 and "không có dòng tiêu đề và 2 cột" in page.content.decode()
    response = client.post(url, {"rows": HEADER + "\r\n1\tBà Trần Thị Bình\tBác sĩ\tLao động tiên tiến\r\n"})
    assert response.status_code == 302 and "/review/" in response["Location"]
    assert Nomination.objects.filter(dossier=dossier).count() == 0
    review = client.get(response["Location"]).content.decode()
    assert "Trần Thị Bình" in review
    response = client.post(url, {"rows": "1\tÔng Lê Văn Chiến\tKế toán\tLao động tiên tiến\t\t\r\n"})
    assert response.status_code == 302 and "/review/" in response["Location"]
    response = client.post(response["Location"], {"row-1": "create"})
    assert response.status_code == 302 and "/review/" not in response["Location"]
    assert [str(line.recipient) for line in Nomination.objects.filter(dossier=dossier)] == ["Lê Văn Chiến"]


def test_another_units_clerk_cannot_paste(world, dossier):
    response = client_for(world, "clerk_b").post(reverse("nominees:import_paste", kwargs={"pk": dossier.pk}),
                                                 {"rows": HEADER + "\r\n1\tLê Văn Chiến\tKế toán\tLao động tiên tiến"})
    assert response.status_code == 404
    assert Nomination.objects.filter(dossier=dossier).count() == 0
