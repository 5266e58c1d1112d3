"""Issue 20 item 4 in real Chromium: a unit clerk registers named people by pasting the list as the unit
wrote it (honorifics, degrees), before the deadline counted in working days; the unit's leader signs; at
year end the standing body's comparison shows registered vs awarded by name, with the early warning for a
registered CSTĐ cơ sở without a recognised initiative. Screenshots saved."""

import datetime

from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.movements.registrations import set_registration_call
from tdkt.workcalendar.calendar import add_working_days
from tests.browser.pickers import choose_unit
from tests.factories import PASSWORD, make_award, make_person, make_user

LIST = ("STT\tHọ và tên\tChức vụ\tDanh hiệu đăng ký\n"
        "1\tĐ/c Nguyễn Văn An\tChuyên viên\tChiến sĩ thi đua cơ sở\n"
        "2\tThạc sĩ Đặng Thị Đào\tBác sĩ\tLao động tiên tiến\n"
        "3\tÔng Trần Văn Bình\tKế toán\t\n")


def _sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/")


def test_unit_registers_names_leader_signs_and_year_end_compares(live_server, page, artifacts_dir, world):
    today = timezone.localdate()
    year = today.year
    make_person("Trần Văn Bình", unit=world.unit_a)
    make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a)
    call = set_registration_call(by=world.users["specialist"], year=year, opened_on=today, working_days=10)
    assert call.due_on == add_working_days(today, 10) and call.due_on > today

    _sign_in(page, live_server, "vanthu.a")
    page.goto(f"{live_server.url}/movements/registrations/names/?year={year}")
    choose_unit(page, "id_unit", world.unit_a.name)
    page.fill("#id_names", LIST)
    page.click("button.primary")
    page.wait_for_url("**/movements/registrations/*/")
    assert page.locator("#entries tbody tr td:nth-child(2)").all_inner_texts() == [
        "Nguyễn Văn An", "Đặng Thị Đào", "Trần Văn Bình"]
    assert page.locator("#entries tbody tr td:nth-child(4)").all_inner_texts() == [
        "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Lao động tiên tiến"]
    page.click("#submit-form button.primary")
    page.wait_for_url("**/movements/registrations/*/")
    assert page.locator("#state").inner_text().startswith("Đã gửi")
    assert page.locator("#late").count() == 0  # sent by the deadline
    page.screenshot(path=artifacts_dir / "registration-names-submitted.png", full_page=True)

    _sign_in(page, live_server, "lanhdao.a")
    page.goto(f"{live_server.url}/movements/registrations/?year={year}")
    page.click("#registrations tbody a")
    page.click("#sign")
    page.wait_for_url("**/movements/registrations/*/")
    assert page.locator("#state").inner_text().startswith("Lãnh đạo đã ký")
    page.screenshot(path=artifacts_dir / "registration-names-signed.png", full_page=True)

    make_award(person=world.person_a_child, code="LDTT", year=year, decision_date=datetime.date(year, 12, 1))
    _sign_in(page, live_server, "chuyenvien")
    page.goto(f"{live_server.url}/movements/registrations/compare/?year={year}")
    assert page.locator("#named tbody tr").count() == 1  # the whole province: only the warned names
    page.goto(f"{live_server.url}/movements/registrations/compare/?year={year}&unit={world.unit_a.pk}")
    rows = {cells[1]: cells for cells in (row.locator("td").all_inner_texts()
                                          for row in page.locator("#named tbody tr").all())}
    assert rows["Đặng Thị Đào"][2:5] == ["Lao động tiên tiến", "—", "Lao động tiên tiến"]
    assert rows["Trần Văn Bình"][4] == "—"
    assert "sáng kiến" in rows["Nguyễn Văn An"][5]
    assert page.locator("#warned").is_visible()
    page.screenshot(path=artifacts_dir / "registration-year-end-comparison.png", full_page=True)
