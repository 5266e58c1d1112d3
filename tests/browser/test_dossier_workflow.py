"""A dossier's round trip in real Chromium: the clerk of unit A creates it, uploads the checklist's files
(a renamed executable is refused); the unit leader approves and sends it; the specialist receives it from the
work queue, starts the appraisal and returns it with a fix for one nominee; the clerk sees what to fix and the
leader approves the resubmission."""

from tdkt.awards.models import AwardType
from tdkt.dossiers.models import Dossier, Nomination
from tests.browser.pickers import choose_unit
from tests.dossiers.support import leader_a
from tests.factories import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_in(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/")
    return page


def upload(page, document_type, name, data, nominee=None):
    page.select_option("#upload-form #id_document_type", document_type)
    if nominee:
        page.select_option("#upload-form #id_nomination", label=nominee)
    page.set_input_files("#upload-form #id_uploaded", files=[{"name": name, "mimeType": "application/pdf",
                                                             "buffer": data}])
    page.click("#upload-form button.primary")


def confirm(page, action, reason=None):
    page.click(f"#dossier-actions a[data-action={action}]")
    if reason is not None:
        page.fill("#id_reason", reason)
    page.click("button[name=confirm]")


def test_dossier_submit_return_resubmit(live_server, browser, page, artifacts_dir, world):
    clerk = sign_in(browser, live_server, "vanthu.a")
    clerk.goto(live_server.url + "/dossiers/new/")
    choose_unit(clerk, "id_unit", world.unit_a.name)
    clerk.fill("#id_title", "Đề nghị tặng Lao động tiên tiến năm 2025")
    clerk.fill("#id_year", "2025")
    clerk.fill("#id_cover_letter_number", "15/TTr-SYT")
    clerk.fill("#id_cover_letter_date", "05/12/2025")
    clerk.click("button.primary")
    clerk.wait_for_url("**/dossiers/*/")
    dossier = Dossier.objects.get(title="Đề nghị tặng Lao động tiên tiến năm 2025")
    award = AwardType.objects.get(code="LDTT")
    line = Nomination.objects.create(dossier=dossier, position=1, person=world.person_a, award_type=award,
                                     proposed_award_type=award)
    clerk.reload()

    upload(clerk, "cover_letter", "to-trinh.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    assert "Tệp “to-trinh.pdf”: không chấp nhận loại tệp này." in clerk.locator(".errors, .error").first.inner_text()
    clerk.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    upload(clerk, "cover_letter", "to-trinh.pdf", PDF)
    upload(clerk, "council_minutes", "bien-ban.pdf", PDF)
    upload(clerk, "achievement_report", "bao-cao.pdf", PDF, nominee="Nguyễn Văn An")
    assert clerk.locator("#checklist tr.overdue").count() == 0
    clerk.screenshot(path=artifacts_dir / "dossier-draft-complete.png", full_page=True)
    # the clerk prepares; the leader approves and sends
    assert clerk.locator("#dossier-actions a[data-action=submit]").count() == 0
    assert clerk.locator("#awaiting-leader").count() == 1
    leader_a(world)
    leader = sign_in(browser, live_server, "lanhdao.a")
    leader.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    confirm(leader, "submit", reason="")
    leader.wait_for_url(f"**/dossiers/{dossier.pk}/")
    assert leader.locator("#dossier-state").inner_text() == "Đã gửi"

    specialist = sign_in(browser, live_server, "chuyenvien")
    specialist.goto(live_server.url + "/dossiers/queue/")
    specialist.check(f"#queue input[value='{dossier.pk}']")
    specialist.click("button[value=receive]")
    assert "Đã xử lý 1/1 hồ sơ." in specialist.locator(".messages").inner_text()
    specialist.screenshot(path=artifacts_dir / "dossier-queue.png", full_page=True)
    specialist.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    confirm(specialist, "start_appraisal")
    assert specialist.locator("#dossier-state").inner_text() == "Đang thẩm định"
    specialist.goto(f"{live_server.url}/dossiers/{dossier.pk}/return/")
    specialist.fill("#id_reason", "Bổ sung xác nhận của thủ trưởng vào báo cáo thành tích.")
    specialist.fill(f"textarea[name=fix_{line.pk}]", "Báo cáo thành tích chưa có chữ ký, đóng dấu.")
    specialist.click("button.primary")
    specialist.wait_for_url(f"**/dossiers/{dossier.pk}/")
    assert specialist.locator("#dossier-state").inner_text() == "Trả lại để bổ sung"

    clerk.goto(live_server.url + "/dossiers/")
    row = clerk.locator("#inbox tbody tr").first.inner_text()
    assert "Bổ sung xác nhận của thủ trưởng vào báo cáo thành tích." in row
    assert "1 dòng cần bổ sung" in row
    clerk.screenshot(path=artifacts_dir / "dossier-inbox-returned.png", full_page=True)
    leader.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    confirm(leader, "resubmit", reason="Đã bổ sung chữ ký.")
    assert leader.locator("#dossier-state").inner_text() == "Đã gửi"
    clerk.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    timeline = clerk.locator("#timeline").inner_text()
    assert "Trả lại để bổ sung → Đã gửi" in timeline
    clerk.screenshot(path=artifacts_dir / "dossier-resubmitted.png", full_page=True)
