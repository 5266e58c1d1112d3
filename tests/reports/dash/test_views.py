"""The dashboard pages: a fixed number of queries whatever the data, the Excel export (the tables' figures,
numbers as numbers), and the equity targets page."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.dossiers.enums import DossierState
from tdkt.reports.models import EquityTarget, StoredFigures
from tests.conftest import client_for
from tests.factories import make_award, make_person, make_unit
from tests.reports.dash.small_world import YEAR, build, make_dossier

pytestmark = pytest.mark.django_db


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured.captured_queries)


def _more_data(world):
    """Three times the records, dossiers, units and people, in more units and a second group."""
    for index in range(3):
        unit = make_unit(f"Xã Thử {index}", parent=world.unit_a, code=f"XT{index}", is_border=True)
        person = make_person(f"Lò Văn Thử {index}", unit=unit, ethnicity="Thái", gender="female")
        for day in (datetime.date(2025, 1, 10), datetime.date(2023, 5, 5)):
            make_award(person=person, code="LDTT", year=day.year, decision_date=day)
        make_award(unit=unit, code="GK", year=2025, decision_date=datetime.date(2025, 2, 2))
        make_dossier(unit, DossierState.RECEIVED, [(DossierState.SUBMITTED, datetime.date(2025, 4, 1)),
                                                   (DossierState.RECEIVED, datetime.date(2025, 4, 3))])


@pytest.mark.parametrize(("persona", "url_name", "unit_key"), [
    ("specialist", "reports:dashboard", None), ("clerk_a", "reports:unit_dashboard", "unit_a")])
def test_dashboard_takes_a_fixed_number_of_queries(world, persona, url_name, unit_key):
    """Counting the awards (the first view after a change to the register) and reading them stored (the views
    after it) each take a fixed number of queries."""
    build(world)
    client = client_for(world, persona)
    url = reverse(url_name, kwargs={"pk": getattr(world, unit_key).pk} if unit_key else {})
    client.get(url, {"year": YEAR})  # session and caches warm
    StoredFigures.objects.update(version="before a change")
    small_counted, small_stored = _queries(client, url, {"year": YEAR}), _queries(client, url, {"year": YEAR})
    _more_data(world)
    assert [_queries(client, url, {"year": YEAR}), _queries(client, url, {"year": YEAR})] == [
        small_counted, small_stored]
    assert small_stored <= 20 < small_counted


def _sheets(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def test_province_export_holds_every_table(world):
    build(world)
    response = client_for(world, "specialist").get(reverse("reports:dashboard_xlsx"), {"year": YEAR})
    assert response.status_code == 200
    assert "bang-dieu-khien-2025.xlsx" in response["Content-Disposition"]
    sheets = _sheets(response)
    assert list(sheets) == ["Theo năm, cấp", "Theo hình thức", "Tỷ lệ ưu tiên", "Hồ sơ theo trạng thái",
                            "Thời gian xử lý", "Chấm điểm cụm khối"]
    by_year = sheets["Theo năm, cấp"]
    assert by_year[0][0] == "Khen thưởng theo năm thống kê và cấp khen"
    assert by_year[1][0] == "Toàn tỉnh · năm thống kê 2025 (01/12/2024 – 30/11/2025)"
    assert by_year[-1] == [2025, 0, 2, 2, 4]
    equity = {row[0]: row[1:] for row in sheets["Tỷ lệ ưu tiên"] if row[0] and row[0].startswith("Khen thưởng cho nữ")}
    assert equity == {"Khen thưởng cho nữ": [1, 3, 33.3, 0, 40, "chưa đạt"]}
    assert sheets["Thời gian xử lý"][-2:] == [["Đã gửi", 2, 3.5, 5, 3, 1], ["Đã tiếp nhận", 1, 1, 1, 2, 0]]


def test_unit_export_is_the_units_own(world):
    build(world)
    response = client_for(world, "clerk_a").get(reverse("reports:dashboard_xlsx"),
                                                {"year": YEAR, "unit": world.unit_a.pk})
    assert response.status_code == 200
    assert _sheets(response)["Theo năm, cấp"][-1] == [2025, 0, 1, 1, 2]


def test_specialist_sets_a_target_and_the_dashboard_compares_with_it(world):
    build(world)
    client = client_for(world, "specialist")
    url = reverse("reports:equity_targets")
    response = client.post(url, {"measure": "ethnic_minority", "from_year": 2024, "percent": "30", "note": "KH 05"})
    assert response.status_code == 302
    client.post(url, {"measure": "ethnic_minority", "from_year": 2024, "percent": "35.5", "note": "KH 06"})
    target = EquityTarget.objects.get(measure="ethnic_minority")
    assert (target.percent, target.note, target.updated_by) == (Decimal("35.50"), "KH 06",
                                                                 world.users["specialist"])
    assert AuditEvent.objects.filter(object_type="reports.equitytarget").count() == 2
    page = client.get(reverse("reports:dashboard"), {"year": YEAR})
    row = next(r for r in next(s for s in page.context["dashboard"].sections if s.key == "equity").rows
               if r[0] == "Khen thưởng cho người dân tộc thiểu số")
    assert row[3:] == [Decimal("33.3"), Decimal("0.0"), Decimal("35.50"), "chưa đạt"]


def test_a_target_above_100_percent_is_refused(world):
    response = client_for(world, "specialist").post(reverse("reports:equity_targets"), {
        "measure": "women", "from_year": 2025, "percent": "120"})
    assert response.status_code == 200
    assert "percent" in response.context["form"].errors
    assert not EquityTarget.objects.exists()


def test_nonsense_year_falls_back_to_the_current_one(world):
    response = client_for(world, "specialist").get(reverse("reports:dashboard"), {"year": "abc"})
    assert response.status_code == 200
    assert response.context["dashboard"].year == (datetime.date.today().year
                                                  + (1 if datetime.date.today().month == 12 else 0))
