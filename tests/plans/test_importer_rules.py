"""Importer rules on small synthetic plans: numbering, periods, rows before sections, due text, bad input."""

import pytest

from tdkt.plans.importer import (
    PlanImportError,
    UnreadableDocumentError,
    YearNotFoundError,
    import_plan_bytes,
)
from tdkt.plans.importer.periods import parse_section
from tests.plans.pdfmaker import image_only_pdf, text_pdf

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM\nSố: 05/KH-UBND\nThử Nghiệm, ngày 10 tháng 01 năm 2026\nKẾ HOẠCH\n"
        "Công tác thi đua, khen thưởng năm 2026\nCăn cứ Luật Thi đua, khen thưởng;\n")
TABLE_HEADER = "STT\tNội dung\tChủ trì\tPhối hợp\tThời gian hoàn thành\n"


def plan(rows: str, head: str = HEAD) -> bytes:
    return (head + TABLE_HEADER + rows + "III. TỔ CHỨC THỰC HIỆN\n").encode()


def read(rows: str, **kwargs):
    return import_plan_bytes(plan(rows, **kwargs), "plan.txt")


def messages(result):
    return [(w.line, w.message) for w in result.warnings]


def test_header_of_a_complete_plan():
    result = read("1\tTập huấn\tSở Nội vụ\t\tQuý I/2026\n")
    assert result.as_json()["document"] == {
        "issuer": "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM", "number": "05/KH-UBND", "place": "Thử Nghiệm",
        "date": "2026-01-10", "title": "Công tác thi đua, khen thưởng năm 2026", "year": 2026, "period": None,
    }
    assert result.warnings == []


def test_the_plan_year_comes_from_the_title_before_the_signing_date():
    head = HEAD.replace("ngày 10 tháng 01 năm 2026", "ngày 20 tháng 12 năm 2026").replace("năm 2026\nCăn", "năm 2027\nCăn")
    result = read("1\tTập huấn\tSở Nội vụ\t\tQuý I\n", head=head)
    assert (result.document.year, result.tasks[0].due.dates[0].isoformat()) == (2027, "2027-03-31")


def test_numbering_running_through_the_year_and_restarting_per_quarter_are_both_fine():
    running = read("I\tQUÝ I\n1\tMột\tSở Nội vụ\n2\tHai\tSở Nội vụ\nII\tQUÝ II\n3\tBa\tSở Nội vụ\n")
    restarting = read("I\tQUÝ I\n1\tMột\tSở Nội vụ\n2\tHai\tSở Nội vụ\nII\tQUÝ II\n1\tBa\tSở Nội vụ\n")
    assert running.warnings == restarting.warnings == []
    assert [t.period for t in running.tasks] == ["Q1", "Q1", "Q2"]


def test_numbering_gaps_reversals_and_unnumbered_rows_are_warned():
    result = read("I\tQUÝ I\n1\tMột\tSở Nội vụ\n4\tBốn\tSở Nội vụ\n3\tBa\tSở Nội vụ\n\tKhông số\tSở Nội vụ\n"
                  "II\tQUÝ II\n3\tNăm\tSở Nội vụ\n")
    assert [t.number for t in result.tasks] == ["1", "4", "3", None, "3"]
    assert messages(result) == [
        (11, "Số thứ tự nhảy từ 1 lên 4 (thiếu số 2, 3)."),
        (12, "Số thứ tự 3 không tăng (sau số 4)."),
        (13, "Dòng nhiệm vụ không có số thứ tự: đã nhập thành nhiệm vụ không số, hãy kiểm tra."),
        (15, "Số thứ tự 3 không tiếp nối số 3 của mục trước."),
    ]


def test_rows_without_content_or_with_group_titles_are_never_tasks():
    result = read("A\tNHIỆM VỤ TRỌNG TÂM\n1\t\tSở Nội vụ\t\tQuý I\n2\tHai\tSở Nội vụ\t\tQuý II\n")
    assert [t.number for t in result.tasks] == ["2"]
    assert messages(result) == [
        (9, "Dòng tiêu đề nhóm «A NHIỆM VỤ TRỌNG TÂM» không phải nhiệm vụ: bỏ qua."),
        (10, "Dòng trong bảng không có nội dung nhiệm vụ: bỏ qua «1 Sở Nội vụ Quý I»."),
        (11, "Bảng bắt đầu từ số 2 (thiếu số 1)."),
    ]


def test_period_is_the_section_even_when_the_due_column_names_another():
    result = read("I\tQUÝ I\n1\tMột\tSở Nội vụ\t\tTháng 2/2026\n2\tHai\tSở Nội vụ\t\tKhi có chỉ đạo của tỉnh\n")
    first, second = result.tasks
    assert (first.period, first.due.as_json()) == ("Q1", {"text": "Tháng 2/2026", "dates": ["2026-02-28"],
                                                          "recurrence": None})
    assert (second.period, second.due.as_json()) == ("Q1", {"text": "Khi có chỉ đạo của tỉnh",
                                                            "dates": ["2026-03-31"], "recurrence": None})
    assert messages(result) == [(11, "Không hiểu thời hạn «Khi có chỉ đạo của tỉnh»: lấy hạn theo mục «QUÝ I».")]


def test_without_sections_an_unreadable_due_goes_to_the_whole_year():
    result = read("1\tMột\tSở Nội vụ\t\tSau khi có hướng dẫn\n2\tHai\tSở Nội vụ\t\tQuý I/2027\n")
    assert [(t.period, t.due.as_json()["dates"]) for t in result.tasks] == [("YEAR", []), ("Q1", ["2027-03-31"])]
    assert messages(result) == [
        (9, "Không hiểu thời hạn «Sau khi có hướng dẫn»: xếp vào «Cả năm», chưa có ngày hạn."),
        (10, "Thời hạn «Quý I/2027» thuộc năm 2027, khác năm của kế hoạch (2026)."),
    ]


def test_a_table_without_a_number_column_is_not_warned_for_numbering():
    text = HEAD + "Nội dung\tĐơn vị chủ trì\tThời gian\nTập huấn\tSở Nội vụ\tQuý I\nKiểm tra\tSở Nội vụ\tQuý II\n"
    result = import_plan_bytes(text.encode(), "plan.txt")
    assert [(t.number, t.content, t.period) for t in result.tasks] == [(None, "Tập huấn", "Q1"), (None, "Kiểm tra", "Q2")]
    assert result.warnings == []


def test_rows_before_the_first_section():
    result = read("1\tMột\tSở Nội vụ\nI\tQUÝ I\n2\tHai\tSở Nội vụ\n")
    assert [t.period for t in result.tasks] == ["YEAR", "Q1"]
    assert messages(result) == [(9, "Nhiệm vụ đứng trước mục quý đầu tiên và không ghi thời hạn: xếp vào «Cả năm».")]


def test_stray_text_inside_the_table_is_reported_and_a_lone_page_number_is_skipped():
    result = read("1\tMột\tSở Nội vụ\t\tQuý I\n2\nGhi chú giữa bảng\n2\tHai\tSở Nội vụ\t\tQuý II\n")
    assert [t.number for t in result.tasks] == ["1", "2"]
    assert messages(result) == [(11, "Dòng chữ nằm giữa bảng nhiệm vụ, không thuộc ô nào: bỏ qua «Ghi chú giữa bảng».")]


def test_a_two_row_header_with_lead_and_coordinating_under_one_title():
    rows = "TT\tNội dung\tĐơn vị\t\tThời gian\n\t\tChủ trì\tPhối hợp\t\n1\tMột\tSở Nội vụ\tSở Tài chính\tQuý I\n"
    result = import_plan_bytes((HEAD + rows).encode(), "plan.txt")
    assert [(t.lead, t.coordinating, t.period) for t in result.tasks] == [(("Sở Nội vụ",), ("Sở Tài chính",), "Q1")]


def test_a_flattened_table_with_its_due_on_its_own_line():
    text = HEAD + "TT Nội dung Cơ quan thực hiện Thời gian hoàn thành\n1\nTập huấn nghiệp vụ\n- Sở Nội vụ.\nQuý II/2026\n"
    result = import_plan_bytes(text.encode(), "plan.txt")
    assert [(t.content, t.lead, t.period, t.due.text) for t in result.tasks] == [
        ("Tập huấn nghiệp vụ", ("Sở Nội vụ",), "Q2", "Quý II/2026")]


def test_a_flattened_table_with_two_unit_columns_keeps_every_unit_as_lead_and_says_so():
    text = HEAD + "TT Nội dung Đơn vị chủ trì Đơn vị phối hợp\n1\nTập huấn\n- Sở Nội vụ.\n- Sở Tài chính.\n"
    result = import_plan_bytes(text.encode(), "plan.txt")
    assert [(t.lead, t.coordinating) for t in result.tasks] == [(("Sở Nội vụ", "Sở Tài chính"), ())]
    assert messages(result) == [
        (8, "Bảng bị dàn phẳng mỗi ô một dòng: không tách được cột chủ trì và cột phối hợp, mọi đơn vị được ghi là "
            "chủ trì."),
        (None, "Bảng nhiệm vụ không chia theo quý và không có cột thời gian hoàn thành: mọi nhiệm vụ được xếp vào "
               "«Cả năm»."),
    ]


# --- bad input: a clear message, nothing half-imported ---------------------------------------------

def test_a_plan_whose_year_cannot_be_found_is_refused():
    head = "KẾ HOẠCH\nCông tác thi đua, khen thưởng\nCăn cứ Luật Thi đua, khen thưởng;\n"
    with pytest.raises(YearNotFoundError, match=r"^Không xác định được năm của kế hoạch: không thấy «năm …» trong trích yếu, ngày ban hành hay phụ lục\. Hãy ghi năm vào tên kế hoạch hoặc ngày ban hành rồi nhập lại\.$") as caught:
        read("1\tMột\tSở Nội vụ\t\tQuý I\n", head=head)
    assert caught.value.message.startswith("Không xác định được năm của kế hoạch")


@pytest.mark.parametrize(("data", "name", "start"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "kehoach.doc", "Tệp Word cũ (.doc) không được hỗ trợ"),
    (image_only_pdf(2), "scan.pdf", "Tệp PDF không có lớp chữ (no text layer: scanned document)"),
    (text_pdf([["Trang"]] * 201), "big.pdf", "Văn bản có 201 trang"),
    (bytes(range(256)) * 40, "plan.txt", "Tệp không phải văn bản (dữ liệu nhị phân)"),
])
def test_unreadable_files_raise_one_documented_error(data, name, start):
    with pytest.raises(UnreadableDocumentError, match=r"^(?:Tệp PDF không có lớp chữ \(no text layer: scanned document\) — đây là bản quét\. Hãy nhập tệp \.docx hoặc PDF xuất trực tiếp từ Word, hoặc nhận dạng chữ \(OCR\) trước\.|Tệp Word cũ \(\.doc\) không được hỗ trợ: hãy mở bằng Word hoặc LibreOffice và lưu lại dưới dạng \.docx \(hoặc PDF\) rồi nhập lại\.|Tệp không phải văn bản \(dữ liệu nhị phân\): hãy chọn tệp \.docx, \.pdf hoặc \.txt\.|Văn bản có 201 trang, vượt giới hạn 100 trang của một kế hoạch: hãy tách riêng phần kế hoạch và phụ lục nhiệm vụ rồi nhập lại\.)$") as caught:
        import_plan_bytes(data, name)
    assert isinstance(caught.value, PlanImportError)
    assert caught.value.message.startswith(start)


def test_section_heading_keeps_its_line():
    assert parse_section("QUÝ II", 42).line == 42
