"""A council meeting in real Chromium: the secretary prepares and opens it, opens the ballot with a
passphrase typed twice, members vote in separate sessions, the secretary closes the voting and counts the
sealed ballots with the passphrase on the chair's behalf (one nominee below its threshold), then writes,
locks and downloads the minutes."""

import io

from docx import Document

from tdkt.dossiers.models import Nomination
from tests.council.helpers import ELIGIBLE, PASSPHRASE, REVIEW, make_board, ready_dossier
from tests.factories import PASSWORD


def sign_in(browser, live_server, username, page=None):
    """A signed-in page in a session of its own (`page`: the test's own page, screenshot on failure)."""
    if page is None:
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        context.set_default_timeout(15_000)
        page = context.new_page()
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button.primary")
    return page


def press(page, label):
    """Click the button with this label and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(f"button:has-text('{label}')")


def vote(page, meeting_url, choices):
    page.goto(meeting_url + "vote/")
    for index, choice in enumerate(choices):
        page.locator("#vote-form fieldset.ballot-nominee").nth(index).locator(f"input[value={choice}]").check()
    with page.expect_navigation():
        page.click("#vote-form button.primary")  # the review page: nothing sent yet
    with page.expect_navigation():
        page.click("#review-form button.primary")
    assert page.url == meeting_url
    assert "Phiếu của ông/bà đã được ghi nhận." in page.locator(".messages").inner_text()


def test_meeting_ballot_and_minutes(live_server, browser, page, artifacts_dir, world):
    board = make_board(world)
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW), (world.person_a_child, "BK_TINH", ELIGIBLE))
    secretary = sign_in(browser, live_server, "tk.hoidong", page)
    secretary.goto(live_server.url + "/council/new/")
    secretary.fill("#id_date", "20/12/2026")
    secretary.fill("#id_place", "Hội trường tầng 3, trụ sở Ủy ban nhân dân tỉnh")
    with secretary.expect_navigation():
        secretary.click("form.form button.primary")
    meeting_url = secretary.url
    press(secretary, "Lập chương trình từ các hồ sơ sẵn sàng trình Hội đồng")
    assert secretary.locator("#agenda tbody td:nth-child(2)").all_inner_texts() == ["Nguyễn Văn An", "Đặng Thị Đào"]
    for select in secretary.locator("#attendance select").all():
        select.select_option("absent" if select.get_attribute("aria-label") == "Trịnh Văn Chủ" else "present")
    press(secretary, "Lưu danh sách tham dự")
    assert "Có mặt 4/5 thành viên; cần ít nhất 4" in secretary.locator("#quorum").inner_text()
    press(secretary, "Khai mạc phiên họp")
    with secretary.expect_navigation():
        secretary.click("#ballot-open a")  # the page that says what opening does, with the passphrase
    secretary.fill("#id_passphrase", PASSPHRASE)
    secretary.fill("#id_passphrase_again", PASSPHRASE)
    press(secretary, "Mở bỏ phiếu")
    assert "Đã mở bỏ phiếu." in secretary.locator(".messages").inner_text()
    assert PASSPHRASE not in secretary.content()
    secretary.screenshot(path=artifacts_dir / "council-meeting-open.png", full_page=True)

    vote(secretary, meeting_url, ["agree", "agree"])
    for username, choices in (("uyvien", ["agree", "agree"]), ("uv.hoidong1", ["agree", "disagree"]),
                              ("uv.hoidong2", ["agree", "agree"])):
        member = sign_in(browser, live_server, username)
        if username == "uyvien":
            member.goto(meeting_url + "vote/")
            member.screenshot(path=artifacts_dir / "council-vote-form.png", full_page=True)
        vote(member, meeting_url, choices)
        assert member.locator("#ballot").inner_text().count("Ông/bà đã bỏ phiếu.") == 1
        member.context.close()

    secretary.goto(meeting_url)
    assert "Đã có 4 thành viên bỏ phiếu." in secretary.locator("#ballot").inner_text()
    with secretary.expect_navigation():
        secretary.click("#ballot-close a")  # the page that says what closing does
    press(secretary, "Kết thúc bỏ phiếu")
    assert "các phiếu vẫn được niêm phong cho đến khi kiểm phiếu" in secretary.locator(".messages").inner_text()
    secretary.fill("#id_passphrase", PASSPHRASE)
    press(secretary, "Kiểm phiếu")
    assert "kết quả là kết quả cuối cùng" in secretary.locator(".messages").inner_text()
    assert "Số phiếu phát ra: 4; số phiếu thu vào: 4; hợp lệ: 4; không hợp lệ: 0." in secretary.locator(
        "#ballot-figures").inner_text()
    rows = secretary.locator("#agenda tbody tr:has(td)").all_inner_texts()
    # CSTĐ toàn quốc needs ≥ 90 % of all 5 members (NĐ152 Đ33.5): 4 = 80 % is below; Bằng khen: 3/5 > 50 %
    assert [row.split("\t")[-1].strip() for row in rows] == ["Không đạt", "Đạt"]
    secretary.screenshot(path=artifacts_dir / "council-results.png", full_page=True)
    assert list(Nomination.objects.order_by("position").values_list("state", flat=True)) == [
        "not_approved", "approved"]

    secretary.goto(meeting_url + "minutes/")
    secretary.fill("#id_opening", "Đồng chí Phó Chủ tịch Hội đồng chủ trì phiên họp.")
    secretary.fill("#id_conclusion", "Hội đồng thống nhất đề nghị Chủ tịch UBND tỉnh khen thưởng.")
    with secretary.expect_navigation():
        secretary.click("form.form button.primary")
    secretary.goto(meeting_url)
    press(secretary, "Bế mạc phiên họp")
    secretary.goto(meeting_url + "minutes/")
    secretary.once("dialog", lambda dialog: dialog.accept())
    press(secretary, "Khóa biên bản")
    assert "Đã khóa biên bản" in secretary.locator(".messages").inner_text()
    with secretary.expect_download() as download:
        secretary.click("a[href$='minutes.docx']")
    path = artifacts_dir / "council-minutes.docx"
    download.value.save_as(path)
    texts = [p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs]
    assert "Đồng chí Phó Chủ tịch Hội đồng chủ trì phiên họp." in texts
    assert "4 thành viên có mặt; số phiếu phát ra: 4, thu về: 4, hợp lệ: 4, không hợp lệ: 0." in texts
    assert "Số đề nghị đạt: 1/2." in texts
    secretary.screenshot(path=artifacts_dir / "council-minutes-locked.png", full_page=True)
    del board
