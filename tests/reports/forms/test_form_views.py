"""The forms' screens: a unit officer gets the own unit's form and 404 for another unit's; every non-zero cell
links to exactly the records behind it (a fixed number of queries whatever their number); checks and warnings
stand above the table; the Excel and the PDF carry the official header."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from tdkt.awards.models import AwardRecord
from tests.conftest import client_for
from tests.factories import award_type, make_person

KWARGS = {"circular": "02-2023", "form": "0603"}
YEAR = 2026


def form_url(name="reports:form", **extra):
    return reverse(name, kwargs=KWARGS | extra)


def bk(person=None, day=datetime.date(2026, 3, 2), **extra):
    recipient = {"person": person} if person else {}
    return AwardRecord.objects.create(**recipient, award_type=award_type("BK_TINH"), year=2026, decision_date=day,
                                      decision_number="12/QĐ-UBND", **extra)


@pytest.fixture
def awards(world):
    bk(world.person_a)
    bk(world.person_a_child)
    bk(world.person_b)
    return world


def test_the_specialist_sees_the_province_and_may_choose_a_unit(awards):
    client = client_for(awards, "specialist")
    page = client.get(form_url(), {"year": YEAR}).content.decode()
    assert 'id="form-status"' in page and "Mẫu theo TT 02/2023, chưa đối chiếu phụ lục chính thức" in page
    cell = form_url("reports:form_cell", row="01", column="1")
    assert f'<a href="{cell}?year={YEAR}">3</a>' in page
    assert 'id="checks-ok"' in page
    # Unconfirmed groups: warned, with the link where they are confirmed.
    assert "/people/groups/" in page or reverse("people:groups") in page
    unit_page = client.get(form_url(), {"year": YEAR, "unit": awards.unit_a.pk}).content.decode()
    assert f'<a href="{cell}?year={YEAR}&amp;unit={awards.unit_a.pk}">2</a>' in unit_page
    assert f'?unit={awards.unit_a.pk}"' in unit_page  # the groups link names the unit


def test_a_unit_officer_gets_the_own_unit_and_404_for_another(awards):
    clerk = client_for(awards, "clerk_a")
    page = clerk.get(form_url(), {"year": YEAR}).content.decode()
    cell = form_url("reports:form_cell", row="01", column="1")
    assert f'<a href="{cell}?year={YEAR}&amp;unit={awards.unit_a.pk}">2</a>' in page
    assert 'name="unit"' not in page  # no unit chooser
    assert clerk.get(form_url(), {"year": YEAR, "unit": awards.unit_a_child.pk}).status_code == 200  # its subtree
    for name in ("reports:form", "reports:form_xlsx", "reports:form_pdf"):
        assert clerk.get(form_url(name), {"year": YEAR, "unit": awards.unit_b.pk}).status_code == 404
    assert clerk.get(form_url("reports:form_cell", row="01", column="1"),
                     {"year": YEAR, "unit": awards.unit_b.pk}).status_code == 404
    other = client_for(awards, "clerk_b")
    assert other.get(form_url(), {"year": YEAR, "unit": awards.unit_a.pk}).status_code == 404
    assert other.get(form_url(), {"year": YEAR, "unit": "abc"}).status_code == 404


def test_unknown_form_row_or_year_is_404(awards):
    client = client_for(awards, "specialist")
    assert client.get(reverse("reports:form", kwargs={"circular": "02-2023", "form": "0699"})).status_code == 404
    assert client.get(reverse("reports:form", kwargs={"circular": "18-2025", "form": "0603"})).status_code == 404
    assert client.get(form_url(), {"year": "12"}).status_code == 404
    assert client.get(form_url("reports:form_cell", row="99", column="1")).status_code == 404
    assert client.get(form_url("reports:form_cell", row="01", column="9")).status_code == 404


def test_a_cell_lists_exactly_its_records_in_a_fixed_number_of_queries(awards):
    client = client_for(awards, "specialist")
    url = form_url("reports:form_cell", row="14", column="2")
    client.get(url, {"year": YEAR})  # its first page marks the session active (a write)
    counts = []
    for extra in (0, 2):
        for i in range(extra):
            bk(make_person(f"Hoàng Văn Thêm {i}", unit=awards.unit_b))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"year": YEAR})
        counts.append(len(captured))
    assert counts[0] == counts[1]
    page = response.content.decode()
    names = ["Nguyễn Văn An", "Đặng Thị Đào", "Giàng A Páo", "Hoàng Văn Thêm 0", "Hoàng Văn Thêm 1"]
    assert all(name in page for name in names) and page.count('class="recipient"') == 5
    # Not the records of another year, another level or another row.
    bk(make_person("Ngoài Kỳ", unit=awards.unit_b), day=datetime.date(2026, 12, 1))
    AwardRecord.objects.create(unit=awards.unit_b, award_type=award_type("BK_TINH"), year=2026,
                               decision_date=datetime.date(2026, 3, 2))
    page = client.get(url, {"year": YEAR}).content.decode()
    assert "Ngoài Kỳ" not in page and page.count('class="recipient"') == 5


def test_failed_checks_are_shown_before_export(awards, monkeypatch):
    from tdkt.reports.statistics import compute as compute_module
    from tdkt.reports.statistics.definitions import Check

    original = compute_module._checks

    def broken(definition, cells):
        return original(definition, cells) + [compute_module.CheckResult("row", "01", ("14",), "1", 3, 2)]

    monkeypatch.setattr(compute_module, "_checks", broken)
    assert Check  # the definitions' check type
    page = client_for(awards, "specialist").get(form_url(), {"year": YEAR}).content.decode()
    assert 'class="error"' in page and page.index("form-checks") < page.index("form-table")


def test_excel_and_pdf_in_the_official_layout(awards):
    client = client_for(awards, "specialist")
    response = client.get(form_url("reports:form_xlsx"), {"year": YEAR})
    assert response["Content-Disposition"] == 'attachment; filename="bieu-0603-2026.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    texts = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert texts[0] == "Biểu số: 0603.N/BNV-TĐKT" and "Đơn vị nhận báo cáo: Bộ Nội vụ" in texts
    assert "Năm 2026 (từ ngày 01/12/2025 đến ngày 30/11/2026)" in texts
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet.merged_cells.ranges  # the merged header
    response = client.get(form_url("reports:form_pdf"), {"year": YEAR, "unit": awards.unit_a.pk})
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("Biểu số: 0603.N/BNV-TĐKT", "Đơn vị báo cáo: Sở Y tế", "Ngày nhận báo cáo: 15/12/2026",
                     "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "Chưa phân loại", "Kỷ niệm chương"):
        assert expected in text


def test_the_forms_list_and_the_hub_link(awards):
    client = client_for(awards, "clerk_a")
    page = client.get(reverse("reports:forms")).content.decode()
    assert "0601.N/BNV-TĐKT" in page and "0605.N/BNV-TĐKT" in page and 'id="circular-status"' in page
    assert reverse("reports:forms") in client.get(reverse("reports:index")).content.decode()
