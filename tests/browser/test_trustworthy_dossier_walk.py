"""Issue 15's walk in real Chromium, as each persona does it: the clerk prepares a dossier (a provincial quota
refuses the line one too many), puts it before the leader, who approves and sends it; the Sở Y tế's own
emulation officer (LĐTT is its director's to decide, issue 16) accepts one line and returns two with a reason
each; the clerk's notification arrives in the application and as an e-mail at a real local SMTP server with an
absolute link; the clerk completes only the returned lines and is refused on the
accepted one; a rating recorded on the unit's ratings sheet turns a line from "no rating" to "eligible" without
resubmission; the clerk puts it before the leader again, who resends it. No page of the walk shows English or a
parameter's identifier."""

import re

import pytest

from tdkt.accounts.enums import Role
from tdkt.awards.models import AwardType
from tdkt.awards.services import create_rating
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.nominees.quotas import add_quota
from tdkt.notifications.outbox import deliver_due
from tests.browser.pickers import choose_unit, pick
from tests.browser.test_dossier_workflow import PDF, confirm, sign_in, upload
from tests.dossiers.support import leader_a
from tests.factories import make_authority, make_person, make_user
from tests.smtp_receiver import SmtpReceiver

# English words a Vietnamese page never needs, and snake_case identifiers (a parameter's name, a raw code).
ENGLISH = re.compile(r"\b(the|and|of|with|for|this|that|is|are|Select|option|None|True|False|eligible|ineligible|"
                     r"needs_review|proposed|accepted|returned|draft|submitted)\b")
IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


class Walk:
    """Every page the walk sees is read for English and identifiers."""

    def __init__(self):
        self.seen = []

    def check(self, page):
        text = page.inner_text("body")
        self.seen.append(page.url)
        assert not ENGLISH.findall(text), (page.url, ENGLISH.findall(text))
        assert not IDENTIFIER.findall(text), (page.url, IDENTIFIER.findall(text))
        return text


@pytest.fixture
def receiver(settings, live_server):
    settings.SITE_URL = live_server.url
    with SmtpReceiver() as server:
        settings.MAILERS = server.mailer()
        yield server


def add_line(walk, clerk, live_server, dossier, name):
    clerk.goto(f"{live_server.url}/dossiers/{dossier.pk}/lines/add/?q={name}")
    pick(clerk, "id_person", name, name)
    clerk.select_option("#id_award_type", label="Lao động tiên tiến")
    clerk.click("form.form button.primary")
    return walk.check(clerk)


def line_row(page, name):
    return page.locator("#nominee-lines-table tbody tr", has_text=name).inner_text()


def test_prepare_approve_return_fix_rate_resend(live_server, browser, artifacts_dir, world, receiver):
    walk = Walk()
    specialist_user = world.users["specialist"]
    clerk_user = world.users["clerk_a"]
    clerk_user.email = "vanthu.syt@laocai.gov.vn"
    clerk_user.save(update_fields=["email"])
    leader_a(world)
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    for name in names[1:]:
        create_rating(by=specialist_user, person=make_person(name, unit=world.unit_a), year=2025, level="HTTNV")
    add_quota(by=specialist_user, year=2025, award_type=AwardType.objects.get(code="LDTT"), max_count=3,
              unit=world.unit_a, legal_basis="Kế hoạch 12/KH-UBND ngày 10/01/2025")

    # the clerk prepares
    clerk = sign_in(browser, live_server, "vanthu.a")
    make_authority(world.unit_a)  # LĐTT is the Sở Y tế director's to decide (Luật TĐKT Đ80.1): its own round
    clerk.goto(live_server.url + "/dossiers/new/")
    choose_unit(clerk, "id_unit", world.unit_a.name)
    clerk.fill("#id_title", "Đề nghị tặng Lao động tiên tiến năm 2025")
    clerk.fill("#id_year", "2025")
    clerk.fill("#id_cover_letter_number", "27/TTr-SYT")
    clerk.fill("#id_cover_letter_date", "10/12/2025")
    clerk.click("button.primary")
    clerk.wait_for_url("**/dossiers/*/")
    dossier = Dossier.objects.get(title="Đề nghị tặng Lao động tiên tiến năm 2025")
    url = f"{live_server.url}/dossiers/{dossier.pk}/"
    for name in names[:3]:
        add_line(walk, clerk, live_server, dossier, name)
    refused = add_line(walk, clerk, live_server, dossier, names[3])
    assert ("Vượt chỉ tiêu: “Lao động tiên tiến” của Sở Y tế năm 2025 tối đa 3 trường hợp (căn cứ: Kế hoạch "
            f"12/KH-UBND ngày 10/01/2025); đã có 3 trường hợp được tính (trong hồ sơ {dossier.reference}), thêm 1 "
            "trường hợp (Phạm Thị Dung) sẽ thành 4.") in refused
    assert dossier.nominations.count() == 3
    clerk.screenshot(path=artifacts_dir / "walk-quota-refused.png", full_page=True)
    clerk.goto(url)
    assert "Chưa có xếp loại năm 2025" in line_row(clerk, names[0])
    lines = {line.person.full_name: line for line in dossier.nominations.select_related("person")}
    upload(clerk, "cover_letter", "to-trinh.pdf", PDF)
    upload(clerk, "council_minutes", "bien-ban.pdf", PDF)
    for name in names[:3]:
        upload(clerk, "achievement_report", "bao-cao.pdf", PDF, nominee=name)
    walk.check(clerk)
    confirm(clerk, "send_for_approval", reason="Kính trình lãnh đạo Sở.")
    clerk.wait_for_url(url)
    assert clerk.locator("#dossier-state").inner_text() == "Chờ lãnh đạo duyệt"
    walk.check(clerk)

    # the leader approves and sends
    leader = sign_in(browser, live_server, "lanhdao.a")
    leader.goto(url)
    walk.check(leader)
    confirm(leader, "approve_and_send", reason="")
    leader.wait_for_url(url)
    assert leader.locator("#dossier-state").inner_text() == "Đã gửi"

    # the Sở Y tế's emulation officer (the round is the director's to decide) accepts one line and returns two,
    # each with its reason
    make_user("tdkt.syt", role=Role.UNIT_CLERK, unit=world.unit_a, full_name="Hà Thị Thi")
    specialist = sign_in(browser, live_server, "tdkt.syt")
    specialist.goto(url)
    confirm(specialist, "receive")
    confirm(specialist, "start_appraisal")
    assert specialist.locator("#dossier-state").inner_text() == "Đang thẩm định"
    specialist.goto(f"{url}appraise/")
    walk.check(specialist)
    specialist.click(f"#line-{lines[names[1]].pk} button[value=accept]")
    assert specialist.locator(f"#line-{lines[names[1]].pk}").inner_text().count("Đạt qua thẩm định") == 1
    walk.check(specialist)
    specialist.goto(f"{url}return/")
    specialist.fill("#id_reason", "Bổ sung hồ sơ của hai cá nhân.")
    specialist.fill(f"textarea[name=fix_{lines[names[0]].pk}]", "Chưa có kết quả xếp loại năm 2025.")
    specialist.fill(f"textarea[name=fix_{lines[names[2]].pk}]", "Ghi rõ chức vụ, đơn vị công tác.")
    specialist.click("button.primary")
    specialist.wait_for_url(url)
    assert specialist.locator("#dossier-state").inner_text() == "Trả lại để bổ sung"

    # the clerk is told: in the application, and by e-mail with an absolute link
    deliver_due()  # what the worker does (the outbox may already have been sent on commit)
    mails = [(recipients, message) for _sender, recipients, message in receiver.messages
             if recipients == ["vanthu.syt@laocai.gov.vn"]]
    assert len(mails) == 1
    body = mails[0][1].get_content()
    assert f"{live_server.url}/dossiers/{dossier.pk}/" in body
    assert "Chưa có kết quả xếp loại năm 2025." in body and "Ghi rõ chức vụ, đơn vị công tác." in body
    clerk.goto(live_server.url + "/notifications/")
    notices = walk.check(clerk)
    assert "Bổ sung hồ sơ của hai cá nhân." in notices

    # the clerk completes only the returned lines; the accepted one is refused
    clerk.goto(f"{live_server.url}/dossiers/lines/{lines[names[2]].pk}/edit/")
    clerk.fill("#id_position_and_unit", "Trưởng phòng Nghiệp vụ Y, Sở Y tế")
    clerk.click("form.form button.primary")
    clerk.wait_for_url(url)
    clerk.goto(f"{live_server.url}/dossiers/lines/{lines[names[1]].pk}/edit/")
    clerk.fill("#id_position_and_unit", "Phó Giám đốc Sở Y tế")
    clerk.click("form.form button.primary")
    refused = walk.check(clerk)
    assert ("Dòng 2 (Trần Thị Bình) đang ở trạng thái “Đạt qua thẩm định”: khi hồ sơ bị trả lại để bổ sung, đơn vị "
            "chỉ được sửa các dòng được trả lại.") in refused
    lines[names[1]].refresh_from_db()
    assert lines[names[1]].position_and_unit != "Phó Giám đốc Sở Y tế"
    clerk.screenshot(path=artifacts_dir / "walk-accepted-line-refused.png", full_page=True)

    # a rating recorded on the unit's sheet turns the open line eligible, without resubmission
    clerk.goto(f"{live_server.url}/awards/units/{world.unit_a.pk}/ratings/2025/")
    walk.check(clerk)
    clerk.select_option(f"select[name=level_{world.person_a.pk}]", "HTTNV")
    clerk.click("button[value=save_table]")
    walk.check(clerk)
    clerk.goto(url)
    row = line_row(clerk, names[0])
    assert "Chưa có xếp loại" not in row and "Đủ điều kiện" in row
    assert Dossier.objects.get(pk=dossier.pk).state == "returned"
    clerk.screenshot(path=artifacts_dir / "walk-line-eligible.png", full_page=True)

    # put before the leader again, who resends it
    confirm(clerk, "send_for_approval", reason="Đã bổ sung.")
    clerk.wait_for_url(url)
    leader.goto(url)
    confirm(leader, "approve_and_send", reason="Đã bổ sung theo yêu cầu.")
    leader.wait_for_url(url)
    assert leader.locator("#dossier-state").inner_text() == "Đã gửi"
    walk.check(leader)
    assert len(walk.seen) >= 14
