"""The list templates a unit downloads (issue 13): Excel with drop-down lists and a guide, Word table; both read
back by the importer exactly; the award picker offers only what the dossier may propose."""

import io

import docx
import openpyxl
import pytest
from django.urls import reverse

from tdkt.dossiers.models import Nomination
from tdkt.dossiers.nominees.blanks import proposable_awards, write_template_docx, write_template_xlsx
from tdkt.dossiers.nominees.importing import import_list
from tdkt.people.models import Person
from tests.conftest import client_for
from tests.factories import make_person
from tests.nominees.files import upload
from tests.nominees.helpers import make_dossier


@pytest.mark.parametrize(("to_province", "offered", "refused"), [
    # Luật TĐKT Đ80.1: a department's head decides the grassroots titles and Giấy khen, nothing higher.
    (False, {"LDTT", "CSTD_CS", "TTLDTT", "GK"}, {"CSTD_TINH", "BK_TINH", "BK_TTG", "THON_VH"}),
    # NĐ152 Đ6.2.b: the provincial chairman decides CSTĐ tỉnh and Bằng khen; State-level awards go up through him.
    (True, {"CSTD_TINH", "BK_TINH", "BK_TTG", "HCLD3"}, {"LDTT", "CSTD_CS", "GK", "TTLDTT"}),
])
def test_proposable_awards_follow_the_receiving_authority(world, to_province, offered, refused):
    dossier = make_dossier(world.unit_a, to_province=to_province)
    codes = {award.code for award in proposable_awards(dossier)}
    assert offered <= codes
    assert not refused & codes
    client = client_for(world, "clerk_a")
    page = client.get(reverse("nominees:line_add", kwargs={"pk": dossier.pk}))
    assert {award.code for award in page.context["form"].fields["award_type"].queryset} == codes


def _written(write, dossier) -> io.BytesIO:
    buffer = io.BytesIO()
    write(buffer, dossier)
    buffer.seek(0)
    return buffer


def _fill_xlsx(dossier, rows) -> bytes:
    book = openpyxl.load_workbook(_written(write_template_xlsx, dossier))
    sheet = book["Danh sách"]
    first = next(cell.row for cell in sheet["A"] if cell.value == 1)
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, 2):
            sheet.cell(row=first + offset, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_excel_template_has_lists_and_a_guide_and_reads_back(world):
    dossier = make_dossier(world.unit_a)
    book = openpyxl.load_workbook(_written(write_template_xlsx, dossier))
    assert book.sheetnames == ["Danh sách", "Danh mục", "Hướng dẫn"]
    validations = book["Danh sách"].data_validations.dataValidation
    assert len(validations) == 3 and all(v.type == "list" for v in validations)
    assert "Đ/c" in " ".join(str(row[0]) for row in book["Hướng dẫn"].iter_rows(values_only=True))
    listed = [row[0] for row in book["Danh mục"].iter_rows(values_only=True) if row[0]]
    assert listed == [award.name for award in proposable_awards(dossier)]
    data = _fill_xlsx(dossier, [
        ["Ông Nguyễn Văn An", "04/03/1985", None, None, "Chuyên viên, Sở Y tế", "Cá nhân", None, "Lao động tiên tiến"],
        ["Đặng Thị Đào", None, "1990", None, "Điều dưỡng", "Cá nhân", None, "Lao động tiên tiến"],
        ["Bệnh viện Đa khoa tỉnh", None, None, None, "", "Tập thể", None, "Tập thể lao động tiên tiến"],
        ["Lê Thị Mới", None, "02/02/1992", None, "Dược sĩ, Bệnh viện Đa khoa tỉnh", "Cá nhân", "Viên chức",
         "Lao động tiên tiến"]])
    outcome = import_list(dossier, upload(data), by=world.users["clerk_a"], choices={11: "create"})
    assert [str(p) for p in outcome.problems] == [] and outcome.ok, outcome.review
    assert sorted(str(n.recipient) for n in Nomination.objects.filter(dossier=dossier)) == [
        "Bệnh viện Đa khoa tỉnh", "Lê Thị Mới", "Nguyễn Văn An", "Đặng Thị Đào"]
    new = Person.objects.get(full_name="Lê Thị Mới")
    assert (new.gender, new.unit, new.birth_year, new.category) == ("female", world.unit_a_child, 1992,
                                                                    "public_employee")


def test_word_template_reads_back(world):
    dossier = make_dossier(world.unit_a)
    make_person("Hoàng Văn Chiến", unit=world.unit_a_child, birth_year=1975, gender="male")
    document = docx.Document(_written(write_template_docx, dossier))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    empty = [row for row in table.rows[1:] if not any(cell.text for cell in row.cells)]
    values = [["1", "Bệnh viện Đa khoa tỉnh", "", "", "", "Tập thể lao động tiên tiến"], [],
              [], ["1", "Đ/c Hoàng Văn Chiến", "1975", "Nam", "Trưởng khoa", "Lao động tiên tiến"]]
    # three empty rows under "I. TẬP THỂ", then the rows under "II. CÁ NHÂN"
    for row, texts in zip(empty, values, strict=False):
        for cell, text in zip(row.cells, texts, strict=False):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    outcome = import_list(dossier, upload(buffer.getvalue(), "mau.docx"), by=world.users["clerk_a"])
    assert [str(p) for p in outcome.problems] == [] and outcome.ok, outcome.review
    assert sorted(str(n.recipient) for n in Nomination.objects.filter(dossier=dossier)) == [
        "Bệnh viện Đa khoa tỉnh", "Hoàng Văn Chiến"]


def test_templates_are_downloaded(world):
    dossier = make_dossier(world.unit_a)
    client = client_for(world, "clerk_a")
    for name, kind in (("nominees:import_template_xlsx", "spreadsheetml"), ("nominees:import_template_docx",
                                                                             "wordprocessingml")):
        response = client.get(reverse(name, kwargs={"pk": dossier.pk}))
        assert response.status_code == 200 and response.streaming and kind in response["Content-Type"]
        assert b"".join(response.streaming_content)[:2] == b"PK"
