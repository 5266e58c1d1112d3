"""A unit clerk runs a training class in real Chromium: creates it, adds the unit's people as trainees,
records the first day's attendance and marks the class held."""

from playwright.sync_api import expect

from tdkt.training.models import Attendance, Training
from tests.browser.pickers import pick
from tests.factories import PASSWORD


def test_a_training_class_records_attendance(live_server, page, artifacts_dir, world):
    page.goto(f"{live_server.url}/login/?next=/training/new/")
    page.fill("#id_username", "vanthu.a")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/training/new/")

    page.fill("#id_topic", "Bồi dưỡng nghiệp vụ công tác thi đua, khen thưởng")
    page.select_option("#id_organiser", str(world.unit_a.pk))
    page.fill("#id_starts_on", "02/03/2026")
    page.fill("#id_ends_on", "03/03/2026")
    page.fill("#id_place", "Hội trường Sở Y tế")
    page.fill("#id_lecturers", "ThS. Lê Thị Hoa — Sở Nội vụ")
    page.click("button.primary")
    page.wait_for_url("**/training/*/")
    training = Training.objects.get()
    assert page.locator("#training-state").inner_text() == "Dự kiến"

    pick(page, "id_person", "nguyen van an", "Nguyễn Văn An (1985) — Sở Y tế")
    pick(page, "id_person", "dao", "Đặng Thị Đào — Bệnh viện Đa khoa tỉnh")
    page.click("#add-trainees button.primary")
    expect(page.locator(".messages li")).to_have_text("Đã thêm 2 học viên.")  # same URL: wait for the message

    session = training.sessions.get(on="2026-03-02")
    page.click(f"tr[data-session='{session.pk}'] a")
    page.wait_for_url(f"**/training/{training.pk}/attendance/{session.pk}/")
    child = training.trainees.get(person=world.person_a_child)
    page.uncheck(f"#present-{child.pk}")
    page.screenshot(path=artifacts_dir / "training-attendance.png", full_page=True)
    page.click("#attendance-form button.primary")
    page.wait_for_url(f"**/training/{training.pk}/")
    assert page.locator(".messages li").inner_text() == "Đã ghi điểm danh ngày 02/03/2026."
    assert page.locator(f"tr[data-session='{session.pk}'] td").nth(1).inner_text() == "1/2"
    assert dict(Attendance.objects.values_list("trainee__person__full_name", "present")) == {
        "Nguyễn Văn An": True, "Đặng Thị Đào": False}

    page.click(".actions >> text=Xác nhận đã tổ chức")
    page.click("form.form button.primary")
    page.wait_for_url(f"**/training/{training.pk}/")
    assert page.locator("#training-state").inner_text() == "Đã tổ chức"
    page.screenshot(path=artifacts_dir / "training-class-held.png", full_page=True)
