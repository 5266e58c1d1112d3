"""Issue 20 "done means", in real Chromium: an initiative is registered by the unit's clerk, evaluated by the
unit's initiative council, recognised at provincial scope by the standing body, claimed by one dossier's CSTĐ
line — and once the decision awarding that line is signed, it counts for that one CSTĐ only: the register shows
the award and its date, and the second dossier's line cannot claim it (the Vietnamese message)."""

from playwright.sync_api import expect

from tdkt.initiatives.models import Claim, Work
from tests.browser.pickers import pick
from tests.dossiers.support import add_line, draft_of_unit_a
from tests.factories import PASSWORD
from tests.initiatives.support import sign_line


def _sign_in(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(base + "/")


def test_an_initiative_recognised_at_provincial_scope_counts_for_one_cstd(live_server, page, artifacts_dir, world):
    base = live_server.url
    page.set_default_timeout(45_000)  # two cores shared by many processes: the live server may be slow
    expect.set_options(timeout=30_000)
    first = add_line(draft_of_unit_a(world, title="Hồ sơ thi đua năm 2025"), person=world.person_a, code="CSTD_TINH")
    second = add_line(draft_of_unit_a(world, title="Hồ sơ chuyên đề chuyển đổi số 2025"), person=world.person_a,
                      code="CSTD_TINH")

    # 1. The unit's clerk registers the initiative with its author.
    _sign_in(page, base, "vanthu.a")
    page.goto(base + "/initiatives/new/")
    page.select_option("#id_kind", "initiative")
    page.fill("#id_title", "Số hóa hồ sơ bệnh án điện tử")
    page.select_option("#id_unit", str(world.unit_a.pk))
    page.fill("#id_field", "Y tế")
    page.fill("#id_applied_on", "02/01/2025")
    pick(page, "id_authors-0-person", "nguyen van an", "Nguyễn Văn An (1985) — Sở Y tế")
    page.fill("#id_authors-0-share", "100")
    page.click("button.primary")
    expect(page.locator("ul.messages")).to_contain_text("Đã đăng ký sáng kiến, đề tài.")
    work = Work.objects.get()

    # 2. The unit's initiative council evaluates it.
    page.goto(f"{base}/initiatives/{work.pk}/evaluate/")
    page.fill("#id_council_name", "Hội đồng sáng kiến Sở Y tế")
    page.fill("#id_meeting_date", "20/05/2025")
    page.select_option("#id_passed", "yes")
    pick(page, "id_members-0-person", "dang thi", "Đặng Thị Đào — Bệnh viện Đa khoa tỉnh")
    page.fill("#id_members-0-score", "85")
    page.select_option("#id_members-0-vote", "for")
    page.click("button.primary")
    expect(page.locator("ul.messages")).to_contain_text("Đã ghi kết quả đánh giá của hội đồng.")
    expect(page.locator("#work-state")).to_have_text("Hội đồng đã đánh giá")

    # 3. The standing body records the recognition at provincial scope.
    _sign_in(page, base, "chuyenvien")
    page.goto(f"{base}/initiatives/{work.pk}/recognise/")
    page.select_option("#id_scope", "TINH")
    page.fill("#id_decision_number", "125/QĐ-UBND")
    page.fill("#id_decision_date", "10/06/2025")
    page.fill("#id_recognised_by", "Chủ tịch UBND tỉnh")
    page.click("button.primary")
    expect(page.locator("#work-state")).to_have_text("Đã công nhận")
    expect(page.locator("#work-scope")).to_have_text("Cấp tỉnh")
    page.screenshot(path=artifacts_dir / "initiative-1-recognised.png", full_page=True)

    # 4. The clerk rests the first dossier's CSTĐ line on it; the decision awarding that line is signed.
    _sign_in(page, base, "vanthu.a")
    page.goto(f"{base}/initiatives/{work.pk}/")
    page.select_option("#id_nomination", str(first.pk))
    page.click("form[action$='/claim/'] button")
    expect(page.locator("ul.messages")).to_contain_text("Dòng đề nghị đã dùng sáng kiến này làm căn cứ.")
    expect(page.locator("#claims")).to_contain_text("Hồ sơ thi đua năm 2025")
    sign_line(world, first)  # appraisal, council and signing are the decisions' journeys; here they are given
    page.reload()
    expect(page.locator("#work-used-for")).to_have_text("Chiến sĩ thi đua cấp tỉnh 2025 — 01/QĐ-UBND, 10/07/2026")
    expect(page.locator("#claims")).to_contain_text("Đã dùng cho khen thưởng theo quyết định 01/QĐ-UBND.")

    # 5. The second dossier's CSTĐ line cannot rest on the same initiative.
    page.select_option("#id_nomination", str(second.pk))
    page.click("form[action$='/claim/'] button")
    expect(page.locator("ul.messages")).to_contain_text(
        "Sáng kiến “Số hóa hồ sơ bệnh án điện tử” đã được dùng để đề nghị “Chiến sĩ thi đua cấp tỉnh” (năm 2025).")
    page.screenshot(path=artifacts_dir / "initiative-2-second-cstd-refused.png", full_page=True)
    assert list(Claim.objects.values_list("nomination_id", "used_for__award_type__code")) == [(first.pk, "CSTD_TINH")]
