"""The dashboards on a small world: exact figures of every section, for the province and for a unit."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tdkt.reports.dashboards import page
from tests.conftest import client_for
from tests.factories import award_type
from tests.reports.dash.small_world import YEAR, build

pytestmark = pytest.mark.django_db


def _rows(dashboard, key):
    return next(s for s in dashboard.sections if s.key == key).rows


def test_province_dashboard_awards_by_year_and_level(world):
    build(world)
    rows = _rows(page.build(YEAR), "awards_by_year")
    assert len(rows) == 10
    assert rows[-1] == [2025, 0, 2, 2, 4]
    assert rows[-2] == [2024, 0, 0, 1, 1]
    assert all(row[1:] == [0, 0, 0, 0] for row in rows[:-2])


def test_province_dashboard_awards_by_form(world):
    build(world)
    rows = _rows(page.build(YEAR), "awards_by_form")
    name = {code: award_type(code).name for code in ("BK_TINH", "CO_TINH", "CSTD_CS", "LDTT")}
    assert sorted(rows) == sorted([[name["BK_TINH"], "Cấp bộ, ban, ngành, tỉnh", 1],
                                   [name["CO_TINH"], "Cấp bộ, ban, ngành, tỉnh", 1],
                                   [name["CSTD_CS"], "Cấp cơ sở", 1], [name["LDTT"], "Cấp cơ sở", 1]])


def test_province_dashboard_equity_shares_with_targets_and_previous_year(world):
    build(world)
    rows = {row[0]: row[1:] for row in _rows(page.build(YEAR), "equity")}
    d = Decimal
    assert rows == {
        "Khen thưởng cho người trực tiếp lao động, sản xuất, công tác": [2, 3, d("66.7"), d("0.0"), d("60.00"), "đạt"],
        "Khen thưởng cho nữ": [1, 3, d("33.3"), d("0.0"), d("40.00"), "chưa đạt"],
        "Khen thưởng cho người dân tộc thiểu số": [1, 3, d("33.3"), d("0.0"), None, ""],
        "Khen thưởng ở vùng sâu, vùng xa, biên giới, vùng đặc biệt khó khăn": [2, 4, d("50.0"), d("0.0"), None, ""],
        "Khen thưởng đột xuất": [1, 4, d("25.0"), d("0.0"), None, ""],
    }


def test_unit_dashboard_counts_only_the_units_subtree(world):
    build(world)
    dashboard = page.build(YEAR, world.unit_a)
    assert _rows(dashboard, "awards_by_year")[-1] == [2025, 0, 1, 1, 2]
    equity = {row[0]: row[1:4] for row in _rows(dashboard, "equity")}
    assert equity["Khen thưởng cho nữ"] == [1, 2, Decimal("50.0")]
    assert equity["Khen thưởng đột xuất"] == [1, 2, Decimal("50.0")]
    assert equity["Khen thưởng cho người dân tộc thiểu số"] == [0, 2, Decimal("0.0")]
    assert _rows(dashboard, "dossiers") == [["Đang thẩm định", 1, 1]]
    assert _rows(dashboard, "step_times") == [["Đã gửi", 1, 2, 2, 3, 0], ["Đã tiếp nhận", 1, 1, 1, 2, 0]]
    assert _rows(dashboard, "scoring") == [["Cụm thi đua số 1", "Cụm thi đua", *[None] * 9, Decimal("80.00")]]


def test_province_dashboard_dossiers_and_processing_times(world):
    build(world)
    dashboard = page.build(YEAR)
    assert _rows(dashboard, "dossiers") == [["Đã tiếp nhận", 1, 0], ["Đang thẩm định", 1, 1]]
    # submitted: 2 and 5 working days (median 3.5, nearest-rank 90th percentile 5; limit 3: one over)
    assert _rows(dashboard, "step_times") == [["Đã gửi", 2, 3.5, 5, 3, 1], ["Đã tiếp nhận", 1, 1, 1, 2, 0]]


def test_province_dashboard_scoring_prefers_the_year_end_round(world):
    build(world)
    assert _rows(page.build(YEAR), "scoring") == [["Cụm thi đua số 1", "Cụm thi đua", *[None] * 9, Decimal("85.00")]]


def test_a_year_without_data_gives_zeros_not_errors(world):
    dashboard = page.build(1990)
    assert _rows(dashboard, "awards_by_year")[-1] == [1990, 0, 0, 0, 0]
    assert [row[1:4] for row in _rows(dashboard, "equity")] == [[0, 0, None]] * 5
    assert _rows(dashboard, "dossiers") == [] and _rows(dashboard, "step_times") == []


def test_page_shows_charts_and_tables(world):
    build(world)
    response = client_for(world, "specialist").get(reverse("reports:dashboard"), {"year": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 10  # 5 charts + 5 share bars
    assert "66,7 %" in html and "Bảng điều khiển toàn tỉnh" in html
    assert 'href="/static/tdkt/reports-charts.css"' in html or "reports-charts" in html


def test_unit_dashboard_of_another_unit_is_404(world):
    response = client_for(world, "clerk_a").get(reverse("reports:unit_dashboard", kwargs={"pk": world.unit_b.pk}))
    assert response.status_code == 404
    export = client_for(world, "clerk_a").get(reverse("reports:dashboard_xlsx"), {"unit": world.unit_b.pk})
    assert export.status_code == 404


def test_same_question_twice_gives_the_same_figures(world):
    build(world)
    first, second = page.build(YEAR), page.build(YEAR)
    assert [s.rows for s in first.sections] == [s.rows for s in second.sections]
