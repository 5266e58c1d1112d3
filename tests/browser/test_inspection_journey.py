"""An inspection in real Chromium (issue 20, "Done means"): the specialist plans it from the form, records the
findings and a recommendation whose due date has passed; the inspected unit's clerk finds it on the home page
as overdue, reports the follow-up with a file (it leaves the home page); the team returns it with a reason,
so the follow-up is overdue again and shows on the unit's home. Screenshots saved as artefacts."""

import datetime

from django.utils import timezone

from tdkt.inspections.models import Recommendation
from tests.browser.pickers import choose_unit, pick
from tests.factories import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _sign_in(page, base, username):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(base + "/")


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def test_a_returned_follow_up_past_its_due_date_shows_on_the_units_home(live_server, browser, artifacts_dir, world,
                                                                        tmp_path):
    today = timezone.localdate()
    start, end, due = today - datetime.timedelta(days=30), today - datetime.timedelta(days=20), \
        today - datetime.timedelta(days=1)
    base = live_server.url
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    contexts = [context]
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        _sign_in(page, base, "chuyenvien")
        page.click("#menu-group-movements > summary")
        page.click("#menu-inspections")
        page.click("#inspection-new")
        page.fill("#id_year", str(start.year))
        page.fill("#id_title", "Kiểm tra công tác thi đua, khen thưởng tại Sở Y tế")
        page.fill("#id_starts_on", _d(start))
        page.fill("#id_ends_on", _d(end))
        choose_unit(page, "id_units", world.unit_a.name)
        pick(page, "id_leader", "giang a", "Giàng A Páo — Sở Giáo dục và Đào tạo")
        page.click("#inspection-form button.primary")
        page.wait_for_url("**/inspections/*/")
        assert page.locator("#team li").first.inner_text() == "Giàng A Páo — trưởng đoàn"
        page.click("table.records a")
        page.click("#record-edit")
        page.locator("#findings-form select").first.select_option("adequate")
        page.locator("#findings-form textarea[name$='-note']").first.fill("Chưa ban hành kế hoạch thi đua năm")
        page.fill("#id_summary", "Đơn vị cần khắc phục hạn chế trong việc ban hành kế hoạch.")
        page.click("#findings-form button.primary")
        page.wait_for_url("**/inspections/records/*/")
        page.fill("#id_content", "Ban hành kế hoạch thi đua, khen thưởng năm")
        page.fill("#id_due_on", _d(due))
        page.click("#recommendation-form button.primary")
        page.wait_for_url("**/inspections/records/*/")
        assert "quá hạn" in page.locator("#recommendations tbody tr").first.inner_text()
        with page.expect_download() as download:
            page.click("#conclusion-docx")
        assert download.value.suggested_filename == f"ket-luan-kiem-tra-{start.year}-syt.docx"
        record_url = page.url
        item = Recommendation.objects.get()

        clerk_context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        clerk_context.set_default_timeout(15_000)
        contexts.append(clerk_context)
        clerk = clerk_context.new_page()
        clerk.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        _sign_in(clerk, base, "vanthu.a")
        overdue = clerk.locator(f"#overdue-recommendations tr[data-recommendation='{item.pk}']")
        assert overdue.inner_text().split("\t")[:3] == ["Sở Y tế", "Ban hành kế hoạch thi đua, khen thưởng năm", _d(due)]
        overdue.locator("a").click()
        clerk.click("a[data-action='report']")
        clerk.fill("#id_response", "Đã ban hành Kế hoạch số 15/KH-SYT")
        upload = tmp_path / "ke-hoach.pdf"
        upload.write_bytes(PDF)
        clerk.set_input_files("#id_file", str(upload))
        clerk.click("#follow-up-form button.primary")
        clerk.wait_for_url(record_url)
        clerk.goto(base + "/")
        assert clerk.url == base + "/"  # still signed in: the home, not the sign-in page
        assert clerk.locator("#overdue-recommendations").count() == 0

        page.goto(record_url)
        page.click("a[data-action='return']")
        page.fill("#id_reason", "Chưa gửi kèm kế hoạch đã ký")
        page.click("form.form button.primary")
        page.wait_for_url(record_url)
        item.refresh_from_db()
        assert item.state == "open"

        clerk.goto(base + "/")
        assert clerk.url == base + "/"
        assert clerk.locator(f"#overdue-recommendations tr[data-recommendation='{item.pk}']").count() == 1
        clerk.goto(record_url)
        assert "Chưa gửi kèm kế hoạch đã ký" in clerk.locator("#recommendations em.returned").inner_text()
        clerk.goto(base + "/")
        clerk.screenshot(path=artifacts_dir / "inspection-overdue-on-unit-home.png", full_page=True)
        page.screenshot(path=artifacts_dir / "inspection-record.png", full_page=True)
        assert violations == []
    finally:
        for opened in contexts:
            opened.close()
