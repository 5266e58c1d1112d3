"""The standing body imports a plan in real Chromium: upload, preview, choose a unit, save."""

from tdkt.plans.models import Plan
from tests.browser.pickers import choose_unit
from tests.factories import PASSWORD, make_unit
from tests.plans.support import SMALL_PLAN


def test_specialist_imports_a_plan_through_the_preview(live_server, page, artifacts_dir, world, tmp_path):
    culture = make_unit("Sở Văn hóa và Thể thao", code="SVHTT")
    source = tmp_path / "ke-hoach-2026.txt"
    source.write_text(SMALL_PLAN, encoding="utf-8")
    page.goto(f"{live_server.url}/login/?next=/plans/import/")
    page.fill("#id_username", "chuyenvien")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/plans/import/")
    page.set_input_files("#id_file", str(source))
    page.click("button.primary")
    page.wait_for_url("**/plans/drafts/*/")
    assert page.locator("#draft-task-count").inner_text() == "3"
    assert page.locator("#draft-flagged").inner_text() == "2"
    page.screenshot(path=artifacts_dir / "plan-import-preview.png", full_page=True)

    page.locator("#row-t3 a[title='Chọn đơn vị']").last.click()
    choose_unit(page, "id_unit", culture.name)
    page.click("button.primary")
    page.wait_for_url("**/plans/drafts/*/#row-t3")
    assert page.locator("#draft-flagged").inner_text() == "1"

    page.click("#save-plan")
    plan = Plan.objects.get()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    assert page.locator(".messages li").inner_text() == "Đã lưu kế hoạch với 3 nhiệm vụ."
    assert plan.tasks.count() == 3
    page.screenshot(path=artifacts_dir / "plan-imported.png", full_page=True)
