"""The standing body's calendar, in real Chromium: a specialist declares a province day off, opens a
call for dossiers; a unit clerk then sees the call with its working days left and cannot edit."""

import datetime

from tests.factories import PASSWORD


def _sign_in(page, live_server, username):
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/")


def test_specialist_declares_a_day_and_opens_a_call_clerk_sees_it(live_server, page, artifacts_dir, world):
    _sign_in(page, live_server, "chuyenvien")
    page.goto(live_server.url + "/calendar/?year=2026")
    assert page.locator("h1").inner_text() == "Lịch ngày làm việc năm 2026"
    assert page.locator('tr[data-date="2026-09-02"] td').nth(3).inner_text() == "Quốc khánh"
    page.fill("#id_date", "04/09/2026")
    page.select_option("#id_kind", "day_off")
    page.fill("#id_name", "Nghỉ thêm sau Quốc khánh")
    page.fill("#id_decided_by", "Thông báo số 45/TB-UBND ngày 20/08/2026")
    page.click("form.form button.primary")
    page.wait_for_url("**/calendar/?year=2026")
    row = page.locator('tr.province[data-date="2026-09-04"]')
    assert row.locator("td").nth(2).inner_text() == "Ngày nghỉ"
    page.screenshot(path=artifacts_dir / "calendar-province-day.png", full_page=True)

    cut_off = datetime.date.today() + datetime.timedelta(days=40)
    page.goto(live_server.url + "/calendar/calls/new/")
    page.fill("#id_name", "Tổng kết năm 2026")
    page.select_option("#id_kind", "year_end")
    page.fill("#id_cut_off", cut_off.strftime("%d/%m/%Y"))
    page.click("form.form button.primary")
    page.wait_for_url("**/calendar/calls/")
    assert page.locator("table.calls tbody tr td").first.inner_text().startswith("Tổng kết năm 2026")
    page.click("#menu-group-account > summary")
    page.click(".usermenu button.link")

    _sign_in(page, live_server, "vanthu.a")
    page.goto(live_server.url + "/calendar/calls/")
    badge = page.locator("table.calls span.due")
    assert badge.get_attribute("class") == "due due-ok"
    assert badge.inner_text().startswith("còn ") and badge.inner_text().endswith(" ngày làm việc")
    assert page.locator("a[href$='/edit/']").count() == 0
    page.screenshot(path=artifacts_dir / "calendar-calls-clerk.png", full_page=True)
    response = page.goto(live_server.url + "/calendar/calls/new/")
    assert response.status == 403
