"""Print stylesheet (static/tdkt/print.css, media=print): on paper a decision's page has no menu bar, no
buttons or forms, black text on white, link addresses not printed, and table rows never cut across pages.
The printed page is saved as a PDF in test-artifacts/."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.test_access_map import _object


def test_a_decision_prints_without_the_menu_or_buttons(live_server, browser, world, artifacts_dir):
    decision = _object(world, "decisions_published")
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    client = Client()
    client.force_login(world.users["specialist"])
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + reverse("decisions:detail", args=[decision.pk]))
    assert page.locator(".topbar").is_visible()  # on screen, the menu bar is there
    page.emulate_media(media="print")
    assert not page.locator(".topbar").is_visible()
    assert not page.locator("nav.mainnav").is_visible()
    assert not page.locator("footer").is_visible()
    assert page.locator("main button:visible, main .button:visible").count() == 0
    assert page.locator("h1").is_visible()
    colours = page.evaluate("""[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('main a') || document.body).color]""")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    after = page.evaluate("getComputedStyle(document.querySelector('main a') || document.body, '::after').content")
    assert after in ("none", "normal")  # no "(https://…)" after a link
    row_break = page.evaluate("getComputedStyle(document.querySelector('tr') || document.body).breakInside")
    assert row_break in ("avoid", "auto") and (row_break == "avoid" or page.locator("tr").count() == 0)
    pdf = page.pdf(path=str(artifacts_dir / "print-decision.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
    context.close()
