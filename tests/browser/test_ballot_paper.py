"""The ballot paper in real Chromium (issue 21 item 8): a council member chooses "disagree" on one nominee by
the radio's accessible name ("Không đồng ý — Nguyễn Văn An"), sets the rest with "agree to all" (the script,
no round trip), reviews, goes back with "change" (choices kept), changes one, reviews again and sends; a second
member votes on a 390 px phone. The count gives the expected totals. Screenshots (desktop and phone) go to
test-artifacts/."""

from tdkt.council.models import AgendaItem, Ballot, BallotParticipation, SealedBallot
from tdkt.council.services import ballots, counting
from tests.browser.test_council_ballot import sign_in
from tests.council.helpers import ELIGIBLE, PASSPHRASE, make_board, open_meeting, ready_dossier
from tests.factories import make_person


def radio(page, choice, name):
    return page.get_by_role("radio", name=f"{choice} — {name}", exact=True)


def test_a_member_votes_reviews_changes_and_sends(live_server, browser, page, artifacts_dir, world):
    board = make_board(world)
    hoa = make_person("Phạm Thị Hoa", unit=world.unit_a)
    ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE), (world.person_a_child, "BK_TINH", ELIGIBLE),
                  (hoa, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    an, dao, hoa_item = AgendaItem.objects.filter(meeting=meeting).order_by("position", "id")
    vote_url = f"{live_server.url}/council/{meeting.pk}/vote/"

    member = sign_in(browser, live_server, "uyvien", page)
    member.set_viewport_size({"width": 1280, "height": 900})
    member.goto(vote_url)
    radio(member, "Không đồng ý", "Nguyễn Văn An").check()
    box = member.locator("label.ballot-choice").first.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    member.locator("label.ballot-choice", has_text="Không biểu quyết").nth(2).click(position={"x": 4, "y": 4})
    assert radio(member, "Không biểu quyết", "Phạm Thị Hoa").is_checked()  # the label's edge is the target too
    member.get_by_role("button", name="Đồng ý tất cả").click()  # the script: no page load
    assert member.url == vote_url
    assert radio(member, "Không đồng ý", "Nguyễn Văn An").is_checked()
    assert radio(member, "Đồng ý", "Đặng Thị Đào").is_checked()
    assert radio(member, "Không biểu quyết", "Phạm Thị Hoa").is_checked()  # a choice made stays
    member.screenshot(path=artifacts_dir / "ballot-paper-desktop.png", full_page=True)

    with member.expect_navigation():
        member.get_by_role("button", name="Xem lại phiếu trước khi gửi").click()
    assert member.locator("#ballot-review tbody tr").all_inner_texts() == [
        "1\tNguyễn Văn An\tBằng khen của Chủ tịch Ủy ban nhân dân tỉnh\tKhông đồng ý",
        "2\tĐặng Thị Đào\tBằng khen của Chủ tịch Ủy ban nhân dân tỉnh\tĐồng ý",
        "3\tPhạm Thị Hoa\tBằng khen của Chủ tịch Ủy ban nhân dân tỉnh\tKhông biểu quyết"]
    assert not BallotParticipation.objects.exists() and not SealedBallot.objects.exists()
    with member.expect_navigation():
        member.get_by_role("button", name="Sửa lại").click()
    assert radio(member, "Không đồng ý", "Nguyễn Văn An").is_checked()
    assert radio(member, "Không biểu quyết", "Phạm Thị Hoa").is_checked()
    radio(member, "Đồng ý", "Phạm Thị Hoa").check()
    with member.expect_navigation():
        member.get_by_role("button", name="Xem lại phiếu trước khi gửi").click()
    assert member.locator("#ballot-review tbody tr").nth(2).inner_text().endswith("\tĐồng ý")
    member.screenshot(path=artifacts_dir / "ballot-review-desktop.png", full_page=True)
    with member.expect_navigation():
        member.get_by_role("button", name="Gửi phiếu").click()
    assert "Phiếu của ông/bà đã được ghi nhận." in member.locator(".messages").inner_text()

    phone = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 390, "height": 844},
                                is_mobile=True, has_touch=True).new_page()
    sign_in(browser, live_server, "uv.hoidong1", phone)
    phone.goto(vote_url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    phone.get_by_role("button", name="Đồng ý tất cả").click()
    phone.screenshot(path=artifacts_dir / "ballot-paper-phone.png", full_page=True)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Xem lại phiếu trước khi gửi").click()
    phone.screenshot(path=artifacts_dir / "ballot-review-phone.png", full_page=True)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Gửi phiếu").click()
    phone.context.close()

    for user in (board.chair, board.secretary, board.members[2]):
        ballots.cast_vote(ballot, by=user, choices={an.pk: "agree", dao.pk: "agree", hoa_item.pk: "agree"})
    ballots.close_ballot(ballot, by=board.chair)
    counting.count_ballot(Ballot.objects.get(pk=ballot.pk), by=board.chair, passphrase=PASSPHRASE)
    totals = [(i.agree, i.disagree, i.abstain) for i in AgendaItem.objects.filter(meeting=meeting).order_by("position")]
    assert totals == [(4, 1, 0), (5, 0, 0), (5, 0, 0)]
