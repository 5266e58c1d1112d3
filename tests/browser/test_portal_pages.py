"""The public portal in Chromium (issue 22): every page kind passes axe-core (WCAG 2.1 A/AA and best practices)
with zero violations at a desktop and at a phone's viewport, is never wider than the phone, shows Vietnamese
only, and folds its menu behind the "Danh mục" button on the phone. A citizen finds a decision by a name typed
without diacritics and reaches its signed copy. Screenshots of each page at both sizes go to test-artifacts/."""

import json
import re
from pathlib import Path

from django.urls import reverse

from tdkt.decisions.certificates.services import issue_certificates
from tests.portal.support import launched_movement, with_signed_file
from tests.postings.support import published_notice

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
DESK = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# English words of the portal's own chrome and pages that would betray a missing translation.
ENGLISH = re.compile(r"\b(Search|Menu|Sign in|Home|Decision|Download|Movement|Skip|Portal|Verify|Published|Number|"
                     r"Title|Period|Launched|Objectives|results?)\b")


def _pages(world):
    decision = with_signed_file(world)
    notice = published_notice(world)
    movement = launched_movement(objectives="Mỗi xã có ít nhất một mô hình học tập cộng đồng.")
    code = issue_certificates(decision, by=world.users["specialist"])[0].code
    return {
        "trang-chu": reverse("portal:index"),
        "quyet-dinh": reverse("portal:decisions"),
        "quyet-dinh-chi-tiet": reverse("portal:decision", kwargs={"pk": decision.pk}),
        "tra-cuu": reverse("portal:verify"),
        "tra-cuu-ket-qua": reverse("portal:verify_code", kwargs={"code": code}),
        "tim-kiem": reverse("portal:search") + "?q=nguyen+van+an",
        "phong-trao": reverse("portal:movements"),
        "phong-trao-chi-tiet": reverse("portal:movement", kwargs={"pk": movement.pk}),
        "lay-y-kien": reverse("postings:public_list"),
        "lay-y-kien-chi-tiet": reverse("postings:public_detail", kwargs={"pk": notice.pk}),
    }


def _violations(page):
    page.add_script_tag(path=str(AXE))
    return [f"{v['id']}: {json.dumps([' '.join(map(str, n['target'])) for n in v['nodes'][:3]])}"
            for v in page.evaluate(RUN_AXE, AXE_TAGS)["violations"]]


def test_every_portal_page_kind_is_accessible_vietnamese_and_fits_a_phone(live_server, browser, world,
                                                                          artifacts_dir):
    pages = _pages(world)
    problems = []
    for size_name, viewport in (("desktop", DESK), ("phone", PHONE)):
        # axe is injected from the test, so the context bypasses the page's CSP; the application's stays strict.
        context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                      bypass_csp=True)
        page = context.new_page()
        for name, url in pages.items():
            response = page.goto(live_server.url + url)
            assert response.status == 200, url
            page.screenshot(path=artifacts_dir / f"portal-{name}-{size_name}.png", full_page=True)
            problems += [f"{size_name} {url} {violation}" for violation in _violations(page)]
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                problems.append(f"{size_name} {url} is {width} px wide")
            english = ENGLISH.findall(page.inner_text("body") + " " + page.title())
            if english:
                problems.append(f"{size_name} {url} shows English: {sorted(set(english))}")
        context.close()
    assert problems == []


def test_on_a_phone_the_menu_folds_behind_its_button(live_server, browser, world, artifacts_dir):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + reverse("portal:decisions"))
    toggle = page.locator("#menu-toggle")
    assert (toggle.inner_text(), toggle.get_attribute("aria-expanded")) == ("Danh mục", "false")
    assert page.locator("#portal-nav").is_visible() is False
    toggle.click()
    assert (toggle.get_attribute("aria-expanded"), page.locator("#portal-nav").is_visible()) == ("true", True)
    assert page.locator("#portal-nav a[aria-current]").inner_text() == "Quyết định khen thưởng"
    page.screenshot(path=artifacts_dir / "portal-menu-open-phone.png", full_page=True)
    context.close()


def test_a_citizen_finds_a_decision_by_a_name_without_diacritics_and_its_signed_copy(live_server, page, world,
                                                                                     artifacts_dir):
    decision = with_signed_file(world)
    page.goto(live_server.url + "/")
    assert page.url == live_server.url + "/portal/"
    page.fill("#portal-q", "nguyen van an")
    page.click(".portal-search button")
    page.wait_for_url("**/portal/tim-kiem/?q=nguyen+van+an")
    page.click("#results-decisions a")
    page.wait_for_url(f"**/portal/decisions/{decision.pk}/")
    assert page.locator("h1").inner_text() == "Quyết định số 123/QĐ-UBND ngày 15/12/2026"
    with page.expect_download() as download:
        page.click("#signed-copy-link")
    assert download.value.suggested_filename == "quyet-dinh-123-QĐ-UBND.pdf"
    page.screenshot(path=artifacts_dir / "portal-citizen-decision.png", full_page=True)
    page.click("#portal-home-link")
    page.wait_for_url("**/portal/")
