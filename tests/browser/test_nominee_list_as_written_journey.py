"""Issue 13 in real Chromium: the Sở Y tế clerk imports the list as units write it — names with Ông/Bà/Đ/c/TS.,
birth dates split Nam | Nữ under a merged heading, page chrome above and below, two rows without a birth date.
Every person already registered is linked and none is created; women's birth dates are read; the one person
not registered waits on the review screen and is created only when the clerk chooses it for that row; undo
removes the lines and that person. The same list as a Word table gives the same result."""

import datetime

from tdkt.dossiers.models import Nomination
from tdkt.people.models import Person
from tests.factories import PASSWORD, make_person
from tests.nominees.files import DOCX, XLSX, split_docx_bytes, split_xlsx_bytes
from tests.nominees.helpers import make_dossier

ROWS = [[1, "Ông Nguyễn Văn Chiến", "12/05/1975", "", "Trưởng khoa, Bệnh viện Đa khoa tỉnh", "Lao động tiên tiến"],
        [2, "Bà Lê Thị Chi", "", "03/08/1982", "Điều dưỡng, Bệnh viện Đa khoa tỉnh", "Lao động tiên tiến"],
        [3, "Đ/c Bế Văn Nghiệp", "", "", "Chuyên viên, Sở Y tế", "Lao động tiên tiến"],
        [4, "TS.Hoàng Thị Mai", "", "1988", "Phó Giám đốc, Sở Y tế", "Chiến sĩ thi đua cơ sở"],
        [5, "Chị Vàng Thị Dua", "", "", "Hộ lý, Bệnh viện Đa khoa tỉnh", "Lao động tiên tiến"]]


def _import(page, live_server, dossier, name, mime, data, artifacts_dir, shot):
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/lines/import/")
    page.set_input_files("input[name=file]", files=[{"name": name, "mimeType": mime, "buffer": data}])
    page.click("button.primary")
    page.wait_for_url("**/review/")
    rows = page.locator("#review-rows tbody tr")
    assert rows.count() == 1
    assert "Chị Vàng Thị Dua" in rows.first.inner_text() and "năm sinh chưa rõ" in rows.first.inner_text()
    page.screenshot(path=artifacts_dir / shot, full_page=True)


def test_clerk_imports_the_list_as_written(live_server, page, artifacts_dir, world):
    dossier = make_dossier(world.unit_a)
    registered = [
        make_person("Nguyễn Văn Chiến", unit=world.unit_a_child, birth_date=datetime.date(1975, 5, 12), gender="male"),
        make_person("Lê Thị Chi", unit=world.unit_a_child, birth_date=datetime.date(1982, 8, 3), gender="female"),
        make_person("Bế Văn Nghiệp", unit=world.unit_a, birth_year=1980, gender="male"),
        make_person("Hoàng Thị Mai", unit=world.unit_a, birth_year=1988, gender="female")]
    persons = Person.objects.count()
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "vanthu.a")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/")

    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/lines/import/")
    assert page.locator("#import-templates a").count() == 2
    _import(page, live_server, dossier, "danh-sach-syt.xlsx", XLSX, split_xlsx_bytes(ROWS), artifacts_dir,
            "nominees-review.png")
    assert Person.objects.count() == persons and not Nomination.objects.filter(dossier=dossier).exists()
    page.check("#review-rows input[value=create]")
    page.click("text=Xác nhận và nhập")
    page.wait_for_url("**/lines/import/*/")
    assert page.locator("ul.messages li").first.inner_text() == "Đã thêm 5 dòng."
    assert "Đã tạo mới 1 người theo lựa chọn của đồng chí." in page.locator("ul.messages").inner_text()
    assert "năm sinh chưa rõ" in page.locator("#imported-lines tbody tr", has_text="Vàng Thị Dua").inner_text()
    page.screenshot(path=artifacts_dir / "nominees-import-as-written.png", full_page=True)
    linked = set(Nomination.objects.filter(dossier=dossier).values_list("person_id", flat=True))
    assert {person.pk for person in registered} < linked
    assert Person.objects.count() == persons + 1
    new = Person.objects.get(full_name="Vàng Thị Dua")
    assert (new.gender, new.unit, new.birth_year) == ("female", world.unit_a_child, None)

    page.on("dialog", lambda dialog: dialog.accept())
    page.click("text=Hoàn tác lượt nhập này")
    page.wait_for_load_state()
    assert "Đã hoàn tác lượt nhập: bỏ 5 dòng." in page.content()
    assert "Vàng Thị Dua" in page.content()
    assert Person.objects.count() == persons and not Nomination.objects.filter(dossier=dossier).exists()

    # The same list as a Word table.
    _import(page, live_server, dossier, "danh-sach-syt.docx", DOCX, split_docx_bytes(ROWS), artifacts_dir,
            "nominees-review-word.png")
    page.check("#review-rows input[value=create]")
    page.click("text=Xác nhận và nhập")
    page.wait_for_url("**/lines/import/*/")
    assert page.locator("ul.messages li").first.inner_text() == "Đã thêm 5 dòng."
    assert set(Nomination.objects.filter(dossier=dossier).values_list("person_id", flat=True)) > {
        person.pk for person in registered}
    assert Person.objects.count() == persons + 1
