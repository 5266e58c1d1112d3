"""A unit clerk follows the plan in real Chromium: the quarter board with the overdue task highlighted,
the task page, a progress report with an evidence file; another unit's task is refused."""

from tdkt.plans.models import TaskUpdate
from tests.factories import PASSWORD
from tests.plans.support import PDF_BYTES
from tests.plans.tracking import tracked_plan


def test_clerk_opens_the_board_and_reports_progress(live_server, page, artifacts_dir, world, tmp_path):
    tracked = tracked_plan(world)
    page.goto(f"{live_server.url}/login/?next=/plans/{tracked.plan.pk}/board/")
    page.fill("#id_username", "vanthu.a")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/plans/{tracked.plan.pk}/board/")

    assert page.locator("#board-total").inner_text() == "Hoàn thành 1/3 nhiệm vụ, quá hạn 1."
    cards = page.locator("section[data-column=Q1] .task-card")
    assert cards.count() == 2
    overdue = page.locator(f"[data-task='{tracked.overdue.pk}']")
    assert "overdue" in overdue.get_attribute("class")
    assert overdue.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 236, 238)"
    assert page.locator(f"[data-task='{tracked.training.pk}']").count() == 0  # unit B's task
    page.screenshot(path=artifacts_dir / "plan-board-clerk.png", full_page=True)

    overdue.click()
    page.wait_for_url(f"**/plans/tasks/{tracked.overdue.pk}/")
    page.click("text=Báo cáo tiến độ")
    evidence = tmp_path / "bien-ban-kiem-tra.pdf"
    evidence.write_bytes(PDF_BYTES)
    page.fill("#id_percent", "60")
    page.fill("#id_note", "Đã kiểm tra 3/5 bệnh viện.")
    page.set_input_files("#id_evidence", str(evidence))
    page.click("button.primary")
    page.wait_for_url(f"**/plans/tasks/{tracked.overdue.pk}/")

    assert page.locator(".messages li").inner_text() == "Đã lưu báo cáo tiến độ."
    assert page.locator("#task-status").inner_text() == "Quá hạn (Đang thực hiện)"
    row = page.locator("#updates tbody tr").first
    assert row.locator("td").nth(4).inner_text() == "Đã kiểm tra 3/5 bệnh viện."
    assert row.locator("a").inner_text() == "bien-ban-kiem-tra.pdf"
    assert TaskUpdate.objects.get().evidence.read() == PDF_BYTES
    page.screenshot(path=artifacts_dir / "plan-task-reported.png", full_page=True)

    response = page.goto(f"{live_server.url}/plans/tasks/{tracked.training.pk}/")
    assert response.status == 404
