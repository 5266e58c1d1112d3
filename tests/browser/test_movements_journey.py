"""A unit clerk registers the unit's emulation titles for the year and submits them; the covenant of the
unit's block is filled by the clerk of its head unit, in real Chromium."""

from tests.browser.pickers import choose_unit
from tests.factories import PASSWORD, award_type


def _sign_in(page, live_server, username):
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/")


def test_clerk_registers_submits_and_writes_the_covenant(live_server, page, artifacts_dir, world):
    _sign_in(page, live_server, "vanthu.a")
    page.goto(live_server.url + "/movements/registrations/new/?year=2026")
    choose_unit(page, "id_unit", world.unit_a.name)
    page.select_option("#id_collective_award", str(award_type("TTLDXS").pk))
    page.fill(f"#id_count_{award_type('LDTT').pk}", "42")
    page.fill("#id_targets", "Hoàn thành 100% chỉ tiêu được giao")
    page.click("button.primary")
    page.wait_for_url("**/movements/registrations/*/")
    assert page.locator("#items tbody td").all_inner_texts() == ["Lao động tiên tiến", "42"]
    page.click("form.inline button.primary")
    page.wait_for_url("**/movements/registrations/*/")
    assert page.locator("#state").inner_text().startswith("Đã gửi")
    page.screenshot(path=artifacts_dir / "movements-registration-submitted.png", full_page=True)

    page.goto(f"{live_server.url}/movements/covenants/{world.group_year.pk}/edit/")
    page.fill("#id_signed_on", "05/03/2026")
    page.fill("#id_content", "Giao ước thi đua năm 2026 của khối")
    page.fill(f"#id_target_{world.unit_b.pk}", "Tỷ lệ tốt nghiệp trung học phổ thông đạt 99%")
    page.click("button.primary")
    page.wait_for_url(f"**/movements/covenants/{world.group_year.pk}/")
    assert page.locator("#host").inner_text() == "Sở Y tế"
    assert page.locator("#signed-on").inner_text() == "05/03/2026"
    page.screenshot(path=artifacts_dir / "movements-covenant.png", full_page=True)
