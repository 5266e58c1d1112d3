"""Done means (issue 18): for the statistical year that holds the demo's signed decisions, `stats_form` produces
all five forms for the demo province; 0603's total equals a direct count of the demo's signed provincial award
lines of that period and is not zero; every total equals the sum of its parts; bad input exits 2 with a
Vietnamese message; the Excel is values only with the official header."""

import datetime
import io
import json
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tdkt.decisions.enums import ISSUED_STATES, LineKind
from tdkt.decisions.models import DecisionLine
from tdkt.orgs.models import Unit
from tdkt.reports.periods import statistical_year, statistical_year_of

FORMS = ["0601", "0602", "0603", "0604", "0605"]


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO(), province="Lào Cai", persons=200, seed="7")
    return statistical_year_of(timezone.localdate())


def stats_form(*args) -> dict:
    out = StringIO()
    call_command("stats_form", *args, stdout=out)
    return json.loads(out.getvalue())


def signed_provincial_lines(year: int, **extra) -> int:
    period = statistical_year(year)
    return DecisionLine.objects.filter(
        decision__state__in=ISSUED_STATES, kind=LineKind.AWARD, award_type__level="province",
        decision__decision_date__gte=period.start, decision__decision_date__lte=period.end, **extra).count()


def test_stats_form_produces_the_five_forms_of_the_demo_province(demo, tmp_path):
    year = demo
    outputs = {number: stats_form(number, "--period", str(year), "--json") for number in FORMS}
    for number, output in outputs.items():
        assert output["form"] == number and output["circular"] == "02/2023"
        assert output["status"] == "Mẫu theo TT 02/2023, chưa đối chiếu phụ lục chính thức"
        assert output["period"] == {"from": f"{year - 1}-12-01", "to": f"{year}-11-30"}
        assert output["unit"] is None
        assert output["rows"][0]["code"] == "01" and "1" in output["rows"][0]["cells"]
        assert [check for check in output["checks"] if not check["ok"]] == []
    direct = signed_provincial_lines(year)
    assert direct > 0
    assert outputs["0603"]["rows"][0]["cells"]["1"] == direct
    # The same question twice gives the same figures.
    assert stats_form("0603", "--period", str(year), "--json") == outputs["0603"]
    # Unconfirmed groups are counted "chưa phân loại" and warned, in Vietnamese.
    rows = {row["code"]: row["cells"] for row in outputs["0603"]["rows"]}
    unclassified = [w for w in outputs["0603"]["warnings"] if w["code"] == "unclassified_individuals"]
    # The demo confirms about nine persons in ten (the suggestion): whatever is left unclassified is warned.
    assert rows["20"]["1"] == (unclassified[0]["count"] if unclassified else 0)
    assert all("chưa phân loại" in warning["message"] for warning in unclassified)

    # A unit's own report: the Sở Y tế's subtree only.
    health = Unit.objects.get(name="Sở Y tế", parent__parent__isnull=True)
    own = stats_form("0603", "--period", str(year), "--unit", health.code, "--json")
    assert own["unit"] == {"code": health.code, "name": "Sở Y tế"}
    from tdkt.reports.register import units_under

    ids = units_under(health)
    assert own["rows"][0]["cells"]["1"] == DecisionLine.objects.filter(
        decision__state__in=ISSUED_STATES, kind=LineKind.AWARD, award_type__level="province",
        decision__decision_date__gte=statistical_year(year).start,
        decision__decision_date__lte=statistical_year(year).end).filter(
        person__unit_id__in=ids).count() + DecisionLine.objects.filter(
        decision__state__in=ISSUED_STATES, kind=LineKind.AWARD, award_type__level="province",
        decision__decision_date__gte=statistical_year(year).start,
        decision__decision_date__lte=statistical_year(year).end, unit_id__in=ids).count()

    # The Excel: the official header, values only.
    path = tmp_path / "0603.xlsx"
    out = StringIO()
    call_command("stats_form", "0603", "--period", str(year), "--xlsx", str(path), stdout=out)
    assert "0603" in out.getvalue()
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    sheet = book.active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert values[0] == "Biểu số: 0603.N/BNV-TĐKT"
    texts = [v.strip() for v in values if isinstance(v, str)]
    assert f"Ngày nhận báo cáo: 15/12/{year}" in texts
    assert "Đơn vị báo cáo: Ủy ban nhân dân tỉnh Lào Cai" in texts
    assert "Đơn vị nhận báo cáo: Bộ Nội vụ" in texts
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, TỈNH" in texts
    assert {"NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "Bằng khen", "Kỷ niệm chương", "Chưa phân loại"} <= set(texts)
    assert not [v for v in texts if v.startswith("=")]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    total_row = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Tổng số")
    assert total_row[2] == direct


def test_bad_input_exits_2_with_a_vietnamese_message(db):
    cases = [(["0699", "--period", "2026"], "Biểu “0699” không có trong thông tư 02/2023"),
             (["0603", "--period", "20x6"], "“20x6” không phải là năm thống kê"),
             (["0603", "--period", "1200"], "“1200” không phải là năm thống kê"),
             (["0603", "--period", "2026", "--unit", "KHONG-CO"], "Không có đơn vị mã “KHONG-CO”"),
             (["0603", "--period", "2026", "--circular", "18/2025"], "Không có thông tư “18/2025”")]
    for args, message in cases:
        with pytest.raises(CommandError, match=message) as caught:
            call_command("stats_form", *args, "--json", stdout=StringIO())
        assert caught.value.returncode == 2


def test_a_period_with_no_data_gives_zeros(db):
    output = stats_form("0603", "--period", "2001", "--json")
    assert {n for row in output["rows"] for n in row["cells"].values()} == {0}
    assert output["warnings"] == [] and output["period"]["to"] == datetime.date(2001, 11, 30).isoformat()
