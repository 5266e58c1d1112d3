"""The five real plans of shared/seeds/: exact header, tasks per period, numbers, units, due dates, warnings.

Expected values were read off the documents themselves (see each test's comment for the layout).
"""

import datetime

import pytest

from tdkt.plans.importer import import_plan_file
from tdkt.plans.importer.parser import NO_TABLE_MESSAGE
from tests.plans.seeds import seed_path


def by_period(result, period):
    return [task for task in result.tasks if task.period == period]


def task(result, period, number):
    matches = [t for t in by_period(result, period) if t.number == number]
    assert len(matches) == 1, (period, number, matches)
    return matches[0]


def warnings_of(result):
    return [(warning.line, warning.message) for warning in result.warnings]


# --- Lào Cai: tab-separated annex after the signature, "NHIỆM VỤ QUÝ I", numbering restarts per quarter,
# a gap in quarter III, an unnumbered row and a gap in quarter IV, HTML inside a cell, draft header.

@pytest.fixture(scope="module")
def lao_cai():
    return import_plan_file(seed_path("lao_cai"))


def test_lao_cai_header(lao_cai):
    assert lao_cai.as_json()["document"] == {
        "issuer": "Ủy ban nhân dân tỉnh Lào Cai", "number": None, "place": "Lào Cai", "date": None,
        "title": "Triển khai công tác thi đua, khen thưởng năm 2026", "year": 2026, "period": None,
    }


def test_lao_cai_tasks_per_period_and_numbers(lao_cai):
    assert lao_cai.counts_by_period() == {"Q1": 5, "Q2": 10, "Q3": 5, "Q4": 7}
    assert [t.number for t in by_period(lao_cai, "Q1")] == ["1", "2", "3", "4", "5"]
    assert [t.number for t in by_period(lao_cai, "Q2")] == [str(n) for n in range(1, 11)]
    assert [t.number for t in by_period(lao_cai, "Q3")] == ["1", "3", "4", "5", "6"]
    assert [t.number for t in by_period(lao_cai, "Q4")] == ["1", "2", "3", "4", None, "7", "8"]


def test_lao_cai_units(lao_cai):
    assert task(lao_cai, "Q1", "5").lead == ("Sở Nội vụ",)
    assert task(lao_cai, "Q1", "5").coordinating == ("Văn phòng UBND tỉnh", "các cơ quan, đơn vị, địa phương")
    assert task(lao_cai, "Q2", "1").lead == ("Hội đồng thi đua KTTW",)
    assert task(lao_cai, "Q2", "1").coordinating == ("Sở Nội vụ", "Văn phòng UBND tỉnh")
    assert task(lao_cai, "Q2", "8").coordinating == ("Sở Tài chính", "Văn phòng UBND tỉnh")
    assert task(lao_cai, "Q2", "9").coordinating == ("Sở KH-CN", "Văn phòng UBND tỉnh")
    assert task(lao_cai, "Q3", "6").lead == ("Cơ quan được giao phụ trách", "Sở Nội vụ")
    assert task(lao_cai, "Q3", "6").coordinating == ("Sở Nội vụ", "Văn phòng UBND tỉnh")
    assert task(lao_cai, "Q4", "1").coordinating == ("Trưởng các khối thi đua",)
    assert (task(lao_cai, "Q1", "3").lead, task(lao_cai, "Q1", "3").coordinating) == ((), ())


def test_lao_cai_contents_and_due(lao_cai):
    unnumbered = task(lao_cai, "Q4", None)
    assert unnumbered.content == ("Báo cáo tổng kết phong trào thi đua, khen thưởng năm 2026 gửi chấm điểm Cụm thi "
                                  "đua các tỉnh miền núi biên giới phía Bắc.")
    html_cell = task(lao_cai, "Q4", "8").content
    assert html_cell.startswith("Ủy ban nhân dân tỉnh xem xét, ban hành: - Thưởng cho các tập thể")
    assert "<" not in html_cell and "list-style" not in html_cell
    # No due column: the due date is the last day of the quarter the row stands in.
    assert task(lao_cai, "Q1", "1").due.as_json() == {"text": None, "dates": ["2026-03-31"], "recurrence": None}
    assert task(lao_cai, "Q3", "1").due.dates == (datetime.date(2026, 9, 30),)
    assert {t.due.dates for t in by_period(lao_cai, "Q4")} == {(datetime.date(2026, 12, 31),)}


def test_lao_cai_warnings(lao_cai):
    assert warnings_of(lao_cai) == [
        (3, "Số văn bản để trống («Số: /KH-UBND»): văn bản có thể là dự thảo."),
        (5, "Ngày ban hành chưa ghi đủ («ngày tháng 4 năm 2026»): bỏ trống ngày, lấy năm 2026."),
        (130, "Đầu văn bản không ghi cơ quan ban hành: lấy theo dòng 130 («Ủy ban nhân dân tỉnh Lào Cai»)."),
        (136, "Nhiệm vụ số 3 không ghi đơn vị chủ trì."),
        (154, "Số thứ tự nhảy từ 1 lên 3 (thiếu số 2)."),
        (164, "Dòng nhiệm vụ không có số thứ tự: đã nhập thành nhiệm vụ không số, hãy kiểm tra."),
        (165, "Số thứ tự nhảy từ 4 lên 7 (thiếu số 5, 6)."),
    ]


# --- Cao Bằng: one unit column ("- Sở Nội vụ. - Văn phòng UBND tỉnh phối hợp."), "QUÝ I: (14 NHIỆM VỤ)",
# a row split across a page break, declared counts that disagree, an <i> tag, a markdown separator row.

@pytest.fixture(scope="module")
def cao_bang():
    return import_plan_file(seed_path("cao_bang"))


def test_cao_bang_header(cao_bang):
    assert cao_bang.as_json()["document"] == {
        "issuer": "Ủy ban nhân dân tỉnh", "number": "157/KH-UBND", "place": "Cao Bằng", "date": "2026-01-22",
        "title": "Công tác thi đua, khen thưởng năm 2026", "year": 2026, "period": None,
    }


def test_cao_bang_tasks_per_period_and_numbers(cao_bang):
    assert cao_bang.counts_by_period() == {"Q1": 14, "Q2": 10, "Q3": 5, "Q4": 5}
    for period, count in (("Q1", 14), ("Q2", 10), ("Q3", 5), ("Q4", 5)):
        assert [t.number for t in by_period(cao_bang, period)] == [str(n) for n in range(1, count + 1)]


def test_cao_bang_units(cao_bang):
    assert (task(cao_bang, "Q1", "1").lead, task(cao_bang, "Q1", "1").coordinating) == (
        ("Sở Nội vụ",), ("Văn phòng UBND tỉnh",))
    assert task(cao_bang, "Q1", "7").lead == ("Công an tỉnh", "Sở Nội vụ")
    assert task(cao_bang, "Q1", "11").lead == ("BCH Bộ đội Biên phòng tỉnh", "Sở Nội vụ")
    assert task(cao_bang, "Q1", "12").coordinating == ("Văn phòng UBND tỉnh", "Cơ quan, đơn vị liên quan")
    assert (task(cao_bang, "Q2", "5").lead, task(cao_bang, "Q2", "5").coordinating) == (
        ("Cục Thuế tỉnh", "Sở Nội vụ"), ())
    assert task(cao_bang, "Q3", "4").coordinating == ("Văn phòng UBND tỉnh", "UBND các xã, phường")


def test_cao_bang_row_split_across_page_break_is_one_task(cao_bang):
    split = task(cao_bang, "Q2", "8")
    assert split.content == (
        "Triển khai công tác phát hiện, bồi dưỡng, xây dựng, tuyên truyền, nhân rộng điển hình tiên tiến; theo dõi, "
        "tổng hợp điển hình tiên tiến; giới thiệu điển hình tiên tiến cho các cơ quan truyền thông, Ban TĐKT Trung "
        "ương để tuyên truyền; quản lý, duy trì trang “Zalo TĐKT”."
    )
    assert split.lead == ("Sở Nội vụ",)
    assert split.coordinating == ("Văn phòng UBND tỉnh", "các đơn vị tham gia khối, cụm thi đua thuộc tỉnh")
    assert task(cao_bang, "Q3", "5").content == ("Xem xét, tặng Kỷ niệm chương “Vi sự nghiệp xây dựng và phát triển "
                                                 "tỉnh Cao Bằng” (dịp kỷ niệm ngày Giải phóng tỉnh Cao Bằng 03/10).")
    assert task(cao_bang, "Q4", "5").due.dates == (datetime.date(2026, 12, 31),)


def test_cao_bang_warnings(cao_bang):
    assert warnings_of(cao_bang) == [
        (14, "Đầu văn bản không ghi cơ quan ban hành: lấy theo dòng 14 («Ủy ban nhân dân tỉnh»)."),
        (60, "Mục «QUÝ III (04 NHIỆM VỤ)» ghi 4 nhiệm vụ nhưng bảng có 5 nhiệm vụ."),
        (66, "Mục «QUÝ IV (04 NHIỆM VỤ)» ghi 4 nhiệm vụ nhưng bảng có 5 nhiệm vụ."),
    ]


# --- Sơn La: the provincial office's own plan, markdown headings, no task table at all.

def test_son_la_has_no_task_table(seed):
    result = import_plan_file(seed("son_la"))
    assert result.as_json()["document"] == {
        "issuer": "Văn phòng UBND tỉnh", "number": None, "place": "Sơn La", "date": "2026-01-07",
        "title": "Triển khai, thực hiện công tác thi đua, khen thưởng của Văn phòng UBND tỉnh năm 2026",
        "year": 2026, "period": None,
    }
    assert result.tasks == []
    assert warnings_of(result) == [
        (9, "Đầu văn bản không ghi cơ quan ban hành: lấy theo dòng 9 («Văn phòng UBND tỉnh»)."),
        (None, "Không tìm thấy số, ký hiệu văn bản («Số: …») ở đầu văn bản."),
        (None, NO_TABLE_MESSAGE),
    ]
    assert "không có bảng nhiệm vụ" in NO_TABLE_MESSAGE


# --- Lạng Sơn: a PDF flattened one cell per line; page numbers "2" and "3" and the repeated header in the
# middle of the table; numbering that runs through the year; units as bullet lines wrapped onto two lines.

@pytest.fixture(scope="module")
def lang_son():
    return import_plan_file(seed_path("lang_son"))


def test_lang_son_header(lang_son):
    assert lang_son.as_json()["document"] == {
        "issuer": "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "number": None, "place": "Lạng Sơn", "date": None,
        "title": "Công tác thi đua, khen thưởng năm 2026", "year": 2026, "period": None,
    }


def test_lang_son_page_numbers_are_not_tasks(lang_son):
    assert lang_son.counts_by_period() == {"Q1": 8, "Q2": 3, "Q3": 4, "Q4": 6}
    assert [t.number for t in lang_son.tasks] == [str(n) for n in range(1, 22)]
    assert [t.line for t in lang_son.tasks][3] == 99  # task 4 follows the page number "2" and the repeated header
    assert task(lang_son, "Q1", "4").content == "Chỉ đạo, đôn đốc các cơ quan và các cụm thi đua tổng kết công tác TĐKT năm 2025"


def test_lang_son_tasks(lang_son):
    first = task(lang_son, "Q1", "1")
    assert first.content == ("Phát động phong trào thi đua phấn đấu hoàn thành thắng lợi nhiệm vụ, mục tiêu phát "
                             "triển kinh tế - xã hội, quốc phòng, an ninh năm 2026")
    assert (first.lead, first.coordinating) == (("UBND tỉnh", "Sở Nội vụ"), ())
    assert task(lang_son, "Q1", "5").lead == ("UBND tỉnh", "Hội đồng TĐKT tỉnh", "Sở Nội vụ",
                                              "Các cơ quan, đơn vị liên quan")
    assert task(lang_son, "Q3", "14").content == (
        "Xét, trình khen thưởng thành tích năm học 2025 – 2026 của ngành Giáo dục và Đào tạo; trình khen thưởng "
        "cấp Nhà nước cho ngành Giáo dục và Đào tạo")
    eighteen = task(lang_son, "Q4", "18")  # number and content on one line
    assert (eighteen.content, eighteen.lead) == ("Hướng dẫn tổng kết công tác TĐKT năm 2026",
                                                 ("Sở Nội vụ", "Các cơ quan, đơn vị liên quan"))
    assert task(lang_son, "Q2", "9").due.dates == (datetime.date(2026, 6, 30),)


def test_lang_son_warnings(lang_son):
    assert warnings_of(lang_son) == [
        (7, "Số văn bản để trống («Số: /KH-UBND»): văn bản có thể là dự thảo."),
        (7, "Ngày ban hành chưa ghi đủ («ngày tháng 01 năm 2026»): bỏ trống ngày, lấy năm 2026."),
    ]


# --- Thái Nguyên: no quarter sections, a "Thời gian hoàn thành" column, a row split by a page break with a
# repeated header (one with <b> tags), "Sở Văn hóa, Thể thao và Du lịch" as one unit.

@pytest.fixture(scope="module")
def thai_nguyen():
    return import_plan_file(seed_path("thai_nguyen"))


def test_thai_nguyen_header(thai_nguyen):
    assert thai_nguyen.as_json()["document"] == {
        "issuer": "Chủ tịch UBND tỉnh Thái Nguyên", "number": "60/KH-UBND", "place": "Thái Nguyên",
        "date": "2026-02-14",
        "title": "Tổ chức phong trào thi đua yêu nước và công tác khen thưởng tỉnh Thái Nguyên năm 2026",
        "year": 2026, "period": None,
    }


def test_thai_nguyen_periods_from_the_due_column(thai_nguyen):
    assert [t.number for t in thai_nguyen.tasks] == [str(n) for n in range(1, 18)]
    assert [t.period for t in thai_nguyen.tasks] == [
        "Q1", "Q1", "Q1", "Q1", "Q2", "Q2", "M07", "YEAR", "Q3", "M10", "H2",
        "MONTHLY", "MONTHLY", "MONTHLY", "QUARTERLY", "AS_REQUIRED", "AS_REQUIRED",
    ]
    due = {t.number: t.due.as_json() for t in thai_nguyen.tasks}
    assert due["1"] == {"text": "Quý I/2026", "dates": ["2026-03-31"], "recurrence": None}
    assert due["7"] == {"text": "Tháng 7/2026", "dates": ["2026-07-31"], "recurrence": None}
    assert due["8"] == {"text": "Tháng 3, tháng 8/2026", "dates": ["2026-03-31", "2026-08-31"], "recurrence": None}
    assert due["9"] == {"text": "Đầu quý III/2026", "dates": ["2026-07-31"], "recurrence": None}
    assert due["11"] == {"text": "Tháng 7, tháng 12/2026", "dates": ["2026-07-31", "2026-12-31"], "recurrence": None}
    assert due["12"] == {"text": "Hàng tháng", "dates": [], "recurrence": "monthly"}
    assert due["15"] == {"text": "Hàng quý", "dates": [], "recurrence": "quarterly"}
    assert due["16"] == {"text": "Theo quy định", "dates": [], "recurrence": None}


def test_thai_nguyen_units_and_split_row(thai_nguyen):
    tasks = {t.number: t for t in thai_nguyen.tasks}
    assert tasks["2"].lead == ("Sở Văn hóa, Thể thao và Du lịch",)
    assert tasks["4"].lead == ("Cụm trưởng", "Khối trưởng")
    assert tasks["12"].lead == ("Các địa phương, sở, ban, ngành",)
    assert tasks["12"].coordinating == ("Sở Nội vụ",)
    assert tasks["17"].lead == ("Sở Khoa học và Công nghệ",)
    assert tasks["5"].content.endswith("quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy "
                                       "định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng")
    assert tasks["5"].lead == ("Sở Tài chính",)


def test_thai_nguyen_warnings(thai_nguyen):
    assert warnings_of(thai_nguyen) == [
        (91, "Đầu văn bản không ghi cơ quan ban hành: lấy theo dòng 91 («Chủ tịch UBND tỉnh Thái Nguyên»)."),
        (91, "Số ký hiệu ở phụ lục («02/KH-UBND») khác số ở đầu văn bản («60/KH-UBND»)."),
    ]
