""""Việc của tôi" in real Chromium for the eight roles: each persona signs in (the signer and the administrator
with their authenticator code) and its home lists exactly the work built for it, overdue first, each with its
button; a screenshot of each home at desktop (1280 wide) and phone (390 wide) size, and on the phone the page
is no wider than the screen."""

import datetime

import pyotp
import pytest

from tdkt.accounts.enums import Role
from tdkt.council.services import ballots
from tdkt.decisions import services as decision_services
from tdkt.decisions.transitions import DECISION
from tdkt.dossiers.enums import DossierState
from tdkt.dossiers.models import Dossier
from tests.council.helpers import PASSPHRASE, REVIEW, make_board, open_meeting, ready_dossier
from tests.decisions.support import approved, make_authority
from tests.decisions.support import make_dossier as make_considered_dossier
from tests.factories import PASSWORD, make_user
from tests.scoring.support import make_round

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PAST = datetime.date(2020, 1, 6)  # long overdue, whatever the day the test runs
FUTURE = datetime.date(2099, 12, 31)


def _build(world):
    """One object waiting for each role; returns {username: [(kind, pk, button label)] in the page's order}."""
    leader = make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a)
    make_user("truongcum", role=Role.GROUP_HEAD, unit=world.unit_a, emulation_group=world.group_year.group)
    returned = Dossier.objects.create(unit=world.unit_a, title="Hồ sơ bị trả lại để bổ sung", state=DossierState.RETURNED,
                                      step_due_on=PAST)
    awaiting = Dossier.objects.create(unit=world.unit_a, title="Hồ sơ chờ lãnh đạo duyệt",
                                      state=DossierState.AWAITING_APPROVAL, step_due_on=FUTURE)
    submitted = Dossier.objects.create(unit=world.unit_b, title="Hồ sơ khen thưởng Sở Giáo dục", state=DossierState.SUBMITTED,
                                       step_due_on=FUTURE)
    considered = make_considered_dossier(world.unit_a)
    (decision,) = decision_services.draft_decisions([approved(considered, person=world.person_a, position=1)],
                                                    by=world.users["specialist"], authority=make_authority(),
                                                    date=datetime.date(2026, 7, 1))
    DECISION.run(decision, "send_to_signer", by=world.users["specialist"], reason="Kính trình Chủ tịch")
    board = make_board(world, plain_members=3)
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW))
    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    scoring_round = make_round(world)  # open: closing self-scoring waits for the head (and the standing body)
    del leader
    dossier, meet, rnd = "dossier", "meeting", "scoring_round"
    return {
        "vanthu.a": [(dossier, returned.pk, "Trình lãnh đạo duyệt"), (rnd, scoring_round.pk, "Kết thúc tự chấm điểm (chuyển thẩm định)")],
        "lanhdao.a": [(dossier, returned.pk, "Phê duyệt và gửi lại"), (dossier, awaiting.pk, "Phê duyệt và gửi"), (rnd, scoring_round.pk, "Kết thúc tự chấm điểm (chuyển thẩm định)")],
        "chuyenvien": [(dossier, submitted.pk, "Tiếp nhận"), (meet, meeting.pk, "Bế mạc phiên họp"), (rnd, scoring_round.pk, "Kết thúc tự chấm điểm (chuyển thẩm định)")],
        "quantri": [(dossier, submitted.pk, "Tiếp nhận"), (rnd, scoring_round.pk, "Kết thúc tự chấm điểm (chuyển thẩm định)")],
        "uyvien": [("vote", ballot.pk, "Bỏ phiếu")],
        # seated and present, the secretary votes too; the vote has a date (the meeting's), closing none
        "tk.hoidong": [("vote", ballot.pk, "Bỏ phiếu"), (meet, meeting.pk, "Bế mạc phiên họp")],
        "chutich": [("decision", decision.pk, "Duyệt trình ký")],
        "truongcum": [(rnd, scoring_round.pk, "Kết thúc tự chấm điểm (chuyển thẩm định)")],
    }


ROLES = {"vanthu.a": "unit_clerk", "lanhdao.a": "unit_leader", "chuyenvien": "province_specialist",
         "quantri": "system_admin", "uyvien": "council_member", "tk.hoidong": "council_secretary", "chutich": "signer",
         "truongcum": "group_head"}
SECOND_FACTOR = {"chutich", "quantri"}


def _sign_in(page, base, username):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button.primary")
    if username in SECOND_FACTOR:  # enrolled now: the page shows the secret once
        secret = page.locator("code").first.inner_text().strip()
        page.fill("#id_code", pyotp.TOTP(secret).now())
        with page.expect_navigation():
            page.click("button.primary")
    page.goto(base + "/")


def _listed(page):
    rows = page.locator("#my-work li.home-item")
    return [(rows.nth(i).get_attribute("data-kind"), int(rows.nth(i).get_attribute("data-pk")),
             rows.nth(i).locator("a.home-act").inner_text()) for i in range(rows.count())]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_role_sees_exactly_its_work(live_server, browser, artifacts_dir, world):
    expected = _build(world)
    assert len(set(ROLES.values())) == 8
    for username, want in expected.items():
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=DESKTOP)
        context.set_default_timeout(20_000)
        page = context.new_page()
        try:
            _sign_in(page, live_server.url, username)
            assert page.locator("h1").inner_text() == "Việc của tôi", username
            listed = _listed(page)
            assert [(kind, pk) for kind, pk, _label in listed] == [(kind, pk) for kind, pk, _label in want], username
            for (_kind, _pk, label), (_k, _p, shown) in zip(want, listed, strict=True):
                assert label is None or shown == label, (username, shown)
            assert page.locator(f".home-main[data-role={ROLES[username]}]").count() == 1, username
            if username in ("vanthu.a", "lanhdao.a"):  # the returned dossier is overdue: first, in red words
                first = page.locator("#my-work li.home-item").first
                assert "home-overdue" in first.get_attribute("class")
                assert "quá hạn" in first.locator(".home-due").inner_text()
            role = ROLES[username].replace("_", "-")
            page.screenshot(path=artifacts_dir / f"home-{role}-desktop.png", full_page=True)
            page.set_viewport_size(PHONE)
            page.reload()
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], username
            page.screenshot(path=artifacts_dir / f"home-{role}-phone.png", full_page=True)
        finally:
            context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_officer_with_nothing_waiting_is_told_so(live_server, page, world):
    _sign_in(page, live_server.url, "vanthu.b")
    assert page.locator("#home-empty").inner_text() == "Không có việc nào đang chờ anh/chị."
    assert page.locator("#my-work li.home-item").count() == 0
