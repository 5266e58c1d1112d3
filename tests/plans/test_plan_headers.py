"""Plan headers as they really come (issue 17, item 2): copied from a web page, two-level issuers, periods that
are not calendar years, blank days, and texts that lost their diacritics — through `import_plan`."""

from __future__ import annotations

import io
import json

import pytest

from tdkt.lib.docheader import LOST_DIACRITICS_MESSAGE
from tdkt.plans.importer import YearNotFoundError, cli, import_plan_bytes
from tests.plans.support import SMALL_PLAN

HEAD, BODY = SMALL_PLAN.split("\n\nKẾ HOẠCH\n")
TITLE, REST = BODY.split("\n", 1)
TASKS = ["Hội nghị triển khai công tác năm 2026", "Kiểm tra công tác thi đua tại các sở - Tập huấn nghiệp vụ thi đua",
         "Sơ kết 6 tháng"]


def plan(head: str = HEAD, title: str = TITLE, *, before: str = "", after: str = "") -> bytes:
    return f"{before}{head}\n\nKẾ HOẠCH\n{title}\n{REST}{after}".encode()


WEB_BEFORE = ("CỔNG THÔNG TIN ĐIỆN TỬ TỈNH LÀO CAI\nTrang chủ | Giới thiệu | Tin tức | Văn bản\n"
              "Trang chủ > Văn bản > Kế hoạch\nNgày đăng: 14/01/2026 10:15\nLượt xem: 321\n\n")
WEB_AFTER = "\nChia sẻ\nTin liên quan\nKế hoạch 01/KH-UBND năm 2025\nBản quyền © 2026 UBND tỉnh Lào Cai\n"


def document(data: bytes, name: str = "ke-hoach.txt") -> dict:
    return import_plan_bytes(data, name).as_json()["document"]


def test_a_plan_copied_from_a_web_page_is_read_without_the_chrome():
    result = import_plan_bytes(plan(before=WEB_BEFORE, after=WEB_AFTER), "ke-hoach.txt")
    assert result.as_json()["document"] == {
        "issuer": "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "number": "05/KH-UBND", "place": "Lào Cai", "date": "2026-01-10",
        "title": "Công tác thi đua, khen thưởng năm 2026", "year": 2026, "period": None}
    assert [task.content for task in result.tasks] == TASKS
    assert result.warnings == import_plan_bytes(plan(), "ke-hoach.txt").warnings


def test_a_plan_as_an_html_page_keeps_its_header():
    page = ("<html><body><nav><p>Trang chủ | Giới thiệu | Tin tức</p></nav><p>Ngày đăng: 20/01/2026 08:00</p>"
            "<table><tr><td><p>UBND TỈNH LÀO CAI</p><p>SỞ NỘI VỤ</p></td>"
            "<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Độc lập - Tự do - Hạnh phúc</p></td></tr>"
            "<tr><td>Số: 12/KH-SNV</td><td>Lào Cai, ngày 15 tháng 01 năm 2026</td></tr></table>"
            "<p>KẾ HOẠCH</p><p>Công tác thi đua, khen thưởng năm 2026</p><p>I. MỤC ĐÍCH</p>"
            "<footer><p>Bản quyền © 2026</p></footer></body></html>")
    assert document(page.encode(), "ke-hoach.html") == {
        "issuer": "SỞ NỘI VỤ", "number": "12/KH-SNV", "place": "Lào Cai", "date": "2026-01-15",
        "title": "Công tác thi đua, khen thưởng năm 2026", "year": 2026, "period": None}


def test_the_issuer_is_the_agency_under_its_parent():
    head = "UBND TỈNH LÀO CAI\nSỞ NỘI VỤ\nSố: 05/KH-SNV\nLào Cai, ngày 10 tháng 01 năm 2026"
    assert document(plan(head))["issuer"] == "SỞ NỘI VỤ"


@pytest.mark.parametrize(("title", "year", "period"), [
    ("Tổ chức phong trào thi đua giai đoạn 2026-2030", 2026, "giai đoạn 2026-2030"),
    ("Thi đua, khen thưởng năm học 2026-2027", 2026, "năm học 2026-2027"),
    ("Tổng kết 5 năm (2021-2025)", 2021, "5 năm (2021-2025)"),
    ("Công tác thi đua, khen thưởng năm 2027", 2027, None),  # signed in January 2026, for 2027
    ("Thực hiện năm 2026 Chương trình thi đua giai đoạn 2026-2030", 2026, "giai đoạn 2026-2030"),
])
def test_the_year_and_the_period_of_the_title(title, year, period):
    data = document(plan(title=title))
    assert (data["title"], data["year"], data["period"]) == (title, year, period)


def test_the_period_on_the_type_line_itself():
    same_line = plan().decode().replace(f"KẾ HOẠCH\n{TITLE}", "KẾ HOẠCH Tổ chức phong trào thi đua giai đoạn 2026-2030")
    data = document(same_line.encode())
    assert (data["title"], data["year"], data["period"]) == (
        "Tổ chức phong trào thi đua giai đoạn 2026-2030", 2026, "giai đoạn 2026-2030")


def test_a_blank_day_gives_a_null_date_and_the_year_of_the_title():
    head = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: /KH-UBND\nLào Cai, ngày    tháng 01 năm 2026"
    result = import_plan_bytes(plan(head), "ke-hoach.txt")
    assert (result.document.number, result.document.date, result.document.year) == (None, None, 2026)
    assert [(w.line, w.message) for w in result.warnings[:2]] == [
        (3, "Số văn bản để trống («Số: /KH-UBND»): văn bản có thể là dự thảo."),
        (4, "Ngày ban hành chưa ghi đủ («ngày tháng 01 năm 2026»): bỏ trống ngày, lấy năm 2026.")]


def test_the_portals_date_is_never_the_plans():
    head = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: /KH-UBND\nLào Cai, ngày    tháng    năm 2026"
    data = document(plan(head, "Công tác thi đua, khen thưởng", before=WEB_BEFORE, after=WEB_AFTER))
    assert (data["date"], data["year"]) == (None, 2026)


LOST = ("UY BAN NHAN DAN\nTINH LAO CAI\nSo: /KH-UBND\nLao Cai, ngay thang nam\n\nKE HOACH\n"
        "Cong tac thi dua, khen thuong cua tinh\n\nCan cu Luat Thi dua, khen thuong;\n"
        "I. MUC DICH, YEU CAU\nDay manh phong trao thi dua cua cac don vi trong tinh.\n")


def test_a_plan_without_diacritics_is_refused_saying_so():
    with pytest.raises(YearNotFoundError, match=f"^{LOST_DIACRITICS_MESSAGE}$"):
        import_plan_bytes(LOST.encode(), "ke-hoach.txt")


def test_a_plan_without_diacritics_but_with_its_year_is_read_with_the_warning():
    result = import_plan_bytes(LOST.replace("cua tinh\n", "nam 2026\n").encode(), "ke-hoach.txt")
    assert (result.document.year, result.document.issuer) == (2026, "UY BAN NHAN DAN TINH LAO CAI")
    assert (None, LOST_DIACRITICS_MESSAGE) in [(w.line, w.message) for w in result.warnings]
    assert not any(w.message.startswith("Không tìm thấy") for w in result.warnings if w.line is None)


def test_the_command_exits_2_with_the_lost_diacritics_message(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_text(LOST, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(str(path), as_json=True, dry_run=True, stdout=out, stderr=err)
    assert (code, out.getvalue(), err.getvalue()) == (2, "", f"Không nhập được «{path}»: {LOST_DIACRITICS_MESSAGE}\n")


def test_the_command_prints_the_period(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(plan(title="Tổ chức phong trào thi đua giai đoạn 2026-2030"))
    out, err = io.StringIO(), io.StringIO()
    assert cli.run(str(path), as_json=True, dry_run=True, stdout=out, stderr=err) == 0
    assert {key: json.loads(out.getvalue())["document"][key] for key in ("year", "period")} == {
        "year": 2026, "period": "giai đoạn 2026-2030"}
    out = io.StringIO()
    cli.run(str(path), as_json=False, dry_run=True, stdout=out, stderr=io.StringIO())
    assert "Năm kế hoạch: 2026 (giai đoạn 2026-2030)\n" in out.getvalue()
