"""Issue 5, done means: the whole path of a nomination dossier in real Chromium.

A unit clerk imports a nominee list and sees one ineligible line with its reason, then submits; a specialist
receives it and returns it for a missing document; the clerk completes and resubmits; the specialist
appraises, sends a hiệp y request that another agency answers, publishes the notice, a citizen comments,
the specialist handles the comment and marks the dossier ready for the council. Screenshots are saved.
"""

import datetime

import openpyxl
from django.utils import timezone

from tdkt.awards.models import AwardType
from tdkt.dossiers.consultations.models import ConsultedAgency
from tdkt.dossiers.enums import DossierState
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.postings.models import PublicNotice
from tests.browser.pickers import choose_unit
from tests.dossiers.support import leader_a
from tests.factories import PASSWORD, make_discipline, make_rating

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def nominee_list(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị", "Hình thức đề nghị"])
    sheet.append([1, "Nguyễn Văn An", 1985, "Trưởng phòng Nghiệp vụ Y, Sở Y tế", "Bằng khen của Chủ tịch UBND tỉnh"])
    sheet.append([2, "Đặng Thị Đào", "", "Điều dưỡng, Bệnh viện Đa khoa tỉnh", "Bằng khen của Chủ tịch UBND tỉnh"])
    book.save(path)
    return path


def sign_in(page, base, username):
    page.context.clear_cookies()  # one browser, several people: each signs in afresh
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(base + "/")


def pdf_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PDF)
    return str(path)


def upload(page, tmp_path, document_type, name, nominee_label=None):
    page.select_option("#upload-form select[name=document_type]", document_type)
    if nominee_label:
        page.select_option("#upload-form select[name=nomination]", label=nominee_label)
    page.set_input_files("#upload-form input[name=uploaded]", pdf_file(tmp_path, name))
    page.click("#upload-form button.primary")


def act(page, base, dossier, action, reason=""):
    page.goto(f"{base}/dossiers/{dossier.pk}/do/{action}/")
    if reason:
        page.fill("textarea[name=reason]", reason)
    page.click("button[name=confirm]")
    page.wait_for_url(f"{base}/dossiers/{dossier.pk}/**")
    assert page.url.endswith(f"/dossiers/{dossier.pk}/"), page.inner_text("main")[:1500]  # else: the refusal


def state_of(dossier):
    return Dossier.objects.get(pk=dossier.pk).state


def test_dossier_from_the_unit_to_ready_for_council(live_server, page, artifacts_dir, world, tmp_path):
    base = live_server.url
    # A dossier to the province: Bằng khen of its chairman (NĐ152 Đ6.2.b), for two years' excellent work.
    make_rating(person=world.person_a, year=2024, level="HTXSNV")
    make_rating(person=world.person_a, year=2025, level="HTXSNV")
    make_rating(person=world.person_a_child, year=2025, level="HTTNV")
    make_discipline(world.person_a_child, level="canh_cao", start=datetime.date(2025, 3, 1),
                    end=datetime.date(2026, 2, 28))
    # This province posts every nominee publicly (its own rule; the law requires it for higher awards only).
    AwardType.objects.filter(code="BK_TINH").update(requires_public_posting=True)
    police = ConsultedAgency.objects.get(name="Công an tỉnh")
    police.unit = world.unit_b  # the police answer in the system through unit B's clerk
    police.save()

    # --- the unit clerk: a dossier, the list imported, one ineligible line shown with its reason ----------
    sign_in(page, base, "vanthu.a")
    page.goto(base + "/dossiers/new/")
    choose_unit(page, "id_unit", "Sở Y tế")
    page.select_option("select[name=receiving_authority]", "")  # to the province
    page.fill("input[name=title]", "Đề nghị khen thưởng tổng kết năm 2025")
    page.fill("input[name=year]", "2025")
    page.click("form.form button.primary")
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    dossier = Dossier.objects.get()
    page.goto(f"{base}/dossiers/{dossier.pk}/lines/import/")
    page.set_input_files("input[name=file]", str(nominee_list(tmp_path / "danh-sach.xlsx")))
    page.click("form.form button.primary")
    page.wait_for_load_state()
    page.goto(f"{base}/dossiers/{dossier.pk}/")
    lines_text = page.locator("body").inner_text()
    assert "Nguyễn Văn An" in lines_text and "Đặng Thị Đào" in lines_text
    assert "kỷ luật" in lines_text.lower()  # the reason of the ineligible line
    page.screenshot(path=artifacts_dir / "dossier-1-imported-with-ineligible-line.png", full_page=True)

    upload(page, tmp_path, "cover_letter", "to-trinh.pdf")
    upload(page, tmp_path, "council_minutes", "bien-ban.pdf")
    upload(page, tmp_path, "achievement_report", "bao-cao-an.pdf", nominee_label="Nguyễn Văn An")
    upload(page, tmp_path, "achievement_report", "bao-cao-dao.pdf", nominee_label="Đặng Thị Đào")
    leader_a(world)  # the clerk prepares; the unit leader approves and sends
    sign_in(page, base, "lanhdao.a")
    act(page, base, dossier, "submit")
    assert state_of(dossier) == DossierState.SUBMITTED

    # --- the specialist: received, then returned for a missing document --------------------------------------
    sign_in(page, base, "chuyenvien")
    page.goto(base + "/dossiers/queue/")
    assert "Đề nghị khen thưởng tổng kết năm 2025" in page.locator("body").inner_text()
    page.screenshot(path=artifacts_dir / "dossier-2-specialist-queue.png", full_page=True)
    act(page, base, dossier, "receive")
    act(page, base, dossier, "start_appraisal")
    page.goto(f"{base}/dossiers/{dossier.pk}/return/")
    page.fill("textarea[name=reason]", "Thiếu văn bản xác nhận của Công đoàn cơ sở")
    page.click("form.form button.primary")
    page.wait_for_url(f"{base}/dossiers/{dossier.pk}/")
    assert state_of(dossier) == DossierState.RETURNED

    # --- the clerk completes and resubmits: the history is kept -----------------------------------------------
    sign_in(page, base, "vanthu.a")
    page.goto(base + "/dossiers/")
    assert "Thiếu văn bản xác nhận của Công đoàn cơ sở" in page.locator("body").inner_text()
    page.screenshot(path=artifacts_dir / "dossier-3-unit-inbox-what-to-fix.png", full_page=True)
    page.goto(f"{base}/dossiers/{dossier.pk}/")
    upload(page, tmp_path, "confirmation", "xac-nhan-cong-doan.pdf")
    sign_in(page, base, "lanhdao.a")
    act(page, base, dossier, "resubmit")
    assert state_of(dossier) == DossierState.SUBMITTED

    # --- the specialist appraises: accepts An, rejects Đào with the engine's reason --------------------------
    sign_in(page, base, "chuyenvien")
    act(page, base, dossier, "receive")
    act(page, base, dossier, "start_appraisal")
    page.goto(f"{base}/dossiers/{dossier.pk}/appraise/")
    for name, decision, reason in (("Nguyễn Văn An", "accept", "Đã đối chiếu bản gốc báo cáo thành tích."),
                                   ("Đặng Thị Đào", "reject", "Đang trong thời gian bị kỷ luật cảnh cáo")):
        row = page.locator("tr", has_text=name)
        row.locator("input[name=reason]").fill(reason)
        if decision == "accept" and row.locator("input[name=confirm]").count():  # a verdict the council weighs
            row.locator("input[name=confirm]").check()
        row.locator(f"button[value={decision}]").click()
        page.wait_for_load_state()
    page.screenshot(path=artifacts_dir / "dossier-4-appraisal.png", full_page=True)

    # hiệp y: the police are consulted about An
    page.goto(f"{base}/consultations/dossier/{dossier.pk}/")
    page.get_by_label("Công an tỉnh").check()
    page.get_by_label("Nguyễn Văn An", exact=False).first.check()
    page.click("form.form button.primary")
    page.wait_for_load_state()
    assert state_of(dossier) == DossierState.CONSULTATION

    # --- the police answer through their own account ----------------------------------------------------------
    sign_in(page, base, "vanthu.b")
    page.goto(base + "/consultations/inbox/")
    page.screenshot(path=artifacts_dir / "dossier-5-agency-inbox.png", full_page=True)
    request_id = dossier.consultation_requests.get().pk
    page.goto(f"{base}/consultations/inbox/{request_id}/")
    page.check("input[name=answer][value=no_objection]")
    page.fill("textarea[name=text]", "Không có ý kiến khác.")
    page.click("form.form button.primary")
    page.wait_for_load_state()

    # --- the specialist publishes the notice; a citizen comments; the comment is handled ---------------------
    sign_in(page, base, "chuyenvien")
    page.goto(f"{base}/notices/dossier/{dossier.pk}/")
    page.click("form.form button.primary")
    page.wait_for_load_state()
    notice = PublicNotice.objects.get()
    page.context.clear_cookies()
    page.goto(f"{base}/notices/{notice.pk}/")
    assert "Nguyễn Văn An" in page.locator("body").inner_text()
    assert "010090001234" not in page.content()
    page.fill("input[name=name]", "Lê Thị Hoa")
    page.fill("input[name=contact]", "0912 345 678")
    page.fill("textarea[name=text]", "Tôi đề nghị xem xét lại thành tích năm 2025 của ông An.")
    page.click("#comment-form button.primary")
    page.wait_for_load_state()
    page.screenshot(path=artifacts_dir / "dossier-6-public-notice-comment.png", full_page=True)

    sign_in(page, base, "chuyenvien")
    page.goto(f"{base}/notices/manage/{notice.pk}/")
    page.locator("a", has_text="Xử lý").first.click()
    page.check("input[name=outcome][value=dismissed]")
    page.fill("textarea[name=reason]", "Đã xác minh: thành tích đúng như báo cáo.")
    page.click("form.form button.primary")
    page.wait_for_load_state()

    # ten working days later the notice closes and the dossier goes to the council
    today = timezone.localdate()
    PublicNotice.objects.filter(pk=notice.pk).update(published_on=today - datetime.timedelta(days=20),
                                                     ends_on=today - datetime.timedelta(days=1))
    page.goto(f"{base}/notices/manage/{notice.pk}/")
    page.click("form[action$='/close/'] button")
    page.wait_for_load_state()
    act(page, base, dossier, "mark_ready")
    assert state_of(dossier) == DossierState.READY_FOR_COUNCIL
    page.goto(f"{base}/dossiers/{dossier.pk}/")
    assert page.locator("#dossier-state").inner_text() == "Sẵn sàng trình Hội đồng"
    page.screenshot(path=artifacts_dir / "dossier-7-ready-for-council.png", full_page=True)
