"""Issue 7 "done means", in real Chromium: the specialist sets up the block's criteria table and year-end
round, two member units self-score with evidence (autosave), the block head adjusts one score with a reason,
the ranking refuses to publish while a member's sheet is unsubmitted or unreviewed (issue 20), the head reviews
its member, the standing body reviews the head's own sheet and marks the third member absent (takes the mark
back, marks it again), the ranking is published, and the leader's flag proposal reaches the province as the
group's dossier."""

from playwright.sync_api import expect

from tdkt.dossiers.models import Dossier
from tdkt.movements.scoring.models import Criterion, ScoreAdjustment, ScoringRound
from tdkt.orgs.models import EmulationGroupMembership
from tests.factories import PASSWORD, make_unit
from tests.scoring.support import PDF, make_group_head_also


def _sign_in(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(base + "/")


def _self_score(page, base, scoring_round, unit, points, evidence, report):
    page.goto(f"{base}/scoring/rounds/{scoring_round.pk}/units/{unit.pk}/")
    for code, value in points.items():
        criterion = Criterion.objects.get(template=scoring_round.template, code=code)
        field = page.locator(f'input[name="points-{criterion.pk}"]')
        field.fill(value)
        field.blur()
        expect(page.locator(f"#c{criterion.pk} [data-status]")).to_contain_text("Đã lưu")
    criterion = Criterion.objects.get(template=scoring_round.template, code="1")
    page.set_input_files(f'input[name="evidence-{criterion.pk}"]', evidence)
    expect(page.locator("ul.messages")).to_contain_text("Đã lưu minh chứng tiêu chí 1.")
    page.set_input_files('input[name="report"]', report)
    page.click("form[action$='/report/'] button")
    expect(page.locator("ul.messages")).to_contain_text("Đã lưu báo cáo thành tích.")
    page.click("#sc-submit")
    expect(page.locator("ul.messages")).to_contain_text("Đã nộp bảng tự chấm điểm cho Trưởng cụm, khối.")


def test_block_scoring_from_template_to_the_province(live_server, page, artifacts_dir, world, tmp_path):
    base = live_server.url
    page.set_default_timeout(45_000)  # two cores shared by many processes: the live server may be slow
    expect.set_options(timeout=30_000)
    make_group_head_also(world)  # clerk_a's unit heads the block; clerk_a also holds the GROUP_HEAD role
    third = make_unit("Sở Tài chính")  # a member that never sends its sheet
    EmulationGroupMembership.objects.create(group_year=world.group_year, unit=third, role="member")
    evidence = tmp_path / "minh-chung.pdf"
    evidence.write_bytes(PDF)
    report = tmp_path / "bao-cao-thanh-tich.pdf"
    report.write_bytes(PDF)

    # 1. The specialist: criteria table and the year-end round.
    _sign_in(page, base, "chuyenvien")
    page.goto(base + "/scoring/?year=2026")
    page.click("text=Lập bảng tiêu chí")
    page.fill("#id_title", "Bảng tiêu chí Khối Văn hóa - Xã hội năm 2026")
    page.click("button.primary")
    expect(page.locator("ul.messages")).to_contain_text("Đã lập bảng tiêu chí chấm điểm.")
    for code, title, top, kind, evidence_required in (
            ("1", "Tổ chức phong trào thi đua", "20", "normal", True),
            ("2", "Cải cách hành chính, chuyển đổi số", "30", "normal", False),
            ("3", "Điểm thưởng: mô hình mới", "5", "bonus", False)):
        page.fill("#id_code", code)
        page.fill("#id_title", title)
        page.fill("#id_max_points", top)
        page.select_option("#id_kind", kind)
        if evidence_required:
            page.check("#id_evidence_required")
        page.click("button.primary")
        expect(page.locator("ul.messages")).to_contain_text("Đã thêm tiêu chí.")
    page.screenshot(path=artifacts_dir / "scoring-1-template.png", full_page=True)
    page.click("text=Mở đợt chấm điểm")
    page.select_option("#id_kind", "year_end")
    page.fill("#id_self_scoring_due", "30/11/2026")
    page.click("button.primary")
    expect(page.locator("ul.messages")).to_contain_text("Đã mở đợt chấm điểm")
    scoring_round = ScoringRound.objects.get()

    # 2. Two member units score themselves, with evidence and their achievement reports.
    _sign_in(page, base, "vanthu.b")
    _self_score(page, base, scoring_round, world.unit_b, {"1": "19", "2": "28", "3": "4"}, evidence, report)
    expect(page.locator("#sc-total")).to_have_text("51")
    page.screenshot(path=artifacts_dir / "scoring-2-sheet-unit-b.png", full_page=True)
    _sign_in(page, base, "vanthu.a")
    _self_score(page, base, scoring_round, world.unit_a, {"1": "18", "2": "27,5", "3": "2"}, evidence, report)
    expect(page.locator("#sc-total")).to_have_text("47,5")

    # 3. The block head closes self-scoring and adjusts one score with a reason.
    page.goto(f"{base}/scoring/rounds/{scoring_round.pk}/")
    page.screenshot(path=artifacts_dir / "scoring-3a-round.png", full_page=True)
    page.click("button[value=under_review]")
    expect(page.locator("ul.messages")).to_contain_text("Trưởng cụm, khối đang thẩm định")
    page.click("text=Bảng thẩm định")
    page.select_option("#adj-unit", str(world.unit_b.pk))
    page.select_option("#adj-criterion", str(Criterion.objects.get(template=scoring_round.template, code="2").pk))
    page.fill("#adj-points", "25")
    page.fill("#adj-reason", "Chỉ tiêu chuyển đổi số chưa đạt 100%")
    page.click("#adj-submit")
    expect(page.locator("ul.messages")).to_contain_text("Đã điều chỉnh điểm tiêu chí 2 của Sở Giáo dục và Đào tạo.")
    page.screenshot(path=artifacts_dir / "scoring-3-review-panel.png", full_page=True)
    assert ScoreAdjustment.objects.get().reason == "Chỉ tiêu chuyển đổi số chưa đạt 100%"

    # 4. Publishing is refused while a sheet is missing or unreviewed; the head reviews its member, the standing
    # body reviews the head's own sheet and marks the third member absent; then the ranking is published.
    page.goto(f"{base}/scoring/rounds/{scoring_round.pk}/")
    page.click("button[value=published]")
    expect(page.locator("ul.messages")).to_contain_text(
        "còn thiếu 3/3 đơn vị (chưa gửi: Sở Tài chính; đã gửi nhưng chưa thẩm định: Sở Y tế, Sở Giáo dục và Đào tạo)")
    page.screenshot(path=artifacts_dir / "scoring-4a-publish-refused.png", full_page=True)
    expect(page.locator(f"#member-{world.unit_a.pk} button")).to_have_count(0)  # the head does not review itself
    page.click(f"#member-{world.unit_b.pk} button")
    expect(page.locator("ul.messages")).to_contain_text("Bảng điểm của Sở Giáo dục và Đào tạo đã được thẩm định")
    _sign_in(page, base, "chuyenvien")
    page.goto(f"{base}/scoring/rounds/{scoring_round.pk}/")
    page.click(f"#member-{world.unit_a.pk} button")
    expect(page.locator("ul.messages")).to_contain_text("Bảng điểm của Sở Y tế đã được thẩm định")
    page.fill(f"#absent-{third.pk}", "Đơn vị sáp nhập, không tham gia đợt chấm điểm")
    page.click(f"#member-{third.pk} form[action$='/absent/'] button")
    expect(page.locator("ul.messages")).to_contain_text("Sở Tài chính được ghi nhận vắng mặt trong đợt chấm điểm.")
    # Marked by mistake: the standing body takes the absence back with a reason, then marks it again.
    page.fill(f"#present-{third.pk}", "Ghi nhầm đơn vị")
    page.click(f"#member-{third.pk} form[action$='/absent/undo/'] button")
    expect(page.locator("ul.messages")).to_contain_text("Sở Tài chính tham gia đợt chấm điểm trở lại")
    page.fill(f"#absent-{third.pk}", "Đơn vị sáp nhập, không tham gia đợt chấm điểm")
    page.click(f"#member-{third.pk} form[action$='/absent/'] button")
    expect(page.locator("ul.messages")).to_contain_text("Sở Tài chính được ghi nhận vắng mặt trong đợt chấm điểm.")
    _sign_in(page, base, "vanthu.a")
    page.goto(f"{base}/scoring/rounds/{scoring_round.pk}/")
    page.click("button[value=published]")
    expect(page.locator("ul.messages")).to_contain_text("Đã công bố (đã khóa)")
    page.click("text=Bảng xếp hạng")
    expect(page.locator("#sc-ranking tbody tr").first).to_contain_text("Sở Giáo dục và Đào tạo")
    expect(page.locator("svg.bars rect.leader")).to_have_count(1)
    page.screenshot(path=artifacts_dir / "scoring-4-leaderboard.png", full_page=True)

    # 5. The head sends the proposals: the group's dossier goes to the province.
    page.goto(f"{base}/scoring/rounds/{scoring_round.pk}/")
    page.click("text=Gửi đề nghị khen thưởng lên tỉnh")
    expect(page.locator("ul.messages")).to_contain_text("Đã gửi đề nghị khen thưởng lên tỉnh")
    page.screenshot(path=artifacts_dir / "scoring-5-proposals.png", full_page=True)
    dossier = Dossier.objects.get(group_year=world.group_year)
    assert (dossier.state, dossier.unit) == ("submitted", world.unit_a)
    assert list(dossier.nominations.order_by("position").values_list("unit__name", "award_type__code")) == [
        ("Sở Giáo dục và Đào tạo", "CO_TINH"), ("Sở Y tế", "BK_TINH")]

    # 6. The province sees it in its queue.
    _sign_in(page, base, "chuyenvien")
    page.goto(base + "/dossiers/queue/")
    expect(page.locator("main")).to_contain_text("Đề nghị khen thưởng của “Khối Văn hóa - Xã hội” sau tổng kết năm 2026")
    page.screenshot(path=artifacts_dir / "scoring-6-province-queue.png", full_page=True)
