"""The dashboards in real Chromium: the specialist's province dashboard and a unit clerk's own, on a desktop
(1366×768) and a phone (390×844): charts drawn, figures in the tables, no horizontal overflow on the phone,
no Content-Security-Policy violation; screenshots saved as artefacts."""

import pytest

from tests.factories import PASSWORD
from tests.reports.dash.small_world import YEAR, build

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def _page(browser, viewport, violations):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=viewport,
                                  is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    return context, page


def _sign_in(page, base, username):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(base + "/")


def _no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize(("viewport", "label"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_specialist_and_unit_dashboards(live_server, browser, artifacts_dir, world, viewport, label):
    build(world)
    violations: list[str] = []
    context, page = _page(browser, viewport, violations)
    try:
        _sign_in(page, live_server.url, "chuyenvien")
        page.goto(live_server.url + "/reports/")
        page.click("#hub-dashboard")
        page.select_option("#dash-year-select", str(YEAR))
        page.click("#dash-year button")
        page.wait_for_url(f"**/reports/dashboard/?year={YEAR}")
        assert page.locator("h1").inner_text() == "Bảng điều khiển toàn tỉnh"
        assert page.locator("svg.chart[role=img]").count() == 10
        assert page.locator("#dash-awards_by_year tbody tr").last.inner_text().split("\t") == [
            "2025", "0", "2", "2", "4"]
        assert page.locator("#dash-equity figcaption").first.inner_text() == (
            "Khen thưởng cho người trực tiếp lao động, sản xuất, công tác: 66,7 % · chỉ tiêu 60,0 %")
        bar = page.locator("#dash-awards_by_year svg rect.s1:has(title)").last.bounding_box()  # 2025, province level
        assert bar is not None and bar["height"] > 0
        if viewport is PHONE:
            assert _no_horizontal_overflow(page)
        page.screenshot(path=artifacts_dir / f"dashboard-province-{label}.png", full_page=True)
        with page.expect_download() as download:
            page.click("#dash-export")
        assert download.value.suggested_filename == f"bang-dieu-khien-{YEAR}.xlsx"
        if viewport is PHONE:  # on a phone the menu folds behind "Menu"
            page.click("#menu-toggle")
        page.click("#menu-group-account > summary")
        page.click(".usermenu button.link")

        _sign_in(page, live_server.url, "vanthu.a")
        page.goto(live_server.url + "/reports/")
        page.click("a.hub-unit-dashboard")
        page.goto(page.url + f"?year={YEAR}")
        assert page.locator("h1").inner_text() == "Bảng điều khiển của Sở Y tế"
        assert page.locator("#dash-dossiers tbody tr").first.inner_text().split("\t") == ["Đang thẩm định", "1", "1"]
        if viewport is PHONE:
            assert _no_horizontal_overflow(page)
        page.screenshot(path=artifacts_dir / f"dashboard-unit-{label}.png", full_page=True)
        assert violations == []
    finally:
        context.close()
