"""Issue 20's "done means" as ONE walk in real Chromium: one province, one year, the personas taking turns.

Sở Y tế's clerk registers named people by the deadline (pasted as the unit wrote them) and its leader signs;
the clerk records Nguyễn Văn An's initiative (with a co-author), the unit's initiative council evaluates it and
the standing body recognises it at provincial scope; the clerk runs the plan's training class with An as a
trainee and records attendance; the standing body inspects Sở Y tế and records a recommendation due in five
days; the clerk nominates An for CSTĐ cấp tỉnh resting on the initiative, the decision is drafted, approved by
the chairman (password and authenticator code) and recorded as signed; the co-author's CSTĐ line in another
dossier cannot claim the same initiative; a week passes (the application's clock moves, nobody sleeps) and the
overdue recommendation shows on the clerk's home; the year-end comparison shows An registered and awarded; the
block head's attempt to publish the ranking is refused naming the member whose sheet was never sent; the
standing body scores the province in its inter-provincial cluster and the exported sheet is opened and read.

Setup through factories and services only for what the story does not ask of a user: the people, the plan and
its tasks, the registration call, the block's criteria table and round, the council's approval of the dossier
line and the tờ trình the decision cites. Persons are chosen in forms through choose_person/add_trainees only:
the person fields are about to become search pickers (one place to adapt). Screenshots: test-artifacts/walk20-*.
Two key pages are also read at phone width (390 px) without horizontal overflow."""

import contextlib
import datetime
import io
from decimal import Decimal

import openpyxl
import pyotp
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tdkt.accounts.enums import Role
from tdkt.decisions.models import Decision
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.initiatives.models import Claim, Work
from tdkt.inspections.models import Recommendation
from tdkt.lib.vntext import fold
from tdkt.movements.registrations import set_registration_call
from tdkt.movements.scoring import services as scoring
from tdkt.movements.scoring.models import ScoringRound
from tdkt.movements.scoring.models_province import ClusterCriterion
from tdkt.orgs.models import EmulationGroupMembership
from tdkt.people.pickers import person_label
from tdkt.plans.enums import TaskKind
from tdkt.training.models import Attendance, Training
from tests.browser.pickers import choose_unit, pick
from tests.browser.test_trustworthy_dossier_walk import Walk
from tests.decisions.support import cite_proposal, make_authority, pdf_bytes
from tests.factories import PASSWORD, make_unit, make_user
from tests.initiatives.support import _approved
from tests.plans.support import make_plan, make_task
from tests.scoring.support import PDF, make_group_head_also

PHONE = {"width": 390, "height": 844}
NAMES = ("STT\tHọ và tên\tChức vụ\tDanh hiệu đăng ký\n"
         "1\tĐ/c Nguyễn Văn An\tTrưởng phòng Nghiệp vụ Y\tChiến sĩ thi đua cấp tỉnh\n"
         "2\tThạc sĩ Đặng Thị Đào\tBác sĩ\tLao động tiên tiến\n")
INITIATIVE = "Số hóa hồ sơ bệnh án điện tử"


def d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


class Clock:
    """The application's clock moved forward as the story goes. The live server runs in this process, and
    timezone.localdate() reads timezone.now(): moving now moves "today" and the timestamps together. Sessions
    (8 hours) expire with the move, so the personas sign in again."""

    def __init__(self, monkeypatch):
        self.monkeypatch, self.real_now, self.offset = monkeypatch, timezone.now, datetime.timedelta(0)

    def advance(self, days: int):
        self.offset += datetime.timedelta(days=days)
        real_now, offset = self.real_now, self.offset
        self.monkeypatch.setattr(timezone, "now", lambda: real_now() + offset)


class Personas:
    """One browser context per persona, signed in on first use (again after the clock moved)."""

    def __init__(self, browser, base, walk, artifacts_dir):
        self.browser, self.base, self.walk, self.dir = browser, base, walk, artifacts_dir
        self.pages, self.shots, self.contexts = {}, 0, []

    def page(self, username, viewport=None):
        key = (username, bool(viewport))
        if key not in self.pages:
            extra = {"viewport": viewport, "is_mobile": True, "has_touch": True} if viewport else {}
            context = self.browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **extra)
            context.set_default_timeout(45_000)  # two cores shared by many processes: the live server may be slow
            self.contexts.append(context)
            self.pages[key] = context.new_page()
            self.sign_in(self.pages[key], username)
        return self.pages[key]

    def sign_in(self, page, username):
        page.context.clear_cookies()
        page.goto(self.base + "/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button.primary")

    def forget(self):
        """After the clock moved: every session has expired."""
        for page in self.pages.values():
            page.context.close()
        self.pages = {}

    def shot(self, page, name):
        self.shots += 1
        self.walk.check(page)
        page.screenshot(path=self.dir / f"walk20-{self.shots:02d}-{name}.png", full_page=True)

    def close(self):
        for context in self.contexts:
            with contextlib.suppress(Exception):  # closed already by forget()
                context.close()


def choose_person(page, field: str, person):
    """A person field of a form (initiative authors and council members, the inspection team's leader): the
    search picker, typed without diacritics as users do, then the suggestion clicked."""
    pick(page, field.lstrip("#"), fold(person.full_name), person_label(person))


def add_trainees(page, persons):
    """Trainees added to a class from the registry through the same picker."""
    for person in persons:
        choose_person(page, "#id_person", person)
    page.click("#add-trainees button.primary")


def add_line(page, base, dossier, person, unit_name, award="Chiến sĩ thi đua cấp tỉnh"):
    page.goto(f"{base}/dossiers/{dossier.pk}/lines/add/?q={person.full_name}")
    pick(page, "id_person", person.full_name, person.full_name)
    page.select_option("#id_award_type", label=award)
    page.click("form.form button.primary")
    page.wait_for_url(f"**/dossiers/{dossier.pk}/")
    return Nomination.objects.get(dossier=dossier, person=person)


def new_dossier(page, base, unit, title, year, letter):
    page.goto(base + "/dossiers/new/")
    choose_unit(page, "id_unit", unit.name)
    page.fill("#id_title", title)
    page.fill("#id_year", str(year))
    page.fill("#id_cover_letter_number", letter)
    page.fill("#id_cover_letter_date", d(timezone.localdate()))
    page.click("button.primary")
    page.wait_for_url("**/dossiers/*/")
    return Dossier.objects.get(title=title)


def claim(page, base, work, line):
    page.goto(f"{base}/initiatives/{work.pk}/")
    page.select_option("#id_nomination", str(line.pk))
    page.click("form[action$='/claim/'] button")


def self_score(page, base, scoring_round, unit, points):
    page.goto(f"{base}/scoring/rounds/{scoring_round.pk}/units/{unit.pk}/")
    for criterion, value in points.items():
        field = page.locator(f'input[name="points-{criterion.pk}"]')
        field.fill(value)
        field.blur()
        expect(page.locator(f"#c{criterion.pk} [data-status]")).to_contain_text("Đã lưu")
    page.click("#sc-submit")
    expect(page.locator("ul.messages")).to_contain_text("Đã nộp bảng tự chấm điểm cho Trưởng cụm, khối.")


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.fixture
def people(request, live_server, browser, artifacts_dir):
    personas = Personas(browser, live_server.url, Walk(), artifacts_dir)
    expect.set_options(timeout=30_000)
    try:
        yield personas
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:  # every persona's page as it was
            for (username, phone), page in personas.pages.items():
                with contextlib.suppress(Exception):
                    page.screenshot(path=artifacts_dir / f"FAILED-walk20-{username}{'-phone' if phone else ''}.png",
                                    full_page=True)
        personas.close()


def test_the_provinces_programme_in_one_walk(live_server, people, world, monkeypatch, tmp_path):
    base, today = live_server.url, timezone.localdate()
    year = today.year
    an, dao = world.person_a, world.person_a_child
    clock = Clock(monkeypatch)
    # Setup: the leader of Sở Y tế, the year's plan with its training task, the registration call, the decision's
    # issuing authority, the block's third member that never sends its sheet, and the criteria table.
    make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a, full_name="Lê Văn Lãnh")
    plan = make_plan(title=f"Công tác thi đua, khen thưởng năm {year}", year=year)
    training_task = make_task(plan, "Tổ chức 06 lớp tập huấn nghiệp vụ công tác thi đua, khen thưởng",
                              period="Q4", kind=TaskKind.TRAINING)
    set_registration_call(by=world.users["specialist"], year=year, opened_on=today, working_days=10)
    make_authority()
    make_group_head_also(world)  # Sở Y tế heads the block "Khối Văn hóa - Xã hội"
    finance = make_unit("Sở Tài chính")
    EmulationGroupMembership.objects.create(group_year=world.group_year, unit=finance, role="member")
    template = scoring.create_template(world.group_year, by=world.users["specialist"],
                                       title=f"Bảng tiêu chí Khối Văn hóa - Xã hội năm {year}")
    work_criterion = scoring.add_criterion(template, by=world.users["specialist"], code="1",
                                           title="Tổ chức phong trào thi đua", max_points=Decimal(20))
    scoring_round = scoring.open_round(template, by=world.users["specialist"], kind="year_end")
    evidence = tmp_path / "bao-cao-kinh-te-xa-hoi.pdf"
    evidence.write_bytes(PDF)

    # 1. The clerk registers named people by the deadline; the leader signs.
    clerk = people.page("vanthu.a")
    clerk.goto(f"{base}/movements/registrations/names/?year={year}")
    choose_unit(clerk, "id_unit", world.unit_a.name)
    clerk.fill("#id_names", NAMES)
    clerk.click("button.primary")
    clerk.wait_for_url("**/movements/registrations/*/")
    assert clerk.locator("#entries tbody tr td:nth-child(2)").all_inner_texts() == ["Nguyễn Văn An", "Đặng Thị Đào"]
    assert clerk.locator("#entries tbody tr td:nth-child(4)").all_inner_texts() == [
        "Chiến sĩ thi đua cấp tỉnh", "Lao động tiên tiến"]
    clerk.click("#submit-form button.primary")
    clerk.wait_for_url("**/movements/registrations/*/")
    expect(clerk.locator("#state")).to_contain_text("Đã gửi")
    assert clerk.locator("#late").count() == 0  # sent by the deadline
    registration_url = clerk.url
    people.shot(clerk, "registration-sent")
    leader = people.page("lanhdao.a")
    leader.goto(registration_url)
    leader.click("#sign")
    leader.wait_for_url(registration_url)
    expect(leader.locator("#state")).to_contain_text("Lãnh đạo đã ký")
    people.shot(leader, "registration-signed")

    # 2. The clerk records An's initiative; the unit's initiative council evaluates it.
    clerk.goto(base + "/initiatives/new/")
    clerk.select_option("#id_kind", "initiative")
    clerk.fill("#id_title", INITIATIVE)
    choose_unit(clerk, "id_unit", world.unit_a.name)
    clerk.fill("#id_field", "Y tế")
    clerk.fill("#id_applied_on", d(datetime.date(year, 1, 2)))
    choose_person(clerk, "#id_authors-0-person", an)
    clerk.fill("#id_authors-0-share", "60")
    choose_person(clerk, "#id_authors-1-person", dao)
    clerk.fill("#id_authors-1-share", "40")
    clerk.click("button.primary")
    expect(clerk.locator("ul.messages")).to_contain_text("Đã đăng ký sáng kiến, đề tài.")
    work = Work.objects.get()
    clerk.goto(f"{base}/initiatives/{work.pk}/evaluate/")
    clerk.fill("#id_council_name", "Hội đồng sáng kiến Sở Y tế")
    clerk.fill("#id_meeting_date", d(datetime.date(year, 5, 20)))
    clerk.select_option("#id_passed", "yes")
    choose_person(clerk, "#id_members-0-person", world.person_b)
    clerk.fill("#id_members-0-score", "85")
    clerk.select_option("#id_members-0-vote", "for")
    clerk.click("button.primary")
    expect(clerk.locator("ul.messages")).to_contain_text("Đã ghi kết quả đánh giá của hội đồng.")
    expect(clerk.locator("#work-state")).to_have_text("Hội đồng đã đánh giá")

    # 3. The standing body recognises it at provincial scope.
    specialist = people.page("chuyenvien")
    specialist.goto(f"{base}/initiatives/{work.pk}/recognise/")
    specialist.select_option("#id_scope", "TINH")
    specialist.fill("#id_decision_number", "125/QĐ-UBND")
    specialist.fill("#id_decision_date", d(datetime.date(year, 6, 10)))
    specialist.fill("#id_recognised_by", "Chủ tịch UBND tỉnh")
    specialist.click("button.primary")
    expect(specialist.locator("#work-state")).to_have_text("Đã công nhận")
    expect(specialist.locator("#work-scope")).to_have_text("Cấp tỉnh")
    people.shot(specialist, "initiative-recognised")

    # 4. The clerk runs one of the plan task's six classes, with An as a trainee, and records attendance.
    clerk.goto(f"{base}/training/?task={training_task.pk}")
    clerk.click("#task-progress a.button")
    clerk.fill("#id_topic", "Bồi dưỡng nghiệp vụ công tác thi đua, khen thưởng")
    choose_unit(clerk, "id_organiser", world.unit_a.name)
    first_day = today - datetime.timedelta(days=3)
    clerk.fill("#id_starts_on", d(first_day))
    clerk.fill("#id_ends_on", d(first_day + datetime.timedelta(days=1)))
    clerk.fill("#id_place", "Hội trường Sở Y tế")
    clerk.fill("#id_lecturers", "ThS. Lê Thị Hoa — Sở Nội vụ")
    clerk.select_option("#id_plan_task", str(training_task.pk))
    clerk.click("button.primary")
    clerk.wait_for_url("**/training/*/")
    training = Training.objects.get()
    assert training.plan_task_id == training_task.pk
    expect(clerk.locator("#training-state")).to_have_text("Dự kiến")
    expect(clerk.locator("#plan-task")).to_contain_text(training_task.content)
    add_trainees(clerk, [an, dao])
    expect(clerk.locator(".messages li")).to_have_text("Đã thêm 2 học viên.")
    session = training.sessions.get(on=first_day)
    clerk.click(f"tr[data-session='{session.pk}'] a")
    clerk.uncheck(f"#present-{training.trainees.get(person=dao).pk}")
    clerk.click("#attendance-form button.primary")
    expect(clerk.locator(".messages li")).to_have_text(f"Đã ghi điểm danh ngày {d(first_day)}.")
    assert clerk.locator(f"tr[data-session='{session.pk}'] td").nth(1).inner_text() == "1/2"
    assert dict(Attendance.objects.values_list("trainee__person__full_name", "present")) == {
        "Nguyễn Văn An": True, "Đặng Thị Đào": False}
    clerk.click(".actions >> text=Xác nhận đã tổ chức")
    clerk.click("form.form button.primary")
    expect(clerk.locator("#training-state")).to_have_text("Đã tổ chức")
    people.shot(clerk, "training-attendance")
    clerk.goto(f"{base}/training/?task={training_task.pk}")
    assert clerk.locator("#held-count").inner_text() == "1" and clerk.locator("#planned-count").inner_text() == "6"

    # 5. The standing body inspects Sở Y tế: a recommendation due in five days.
    due = today + datetime.timedelta(days=5)
    specialist.goto(base + "/")
    specialist.click("#menu-group-movements > summary")
    specialist.click("#menu-inspections")
    specialist.click("#inspection-new")
    specialist.fill("#id_year", str(year))
    specialist.fill("#id_title", "Kiểm tra công tác thi đua, khen thưởng tại Sở Y tế")
    specialist.fill("#id_starts_on", d(today - datetime.timedelta(days=2)))
    specialist.fill("#id_ends_on", d(today - datetime.timedelta(days=1)))
    choose_unit(specialist, "id_units", world.unit_a.name)
    choose_person(specialist, "#id_leader", world.person_b)
    specialist.click("#inspection-form button.primary")
    specialist.wait_for_url("**/inspections/*/")
    specialist.click("table.records a")
    specialist.click("#record-edit")
    specialist.locator("#findings-form select").first.select_option("adequate")
    specialist.fill("#id_summary", "Đơn vị cần ban hành kế hoạch thi đua năm đúng hạn.")
    specialist.click("#findings-form button.primary")
    specialist.wait_for_url("**/inspections/records/*/")
    specialist.fill("#id_content", "Ban hành kế hoạch thi đua, khen thưởng năm")
    specialist.fill("#id_due_on", d(due))
    specialist.click("#recommendation-form button.primary")
    specialist.wait_for_url("**/inspections/records/*/")
    recommendation = Recommendation.objects.get()
    people.shot(specialist, "inspection-recommendation")
    clerk.goto(base + "/")
    assert clerk.locator("#overdue-recommendations").count() == 0  # not due yet

    # 6. The clerk nominates An for CSTĐ cấp tỉnh resting on the initiative.
    first = new_dossier(clerk, base, world.unit_a, f"Hồ sơ khen thưởng năm {year}", year, "31/TTr-SYT")
    line = add_line(clerk, base, first, an, "Sở Y tế")
    claim(clerk, base, work, line)
    expect(clerk.locator("ul.messages")).to_contain_text("Dòng đề nghị đã dùng sáng kiến này làm căn cứ.")
    expect(clerk.locator("#claims")).to_contain_text(f"Hồ sơ khen thưởng năm {year}")

    # 7. The council's approval is the dossiers' walk (issue 17): given here. The standing body drafts the
    # decision, the chairman approves it for signing, the signed copy is recorded.
    _approved(line)
    signed_on = today - datetime.timedelta(days=1)
    specialist.goto(base + "/decisions/draft/")
    specialist.check(f"input[name=nominations][value='{line.pk}']")
    specialist.fill("#id_date", d(signed_on))
    with specialist.expect_navigation():
        specialist.click("button:has-text('Lập dự thảo')")
    expect(specialist.locator("#state")).to_have_text("Dự thảo")
    decision_url = specialist.url
    cite_proposal(Decision.objects.get())  # the tờ trình it answers (the decision journey does the same)
    chairman = people.page("chutich")
    secret = chairman.locator("code").first.inner_text().strip()
    chairman.fill("#id_code", pyotp.TOTP(secret).now())
    with chairman.expect_navigation():
        chairman.click("button.primary")
    chairman.goto(decision_url)
    with chairman.expect_navigation():
        chairman.click("a[data-action=approve]")
    chairman.check("#id_confirm")
    with chairman.expect_navigation():
        chairman.click("button:has-text('Duyệt trình ký')")
    expect(chairman.locator("#state")).to_have_text("Đã duyệt trình ký")
    specialist.goto(decision_url)
    with specialist.expect_navigation():
        specialist.click("a:has-text('Cập nhật bản đã ký')")
    scan = tmp_path / "quyet-dinh-da-ky.pdf"
    scan.write_bytes(pdf_bytes())
    specialist.set_input_files("#id_signed_pdf", str(scan))
    specialist.fill("#id_signed_on", d(signed_on))
    with specialist.expect_navigation():
        specialist.click("button:has-text('Lưu')")
    expect(specialist.locator("#state")).to_have_text("Đã ký")
    expect(specialist.locator("h1")).to_have_text("Quyết định số 01/QĐ-UBND")
    people.shot(specialist, "decision-signed")
    clerk.goto(f"{base}/initiatives/{work.pk}/")
    expect(clerk.locator("#work-used-for")).to_have_text(
        f"Chiến sĩ thi đua cấp tỉnh {year} — 01/QĐ-UBND, {d(signed_on)}")
    expect(clerk.locator("#claims")).to_contain_text("Đã dùng cho khen thưởng theo quyết định 01/QĐ-UBND.")

    # 8. The co-author's CSTĐ line in another dossier cannot claim the same initiative.
    second = new_dossier(clerk, base, world.unit_a, f"Hồ sơ chuyên đề chuyển đổi số {year}", year, "32/TTr-SYT")
    other = add_line(clerk, base, second, dao, "Bệnh viện Đa khoa tỉnh")
    claim(clerk, base, work, other)
    expect(clerk.locator("ul.messages")).to_contain_text(
        f"Sáng kiến “{INITIATIVE}” đã được dùng để đề nghị “Chiến sĩ thi đua cấp tỉnh” (năm {year}).")
    people.shot(clerk, "second-cstd-refused")
    assert list(Claim.objects.values_list("nomination_id", "used_for__award_type__code")) == [(line.pk, "CSTD_TINH")]

    # 9. A week passes: the recommendation, never followed up, is overdue on the clerk's home.
    clock.advance(7)
    people.forget()
    clerk = people.page("vanthu.a")
    row = clerk.locator(f"#overdue-recommendations tr[data-recommendation='{recommendation.pk}']")
    assert row.inner_text().split("\t")[:3] == ["Sở Y tế", "Ban hành kế hoạch thi đua, khen thưởng năm", d(due)]
    people.shot(clerk, "overdue-on-unit-home")
    phone = people.page("vanthu.a", viewport=PHONE)
    expect(phone.locator(f"#overdue-recommendations tr[data-recommendation='{recommendation.pk}']")).to_have_count(1)
    assert no_horizontal_overflow(phone)
    people.shot(phone, "overdue-on-unit-home-phone")

    # 10. Year end: the standing body's comparison shows An registered and awarded.
    specialist = people.page("chuyenvien")
    specialist.goto(f"{base}/movements/registrations/compare/?year={year}&unit={world.unit_a.pk}")
    rows = {cells[1]: cells for cells in (row.locator("td").all_inner_texts()
                                          for row in specialist.locator("#named tbody tr").all())}
    assert rows["Nguyễn Văn An"] == ["Sở Y tế", "Nguyễn Văn An", "Chiến sĩ thi đua cấp tỉnh",
                                     "Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cấp tỉnh", "—"]
    assert rows["Đặng Thị Đào"][2:5] == ["Lao động tiên tiến", "Chiến sĩ thi đua cấp tỉnh", "—"]
    assert specialist.locator("#comparison tbody tr").nth(1).locator("td").all_inner_texts() == [
        "Chiến sĩ thi đua cấp tỉnh", "1", "2", "1"]  # registered, proposed (An's and Đào's lines), awarded
    people.shot(specialist, "year-end-comparison")
    phone = people.page("chuyenvien", viewport=PHONE)
    phone.goto(specialist.url)
    expect(phone.locator("#named tbody tr")).to_have_count(2)
    assert no_horizontal_overflow(phone)
    people.shot(phone, "year-end-comparison-phone")

    # 11. The block: two members send their sheets, Sở Tài chính never does; publishing is refused, naming it.
    member = people.page("vanthu.b")
    self_score(member, base, scoring_round, world.unit_b, {work_criterion: "18"})
    clerk = people.page("vanthu.a")
    self_score(clerk, base, scoring_round, world.unit_a, {work_criterion: "17,5"})
    clerk.goto(f"{base}/scoring/rounds/{scoring_round.pk}/")
    clerk.click("button[value=under_review]")
    expect(clerk.locator("ul.messages")).to_contain_text("Trưởng cụm, khối đang thẩm định")
    clerk.click(f"#member-{world.unit_b.pk} button")
    expect(clerk.locator("ul.messages")).to_contain_text("Bảng điểm của Sở Giáo dục và Đào tạo đã được thẩm định")
    clerk.click("button[value=published]")
    expect(clerk.locator("ul.messages")).to_contain_text(
        "Chưa thể xếp hạng: cần bảng điểm đã gửi và đã thẩm định của mọi thành viên, hoặc thành viên được cơ quan "
        "thường trực ghi nhận vắng mặt; còn thiếu 2/3 đơn vị (chưa gửi: Sở Tài chính; đã gửi nhưng chưa thẩm định: "
        "Sở Y tế).")
    expect(clerk.locator(f"#member-{finance.pk}")).to_contain_text("Chưa thực hiện")
    assert ScoringRound.objects.get().state == "under_review"
    people.shot(clerk, "ranking-refused")

    # 12. The province in its inter-provincial cluster: the standing body scores it and exports the sheet.
    specialist.goto(base + "/scoring/province-clusters/")
    specialist.fill("#id_name", "Cụm thi đua các tỉnh miền núi, biên giới phía Bắc")
    specialist.fill("#id_code", "MNBG")
    specialist.fill("#id_member_provinces", "Lào Cai\nLai Châu\nĐiện Biên\nHà Giang")
    specialist.click("button.primary")
    expect(specialist.locator("ul.messages")).to_contain_text("Đã ghi nhận cụm thi đua các tỉnh.")
    specialist.fill("input[name=year]", str(year))
    specialist.click("text=Mở năm")
    for code, title, top in (("1", "Thực hiện nhiệm vụ chính trị, chỉ tiêu kinh tế - xã hội", "60"),
                             ("2", "Tổ chức các phong trào thi đua", "40")):
        specialist.fill("#id_code", code)
        specialist.fill("#id_title", title)
        specialist.fill("#id_max_points", top)
        specialist.click("form:has(#id_code) button")
        expect(specialist.locator("ul.messages")).to_contain_text("Đã thêm tiêu chí.")
    politics, movements = ClusterCriterion.objects.order_by("order")
    specialist.fill(f"#points-{politics.pk}", "55,5")
    specialist.fill(f"#expl-{politics.pk}", "Đạt 18/20 chỉ tiêu")
    specialist.set_input_files(f"#ev-{politics.pk}", evidence)
    specialist.click(f"#pc-{politics.pk} button")
    expect(specialist.locator("ul.messages")).to_contain_text("Đã lưu tiêu chí 1.")
    specialist.fill(f"#points-{movements.pk}", "36")
    specialist.click(f"#pc-{movements.pk} button")
    expect(specialist.locator("#province-total")).to_have_text("91,5")
    specialist.click("text=Gửi bảng điểm cho cụm")
    expect(specialist.locator("ul.messages")).to_contain_text("Đã gửi bảng tự chấm điểm của tỉnh cho cụm.")
    people.shot(specialist, "province-cluster-sheet")
    with specialist.expect_download() as download:
        specialist.click("#province-export")
    workbook = download.value.path().read_bytes()
    (people.dir / "walk20-province-cluster-sheet.xlsx").write_bytes(workbook)
    rows = list(openpyxl.load_workbook(io.BytesIO(workbook))["Tự chấm điểm"].iter_rows(values_only=True))
    assert rows[2][:5] == ("1", "Thực hiện nhiệm vụ chính trị, chỉ tiêu kinh tế - xã hội", "Tiêu chí", 60, 55.5)
    assert rows[3][:5] == ("2", "Tổ chức các phong trào thi đua", "Tiêu chí", 40, 36)
    assert rows[4][1] == "Tổng điểm" and rows[4][4] == 91.5
    assert len(people.walk.seen) >= 12
