"""Issue 16's walk in real Chromium: every level decides its own awards in one system.

1. The Sở Y tế's year-end round. The clerk creates the dossier, which goes to the Sở Y tế's own authority by
   default. She pastes 40 lines copied from Excel, honorifics and all (a doubtful name is chosen on review), and
   the lines are decided as a sheet. The director approves the CSTĐ cơ sở decision in his own session (password,
   then his authenticator code). It is numbered 01/QĐ-SYT and its Word file has "GIÁM ĐỐC" over his name and
   cites the tờ trình. The Giấy khen decision's certificates print under the Sở Y tế's own header, with "TẶNG".
   The province's specialist sees, on a person's page, the CSTĐ cơ sở that completes three in a row. A Giấy
   khen pasted into a dossier to the province is refused with a message that names who decides it.
2. Khen cao. The province builds a State-level proposal from its accepted lines and records its sending. It then
   records the Prime Minister's decision from its Excel list: one name that was not proposed goes to review, and
   nothing is saved until that row is left out. The awards then appear in the people's histories.
3. A commune runs the same round. Its chairman's decision reads "CHỦ TỊCH" over his name; a vice-chairman's
   reads "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". Numbers come from the commune's own register.

Shortcut: the councils' votes are written directly as their result (lines approved). The ballot is the
province's ballot, which does not depend on the council's level; tests/council covers it, and
tests/council/test_unit_council.py covers a unit council's agenda and rights."""

import datetime
import io

import docx
import pyotp
from pypdf import PdfReader

from tdkt.accounts.enums import Role
from tdkt.awards.models import AwardRecord, AwardType
from tdkt.awards.queries import load_histories
from tdkt.central.models import CentralDecision, StateProposal
from tdkt.decisions import services as decision_services
from tdkt.decisions.models import Decision
from tdkt.dossiers import workflow
from tdkt.dossiers.bulk import decide_sheet
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.dossiers.nominees.services import add_nomination
from tdkt.eligibility.codes import FindingCode
from tdkt.eligibility.engine import evaluate
from tdkt.orgs.enums import AuthorityKind, SignerRank, UnitKind
from tdkt.orgs.models import IssuingAuthority, SignerPost
from tests.browser.pickers import choose_unit
from tests.browser.test_dossier_workflow import sign_in
from tests.browser.test_trustworthy_dossier_walk import Walk
from tests.central.support import MESSY, sheet, state_lines
from tests.decisions.support import pdf_bytes
from tests.dossiers.support import complete, leader_a
from tests.factories import (
    PASSWORD,
    make_authority,
    make_award,
    make_head_post,
    make_person,
    make_rating,
    make_unit,
    make_user,
)

FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Mai", "Nam", "Oanh", "Phúc", "Quân", "Sơn",
         "Tâm", "Uyên", "Vinh", "Xuân", "Yến", "Lực"]
HONORIFICS = ["Ông", "Bà", "Đ/c", "", "BS.", "ThS."]


def _staff(unit, count: int):
    names = [f"{FAMILIES[i % 8]} {MIDDLES[i % 5]} {GIVEN[i % 20]}" for i in range(count)]
    assert len(set(names)) == count
    return [make_person(name, unit=unit, birth_date=datetime.date(1975, 1, 1) + datetime.timedelta(days=97 * i),
                        position="Bác sĩ") for i, name in enumerate(names)]


def _award_of(index: int) -> str:
    return "Chiến sĩ thi đua cơ sở" if index < 3 else "Giấy khen" if index < 8 else "Lao động tiên tiến"


def _pasted(people) -> str:
    """As copied from a unit's Excel list: numbered rows, honorifics, Windows line ends, a trailing tab."""
    rows = [f"{i + 1}\t{HONORIFICS[i % 6]} {p.full_name}".replace("\t ", "\t") + f"\tBác sĩ, Sở Y tế\t{_award_of(i)}\t"
            for i, p in enumerate(people)]
    return "\r\n".join(rows)


def _press(page, label):
    with page.expect_navigation():
        page.click(f"button:has-text('{label}')")


def test_a_department_decides_its_own_year_end_round(live_server, browser, artifacts_dir, world, tmp_path):
    health = make_authority(world.unit_a, symbol="QĐ-SYT", head_title="GIÁM ĐỐC")
    director = leader_a(world)
    SignerPost.objects.create(authority=health, user=director, full_name="Lê Văn Lãnh", rank=SignerRank.HEAD,
                              title="GIÁM ĐỐC", valid_from=datetime.date(2025, 7, 1))
    people = _staff(world.unit_a, 40)
    for index, person in enumerate(people):
        make_rating(person=person, year=2025, level="HTXSNV" if index < 3 else "HTTNV")
    for year in (2023, 2024):  # two CSTĐ cơ sở already: the third makes the chain Luật TĐKT Đ22.1.a asks for
        make_award(person=people[0], code="CSTD_CS", year=year, decision_number=f"{year - 2000}/QĐ-SYT")
    walk = Walk()

    # The clerk: the dossier goes to the Sở Y tế by default; 40 lines pasted from Excel.
    clerk = sign_in(browser, live_server, "vanthu.a")
    clerk.goto(live_server.url + "/dossiers/new/")
    assert clerk.locator("#id_receiving_authority option:checked").inner_text() == "Sở Y tế"
    choose_unit(clerk, "id_unit", world.unit_a.name)
    clerk.fill("#id_title", "Khen thưởng tổng kết năm 2025 của Sở Y tế")
    clerk.fill("#id_year", "2025")
    clerk.fill("#id_cover_letter_number", "52/TTr-SYT")
    clerk.fill("#id_cover_letter_date", "10/12/2025")
    clerk.click("button.primary")
    clerk.wait_for_url("**/dossiers/*/")
    text = walk.check(clerk)
    assert "Gửi đến\nSở Y tế" in text or "Gửi đến\tSở Y tế" in text
    dossier = Dossier.objects.get(title="Khen thưởng tổng kết năm 2025 của Sở Y tế")
    assert dossier.receiving_authority == health
    clerk.click("#paste-lines summary")
    clerk.fill("#paste-rows", _pasted(people))
    _press(clerk, "Nhập các dòng đã dán")
    # Two "Nguyễn Văn An" in the Sở Y tế: the clerk chooses, nothing is saved before.
    text = walk.check(clerk)
    assert "Có 2 người tên này trong Sở Y tế và các đơn vị trực thuộc; hãy chọn đúng người." in text
    assert not Nomination.objects.filter(dossier=dossier).exists()
    clerk.click("label:has-text('Đây là Nguyễn Văn An — Sở Y tế — 01/01/1975')")
    _press(clerk, "Xác nhận và nhập")
    walk.check(clerk)
    lines = list(Nomination.objects.filter(dossier=dossier).select_related("award_type", "person")
                 .order_by("position"))
    assert [(line.person, line.award_type.name) for line in lines] == [
        (p, _award_of(i)) for i, p in enumerate(people)], clerk.inner_text("main")[:3000]
    clerk.screenshot(path=artifacts_dir / "unit-round-pasted.png", full_page=True)

    # Sent to the Sở Y tế's own officers, who decide the sheet (the job the page starts), then the unit's council.
    complete(dossier, world.users["clerk_a"], lines)
    workflow.submit_dossier(dossier, by=director)
    workflow.receive_dossier(dossier, by=world.users["clerk_a"])
    workflow.start_appraisal(dossier, by=world.users["clerk_a"])
    undecided = {line.pk: "Đã đối chiếu biên bản bình xét của khoa." for line in
                 Nomination.objects.filter(dossier=dossier).exclude(verdict_live__verdict="eligible")}
    decide_sheet(dossier, by=world.users["clerk_a"], exceptions=undecided)
    assert set(Nomination.objects.filter(dossier=dossier).values_list("state", flat=True)) == {NominationState.ACCEPTED}
    Nomination.objects.filter(dossier=dossier).update(state=NominationState.APPROVED)  # the council's vote
    Dossier.objects.filter(pk=dossier.pk).update(state=DossierState.CONSIDERED)

    # The clerk drafts the Sở Y tế's decisions: one per award, under its own authority.
    clerk.goto(live_server.url + "/decisions/draft/")
    for box in clerk.locator("input[name=nominations]").all():
        box.check()
    clerk.fill("#id_date", "15/12/2025")
    _press(clerk, "Lập dự thảo")
    walk.check(clerk)
    drafts = {d.award_type.code: d for d in Decision.objects.select_related("award_type")}
    assert sorted(drafts) == ["CSTD_CS", "GK", "LDTT"]
    assert {d.authority for d in drafts.values()} == {health}
    cstd = drafts["CSTD_CS"]
    assert (cstd.proposal_reference, cstd.proposal_date) == ("52/TTr-SYT", datetime.date(2025, 12, 10))

    # The director, in his own session: password, then his authenticator code (he holds a signer's post).
    boss = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
    boss.set_default_timeout(15_000)
    boss.goto(live_server.url + "/login/")
    boss.fill("#id_username", director.username)
    boss.fill("#id_password", PASSWORD)
    with boss.expect_navigation():
        boss.click("button.primary")
    secret = boss.locator("code").first.inner_text().strip()
    boss.fill("#id_code", pyotp.TOTP(secret).now())
    with boss.expect_navigation():
        boss.click("button.primary")
    boss.goto(f"{live_server.url}/decisions/{cstd.pk}/")
    with boss.expect_navigation():
        boss.click("a[data-action=approve]")
    walk.check(boss)
    boss.check("#id_confirm")
    _press(boss, "Duyệt trình ký")
    assert boss.locator("#state").inner_text() == "Đã duyệt trình ký"

    # The clerk records the signed copy: the Sở Y tế's own register gives 01/QĐ-SYT.
    clerk.goto(f"{live_server.url}/decisions/{cstd.pk}/")
    with clerk.expect_navigation():
        clerk.click("a:has-text('Cập nhật bản đã ký')")
    scan = tmp_path / "qd-cstdcs.pdf"
    scan.write_bytes(pdf_bytes())
    clerk.set_input_files("#id_signed_pdf", str(scan))
    clerk.fill("#id_signed_on", "16/12/2025")
    _press(clerk, "Lưu")
    assert clerk.locator("h1").inner_text() == "Quyết định số 01/QĐ-SYT"
    walk.check(clerk)
    word = clerk.request.get(f"{live_server.url}/decisions/{cstd.pk}/docx/")
    document = docx.Document(io.BytesIO(word.body()))
    assert [p.text for p in document.tables[1].cell(0, 1).paragraphs if p.text][0] == "GIÁM ĐỐC"
    assert [p.text for p in document.tables[1].cell(0, 1).paragraphs if p.text][-1] == "Lê Văn Lãnh"
    assert "Tờ trình số 52/TTr-SYT ngày 10/12/2025" in "\n".join(p.text for p in document.paragraphs)
    clerk.screenshot(path=artifacts_dir / "unit-round-signed.png", full_page=True)

    # The Giấy khen decision signed too (by the services), and its certificates printed under the Sở Y tế.
    giay_khen = drafts["GK"]
    decision_services.approve_for_signing(giay_khen, by=director)
    decision_services.sign_decision(giay_khen, by=world.users["clerk_a"], signed_pdf=pdf_bytes(),
                                    signed_on=datetime.date(2025, 12, 16))
    clerk.goto(f"{live_server.url}/decisions/{giay_khen.pk}/")
    assert clerk.locator("h1").inner_text() == "Quyết định số 02/QĐ-SYT"
    _press(clerk, "Công bố quyết định")  # by the Sở Y tế's own officer
    assert clerk.locator("#state").inner_text() == "Đã công bố"
    with clerk.expect_navigation():
        clerk.click("#link-certificates")
    _press(clerk, "Cấp số, mã cho 5 bằng")
    token = clerk.locator("form:has(#print-all) input[name=csrfmiddlewaretoken]").get_attribute("value")
    printed = clerk.request.post(f"{live_server.url}/certificates/decision/{giay_khen.pk}/print/",
                                 form={"csrfmiddlewaretoken": token, "template": ""}, headers={"Referer": clerk.url})
    assert printed.headers["content-type"] == "application/pdf"
    (artifacts_dir / "giay-khen-so-y-te.pdf").write_bytes(printed.body())
    first_page = PdfReader(io.BytesIO(printed.body())).pages[0].extract_text()
    for expected in ("GIÁM ĐỐC SỞ Y TẾ", "GIẤY KHEN", "TẶNG", people[3].full_name, "Lê Văn Lãnh"):
        assert expected in first_page, expected

    # The province sees every level: the person's page shows the Sở Y tế's decision, the CSTĐ tỉnh chain is whole.
    specialist = sign_in(browser, live_server, "chuyenvien")
    specialist.goto(f"{live_server.url}/people/{people[0].pk}/")
    text = walk.check(specialist)
    assert "01/QĐ-SYT" in text and "Chiến sĩ thi đua cơ sở" in text
    assert AwardRecord.objects.filter(person=people[0], award_type__code="CSTD_CS").count() == 3
    history = load_histories(person_ids=[people[0].pk])[("individual", people[0].pk)]
    result = evaluate(history.candidate(id="p", award="CSTD_TINH", year=2025), decision_date=datetime.date(2026, 8, 1))
    assert [f.passed for f in result.findings if f.code == FindingCode.CSTD_CS_CHAIN] == [True]  # Luật TĐKT Đ22.1.a
    specialist.screenshot(path=artifacts_dir / "unit-round-person-at-province.png", full_page=True)

    # A Giấy khen pasted into a dossier to the province is refused, naming who decides it.
    clerk.goto(live_server.url + "/dossiers/new/")
    choose_unit(clerk, "id_unit", world.unit_a.name)
    clerk.select_option("#id_receiving_authority", "")
    clerk.fill("#id_title", "Đề nghị Bằng khen năm 2025")
    clerk.fill("#id_year", "2025")
    clerk.click("button.primary")
    clerk.wait_for_url("**/dossiers/*/")
    clerk.click("#paste-lines summary")
    clerk.fill("#paste-rows", f"1\tÔng {people[5].full_name}\tBác sĩ, Sở Y tế\tGiấy khen")
    _press(clerk, "Nhập các dòng đã dán")
    text = walk.check(clerk)
    assert ("“Giấy khen” không thuộc thẩm quyền của Chủ tịch UBND tỉnh: thẩm quyền quyết định thuộc Thủ trưởng cơ "
            "quan, đơn vị; Chủ tịch UBND cấp xã; Người đứng đầu doanh nghiệp, hợp tác xã.") in text
    assert not Nomination.objects.filter(dossier__title="Đề nghị Bằng khen năm 2025").exists()
    clerk.screenshot(path=artifacts_dir / "unit-round-wrong-level-refused.png", full_page=True)


def test_the_province_sends_a_state_level_proposal_and_records_the_government_decision(live_server, browser,
                                                                                         artifacts_dir, world):
    """Khen cao: the specialist builds the proposal from the accepted lines, records its sending, records the
    Prime Minister's decision from its Excel list (one name not proposed goes to review, nothing saved), leaves
    that row out, commits; the awards are in the people's histories."""
    lines = state_lines(world)  # two approved Bằng khen của Thủ tướng lines at the province
    walk = Walk()
    page = sign_in(browser, live_server, "chuyenvien")
    page.goto(f"{live_server.url}/khen-cao/de-nghi/moi/?award_type={lines[0].award_type_id}&year=2025")
    walk.check(page)
    assert page.locator("#candidates input[name=nomination]:checked").count() == 2
    with page.expect_navigation():
        page.click("#create-proposal")
    proposal = StateProposal.objects.get()
    assert page.url.endswith(f"/khen-cao/de-nghi/{proposal.pk}/")
    with page.expect_navigation():
        page.click("#build-package button")
    page.fill("#id_sent_on", "02/03/2026")
    page.select_option("#id_sent_via", "dms")
    page.fill("#id_paper_sets", "1")
    with page.expect_navigation():
        page.click("#send-proposal button.primary")
    text = walk.check(page)
    assert "Chưa: phải nhận đủ cả hồ sơ giấy và tệp điện tử." in text
    assert StateProposal.objects.get().state == "sent"
    page.screenshot(path=artifacts_dir / "khen-cao-sent.png", full_page=True)

    # The Government's decision comes back: its list read from Excel, one name not proposed sent to review.
    page.goto(f"{live_server.url}/khen-cao/quyet-dinh/moi/")
    page.select_option("#id_kind", "prime_minister")
    page.fill("#id_number", "812/QĐ-TTg")
    page.fill("#id_signed_on", "20/05/2026")
    with page.expect_navigation():
        page.click("#decision-form button.primary")
    page.set_input_files("#import-list input[name=file]", files=[{"name": "qd-812.xlsx", "buffer": sheet(MESSY[:3]), "mimeType":
                                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    with page.expect_navigation():
        page.click("#import-list button")
    text = walk.check(page)
    assert "Dòng 6: “Ông Trần Văn Lạ” không có trong đề nghị nào gửi Thủ tướng Chính phủ" in text
    assert not AwardRecord.objects.filter(decision_number="812/QĐ-TTg").exists()
    page.screenshot(path=artifacts_dir / "khen-cao-review.png", full_page=True)
    decision = CentralDecision.objects.get()
    review = decision.lines.get(row=6)
    row = f"form:has(input[name=line][value='{review.pk}'])"
    page.select_option(f"{row} select[name=choice]", "drop")
    with page.expect_navigation():
        page.click(f"{row} button")
    page.on("dialog", lambda dialog: dialog.accept())  # "Enter every matched row into the award history?"
    with page.expect_navigation():
        page.click("#commit button")
    walk.check(page)
    assert sorted(AwardRecord.objects.filter(decision_number="812/QĐ-TTg").values_list("person__full_name",
                                                                                        flat=True)) == [
        "Nguyễn Văn An", "Đặng Thị Đào"]
    page.goto(f"{live_server.url}/people/{world.person_a.pk}/")
    text = walk.check(page)
    assert "812/QĐ-TTg" in text and "Bằng khen của Thủ tướng Chính phủ" in text
    page.screenshot(path=artifacts_dir / "khen-cao-history.png", full_page=True)


def test_a_commune_runs_the_same_round_and_its_chairman_signs_in_his_own_name(live_server, browser, world):
    commune = make_unit("Xã Bảo Hà", kind=UnitKind.COMMUNE, parent=world.province, code="LCI-X0123",
                        short_name="Bảo Hà")
    town = make_authority(commune, kind=AuthorityKind.COMMUNE_CHAIR, symbol="QĐ-UBND", head_title="CHỦ TỊCH")
    IssuingAuthority.objects.filter(pk=town.pk).update(
        name="Ủy ban nhân dân xã Bảo Hà", decider_title="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BẢO HÀ",
        collective_body="ỦY BAN NHÂN DÂN")
    clerk = make_user("vanthu.baoha", role=Role.UNIT_CLERK, unit=commune)
    chairman = make_user("chutich.baoha", role=Role.UNIT_LEADER, unit=commune)
    vice = make_user("phochutich.baoha", role=Role.UNIT_LEADER, unit=commune)
    make_head_post(IssuingAuthority.objects.get(pk=town.pk), chairman, full_name="Hoàng Văn Chủ")
    SignerPost.objects.create(authority=town, user=vice, full_name="Lò Thị Phó", rank=SignerRank.DEPUTY,
                              title="PHÓ CHỦ TỊCH", valid_from=datetime.date(2025, 7, 1))
    households = [make_person(name, unit=commune) for name in ("Vàng A Sình", "Lý Thị Mai")]
    dossier = workflow.create_dossier(unit=commune, title="Khen thưởng cuối năm 2025 xã Bảo Hà", kind="year_end",
                                      by=clerk, year=2025, receiving_authority=IssuingAuthority.objects.get(pk=town.pk),
                                      cover_letter_number="08/TTr-VP", cover_letter_date=datetime.date(2025, 12, 5))
    giay_khen = AwardType.objects.get(code="GK")
    for person in households:
        add_nomination(dossier, by=clerk, award_type=giay_khen, person=person)
    Nomination.objects.filter(dossier=dossier).update(state=NominationState.APPROVED)  # the commune council's vote
    first, second = (decision_services.draft_decisions([line], by=clerk)[0]
                     for line in Nomination.objects.filter(dossier=dossier).order_by("position"))
    decision_services.update_draft(second, by=clerk, signer_post=SignerPost.objects.get(user=vice))
    for decision, signer in ((first, chairman), (second, vice)):
        decision_services.approve_for_signing(decision, by=signer)
        decision_services.sign_decision(decision, by=clerk, signed_pdf=pdf_bytes(), signed_on=datetime.date(2025, 12, 20))

    page = sign_in(browser, live_server, "vanthu.baoha")
    walk = Walk()
    for decision, number, signature in (
            (first, "01/QĐ-UBND", "CHỦ TỊCH — Hoàng Văn Chủ"),
            (second, "02/QĐ-UBND", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH — Lò Thị Phó")):
        page.goto(f"{live_server.url}/decisions/{decision.pk}/")
        walk.check(page)
        assert page.locator("h1").inner_text() == f"Quyết định số {number}"
        assert page.locator("#signature").inner_text() == signature
    records = AwardRecord.objects.filter(person__in=households).order_by("decision_number")
    assert [(r.decision_number, r.decision_issuer) for r in records] == [
        ("01/QĐ-UBND", "Ủy ban nhân dân xã Bảo Hà"), ("02/QĐ-UBND", "Ủy ban nhân dân xã Bảo Hà")]
