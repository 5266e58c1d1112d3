"""A unit clerk imports the unit's nominee list in real Chromium: a list with an unknown award is refused
with a table naming row and column, the corrected list is imported, one line is shown ineligible with
its reason, and the import is undone."""

from tests.factories import PASSWORD, make_award, make_rating
from tests.nominees.files import xlsx_bytes
from tests.nominees.helpers import make_dossier

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_clerk_imports_a_list_and_sees_the_ineligible_line(live_server, page, artifacts_dir, world, tmp_path):
    dossier = make_dossier(world.unit_a)
    make_rating(person=world.person_a, year=2025, level="HTTNV")
    make_award(person=world.person_a, code="LDTT", year=2025)  # already holds it: ineligible
    make_rating(person=world.person_a_child, year=2025, level="HTTNV")
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "vanthu.a")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/")

    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/lines/import/")
    bad = {"name": "danh-sach.xlsx", "mimeType": XLSX,
           "buffer": xlsx_bytes([[1, "Nguyễn Văn An", "Chuyên viên", "Bằng khen UBND"]])}
    page.set_input_files("input[name=file]", files=[bad])
    page.click("button.primary")
    cells = page.locator("#import-problems tbody tr td").all_inner_texts()
    assert cells[:2] == ["5", "Hình thức đề nghị"]
    page.screenshot(path=artifacts_dir / "nominees-import-refused.png", full_page=True)

    good = {"name": "danh-sach.xlsx", "mimeType": XLSX,
            "buffer": xlsx_bytes([[1, "Nguyễn Văn An", "Chuyên viên", "Lao động tiên tiến"],
                                  [2, "Đặng Thị Đào", "Điều dưỡng", "Lao động tiên tiến"]])}
    page.set_input_files("input[name=file]", files=[good])
    page.click("button.primary")
    page.wait_for_url("**/lines/import/*/")
    assert page.locator("ul.messages li").first.inner_text() == "Đã thêm 2 dòng."
    ineligible = page.locator("#imported-lines tbody tr", has_text="Nguyễn Văn An")
    assert "Chưa đủ điều kiện" in ineligible.inner_text()
    assert "không khen lần nữa cho cùng thành tích năm 2025" in ineligible.inner_text()
    assert page.locator("div.errors").inner_text() == "1 trường hợp chưa đủ điều kiện: xem lý do."
    page.screenshot(path=artifacts_dir / "nominees-import-result.png", full_page=True)

    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/lines/")
    assert page.locator("#nominee-lines-table tbody tr").count() == 2
    page.screenshot(path=artifacts_dir / "nominees-lines-panel.png", full_page=True)

    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/lines/")
    page.locator("#nominee-lines a", has_text="Lượt nhập").first.click()
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("text=Hoàn tác lượt nhập này")
    page.wait_for_load_state()
    assert "Đã hoàn tác lượt nhập: bỏ 2 dòng." in page.content()
