"""The header in real Chromium: on a phone the menu opens behind "Menu", a page is reached through it, the
breadcrumb leads back, a person is found by a name typed without diacritics, and "Hướng dẫn" on a dossier page
lands on the dossier section of the guide. On a desktop the collapsed bar stays within 60 px. Screenshots of
the menu at both sizes go to test-artifacts/."""

from tdkt.dossiers.models import Dossier
from tests.factories import PASSWORD

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def _context(browser, viewport):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=viewport)
    context.set_default_timeout(15_000)
    return context


def _sign_in(page, base, username):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(base + "/")


def test_desktop_menu_fits_and_marks_the_current_page(live_server, browser, artifacts_dir, world):
    context = _context(browser, DESKTOP)
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        _sign_in(page, live_server.url, "chuyenvien")
        page.screenshot(path=artifacts_dir / "menu-desktop-collapsed.png")
        assert page.locator("header.topbar").bounding_box()["height"] <= 60
        assert page.locator("#menu-toggle").is_hidden()
        page.click("#menu-group-catalogues > summary")
        page.screenshot(path=artifacts_dir / "menu-desktop.png")
        page.click("#menu-people")
        page.wait_for_url("**/people/")
        assert page.locator("#menu-group-catalogues").get_attribute("class") == "navgroup current"
        assert page.locator('#menu-people[aria-current="page"]').count() == 1
        page.click("#menu-group-dossiers > summary")
        assert page.locator("#menu-group-catalogues").get_attribute("open") is None  # one group open at a time
        page.keyboard.press("Escape")
        assert page.locator("#menu-group-dossiers").get_attribute("open") is None
        # The skip link is the page's first focusable element, shown when focused, and leads to the content.
        first = page.evaluate("document.querySelector('a[href], button, input, summary, select, textarea').className")
        assert first == "skip-link"
        page.focus(".skip-link")
        assert page.locator(".skip-link").bounding_box()["x"] >= 0
        page.keyboard.press("Enter")
        page.wait_for_url("**/people/#main")
    finally:
        context.close()
    assert violations == []


def test_phone_menu_breadcrumb_search_and_guide(live_server, browser, artifacts_dir, world):
    dossier = Dossier.objects.create(unit=world.unit_a, year=2025, title="Hồ sơ khen thưởng tổng kết năm 2025")
    context = _context(browser, PHONE)
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    base = live_server.url
    try:
        _sign_in(page, base, "vanthu.a")
        assert page.locator("#topnav").is_hidden()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.click("#menu-toggle")
        assert page.locator("#menu-toggle").get_attribute("aria-expanded") == "true"
        page.click("#menu-group-catalogues > summary")
        page.screenshot(path=artifacts_dir / "menu-phone.png", full_page=True)
        page.click("#menu-people")
        page.wait_for_url("**/people/")
        page.click(f'a[href="/people/{world.person_a.pk}/"]')
        page.wait_for_url(f"**/people/{world.person_a.pk}/")
        assert page.locator("nav.breadcrumbs [aria-current=page]").inner_text() == "Nguyễn Văn An"
        page.click("#crumb-section")
        page.wait_for_url("**/people/")

        page.click("#menu-toggle")
        page.fill("#site-search", "nguyen van an")
        page.press("#site-search", "Enter")
        page.wait_for_url("**/tim-kiem/?q=nguyen+van+an")
        assert page.locator("#found-people li a").all_inner_texts() == ["Nguyễn Văn An"]
        page.screenshot(path=artifacts_dir / "search-phone.png", full_page=True)

        page.goto(f"{base}/dossiers/{dossier.pk}/")
        page.click("#menu-toggle")
        page.click("#help-link")
        page.wait_for_url("**/huong-dan/ho-so-de-nghi/#ho-so-de-nghi-khen-thuong")
        assert page.locator("#ho-so-de-nghi-khen-thuong").inner_text() == "Hồ sơ đề nghị khen thưởng"
        assert page.locator("#ho-so-de-nghi-khen-thuong").is_visible()
    finally:
        context.close()
    assert violations == []
