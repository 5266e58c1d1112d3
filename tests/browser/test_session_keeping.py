"""Issue 21, item 4 in Chromium: a session that ends never loses work.

Sở Y tế's clerk types a new dossier (and, in fields added to the form for the test, a phone number and a field
marked data-personal); the session is cleared server-side; "Lưu" leads to the sign-in page with the expiry
message; signing in again returns to the form with the text restored (a notice and "Bỏ bản nháp") and nothing
personal kept in the browser's storage; the draft is gone after discarding and at sign-out. With a session of a
few seconds the warning dialog appears (focus on "Tiếp tục làm việc", which renews the session) and, left alone,
turns into the expiry notice with a sign-in link back to the page."""

import json

from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from tests.factories import PASSWORD

DRAFTS = "Object.keys(sessionStorage).filter(k => k.startsWith('tdkt-draft:')).map(k => sessionStorage.getItem(k))"
TITLE = "Hồ sơ đề nghị khen thưởng năm 2026 của Sở Y tế"


def sign_in(page, base, username="vanthu.a", next_path=None):
    page.set_default_timeout(45_000)  # two cores shared by many processes
    if next_path:
        page.goto(f"{base}/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(lambda url: "/login/" not in url)


def test_typed_text_survives_the_expiry_and_personal_fields_never_reach_the_storage(live_server, page, world,
                                                                                     artifacts_dir):
    base = live_server.url
    sign_in(page, base, next_path="/dossiers/new/")
    expect(page.locator("form[data-draft-ready]")).to_have_count(1)
    page.evaluate("""document.querySelector("form[data-draft] button.primary").insertAdjacentHTML("beforebegin",
        '<input name="phone" id="x-phone"><input name="remark" id="x-remark" data-personal>');""")
    page.fill("#id_title", TITLE)
    page.fill("#id_cover_letter_number", "123/SYT-TCCB")
    page.fill("#x-phone", "0912345678")
    page.fill("#x-remark", "Số định danh 010090001234")
    stored = [json.loads(d) for d in page.evaluate(DRAFTS)]
    assert [d["values"]["title"] for d in stored] == [[TITLE]]
    assert not {"phone", "remark", "csrfmiddlewaretoken"} & set(stored[0]["values"])

    Session.objects.all().delete()  # the session ends server-side while the clerk types
    page.click("form[data-draft] button.primary")
    page.wait_for_url("**/login/?next=/dossiers/new/")
    expect(page.locator(".messages li.warning")).to_have_text(
        "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại; nội dung đang nhập đã được giữ.")
    page.screenshot(path=artifacts_dir / "session-expired-sign-in.png", full_page=True)

    sign_in(page, base)
    assert page.url == f"{base}/dossiers/new/"
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator("#id_cover_letter_number")).to_have_value("123/SYT-TCCB")
    notice = page.locator(".draft-notice")
    expect(notice).to_contain_text("Đã khôi phục bản nháp của biểu mẫu này được giữ trên trình duyệt.")
    assert page.locator("#x-phone").count() == 0
    assert "0912345678" not in json.dumps(page.evaluate(DRAFTS)) and "010090001234" not in json.dumps(page.evaluate(DRAFTS))
    page.screenshot(path=artifacts_dir / "session-draft-restored.png", full_page=True)

    notice.get_by_role("button", name="Bỏ bản nháp").click()
    expect(page.locator("#id_title")).to_have_value("")
    expect(notice).to_have_count(0)
    assert page.evaluate(DRAFTS) == []

    page.fill("#id_title", TITLE)  # a new draft, then sign-out: nothing stays in the browser
    assert len(page.evaluate(DRAFTS)) == 1
    page.click("#menu-group-account > summary")  # sign-out sits in the account menu
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/login/")
    assert page.evaluate(DRAFTS) == []


def test_a_saved_form_leaves_no_draft(live_server, page, world):
    sign_in(page, live_server.url, next_path="/dossiers/new/")
    expect(page.locator("form[data-draft-ready]")).to_have_count(1)
    page.fill("#id_title", TITLE)
    page.click("form[data-draft] button.primary")
    page.wait_for_url(lambda url: not url.endswith("/dossiers/new/"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate(DRAFTS) == []


def test_the_warning_comes_before_the_end_and_continue_renews(live_server, page, world, settings, artifacts_dir):
    settings.SESSION_COOKIE_AGE = 330  # the warning (5 minutes before the end) shows 30 s after the last request
    settings.SESSION_WARNING_SECONDS = 326
    sign_in(page, live_server.url, next_path="/")
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible(timeout=20_000)
    expect(dialog).to_contain_text("Phiên làm việc sắp hết hạn sau 5 phút")
    expect(page.locator("#session-continue")).to_be_focused()
    page.screenshot(path=artifacts_dir / "session-warning.png")
    page.locator("#session-continue").click()
    expect(dialog).to_be_hidden()
    left = page.evaluate("fetch('/session/').then(r => r.json()).then(s => s.expires_in)")
    assert 325 <= left <= 330


def test_left_alone_the_warning_becomes_the_expiry_notice_with_a_way_back(live_server, page, world, settings):
    settings.SESSION_COOKIE_AGE = 8
    settings.SESSION_WARNING_SECONDS = 6
    sign_in(page, live_server.url, next_path="/people/")
    expect(page.get_by_role("alertdialog")).to_contain_text("Phiên làm việc sắp hết hạn", timeout=20_000)
    expect(page.get_by_role("alertdialog")).to_contain_text("Phiên làm việc đã hết hạn", timeout=20_000)
    link = page.get_by_role("link", name="Đăng nhập lại")
    expect(link).to_be_focused()
    assert link.get_attribute("href") == "/login/?next=%2Fpeople%2F"
    settings.SESSION_COOKIE_AGE = 8 * 3600
    link.click()
    sign_in(page, live_server.url)
    assert page.url == f"{live_server.url}/people/"
