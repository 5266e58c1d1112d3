"""The award-document reader's parts: entries of a list, award forms, counts, tables, the checks, OCR's flow."""

import pytest

from tdkt.lib import ocr as ocr_module
from tdkt.lib.awarddoc import COLLECTIVE, HOUSEHOLD, INDIVIDUAL, Finding, Recipient, read_award_bytes
from tdkt.lib.awarddoc.recipients import kind_hint_of, parse_entry, split_flat_row, split_position_unit, split_prose
from tdkt.lib.awarddoc.text import announced_count, granted_award, heading_award
from tdkt.lib.docparse import NoTextLayerError
from tests.plans.pdfmaker import image_only_pdf, text_pdf

HEADER = ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 12/QĐ-UBND\nLào Cai, ngày 02 tháng 01 năm 2025\nQUYẾT ĐỊNH\n"
          "Về việc tặng Bằng khen năm 2024\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nCăn cứ Luật Thi đua, khen thưởng;\n")


def read_text(body: str, header: str = HEADER):
    return read_award_bytes((header + body).encode("utf-8"), "quyet-dinh.txt", ocr=False)


def entry(text: str, **context):
    return parse_entry(text, line=7, page=None, award="Bằng khen", confidence=0.9, **context)


@pytest.mark.parametrize(("written", "name", "kind", "position", "unit", "birth", "confidence"), [
    ("Ông Nguyễn Văn An, Trưởng phòng Tổ chức cán bộ, Sở Nội vụ;", "Nguyễn Văn An", INDIVIDUAL,
     "Trưởng phòng Tổ chức cán bộ", "Sở Nội vụ", "", 0.9),
    ("Bà Trần Thị Bình, Phó Giám đốc Sở Tư pháp", "Trần Thị Bình", INDIVIDUAL, "Phó Giám đốc", "Sở Tư pháp", "", 0.8),
    ("Thượng tá Hoàng Văn Dũng, Đội trưởng, Đội Cảnh sát cơ động, Công an tỉnh", "Hoàng Văn Dũng", INDIVIDUAL,
     "Đội trưởng", "Đội Cảnh sát cơ động, Công an tỉnh", "", 0.9),
    ("Nguyễn Văn Hải, sinh năm 1980, Giáo viên, Trường THCS Lê Lợi", "Nguyễn Văn Hải", INDIVIDUAL, "Giáo viên",
     "Trường THCS Lê Lợi", "1980", 0.9),
    ("ThS. BS CKII Phạm Thị Hoa (1975), Trưởng khoa Nội, Bệnh viện Đa khoa tỉnh", "Phạm Thị Hoa", INDIVIDUAL,
     "Trưởng khoa Nội", "Bệnh viện Đa khoa tỉnh", "1975", 0.9),
    ("và Lê Văn Cường, Chuyên viên", "Lê Văn Cường", INDIVIDUAL, "Chuyên viên", "", "", 0.8),
    ("Trường THCS Lê Lợi, huyện Bảo Yên", "Trường THCS Lê Lợi", COLLECTIVE, "", "huyện Bảo Yên", "", 0.9),
    ("Tập thể Lớp 12A1, Trường THPT số 2", "Lớp 12A1", COLLECTIVE, "", "Trường THPT số 2", "", 0.9),
    ("UBND xã Bản Lầu", "UBND xã Bản Lầu", COLLECTIVE, "", "", "", 0.9),
    ("Hộ ông Lê Văn Cường, thôn 3, xã Bảo Hà", "Lê Văn Cường", HOUSEHOLD, "", "thôn 3, xã Bảo Hà", "", 0.9),
    ("Gia đình bà Hà Thị Lan", "Hà Thị Lan", HOUSEHOLD, "", "", "", 0.9),
    ("Ong Nguyen Van Tuan, Pho Giam doc, So Y te", "Nguyen Van Tuan", INDIVIDUAL, "Pho Giam doc", "So Y te", "", 0.9),
])
def test_an_entry_gives_name_kind_position_unit_and_birth(written, name, kind, position, unit, birth, confidence):
    read = entry(written)
    assert isinstance(read, Recipient)
    assert (read.name, read.kind, read.position, read.unit, read.birth, read.confidence, read.line) == (
        name, kind, position, unit, birth, confidence, 7)


def test_a_trưởng_is_a_position_and_a_trường_a_school():
    assert entry("Trưởng phòng Lê Văn An") == Finding(7, "Dòng 7: không tách được họ tên từ «Trưởng phòng Lê Văn An».")
    assert entry("Trường Mầm non Hoa Ban").kind == COLLECTIVE


def test_an_entry_without_a_readable_name_is_a_finding_naming_its_line():
    assert entry("có thành tích xuất sắc trong năm") == Finding(
        7, "Dòng 7: không tách được họ tên từ «có thành tích xuất sắc trong năm».")
    assert entry(" ; ") is None


def test_a_section_heading_gives_the_kind_of_what_follows():
    assert kind_hint_of("I. TẬP THỂ (05 tập thể)") == COLLECTIVE
    assert kind_hint_of("2. Cá nhân:") == INDIVIDUAL
    assert kind_hint_of("Các hộ gia đình") == HOUSEHOLD
    assert kind_hint_of("Tập thể Lao động xuất sắc") == ""


def test_position_and_unit_split():
    assert split_position_unit("Trưởng phòng Công chức, viên chức, Sở Nội vụ") == (
        "Trưởng phòng Công chức, viên chức", "Sở Nội vụ", False)
    assert split_position_unit("Sở Nội vụ") == ("", "Sở Nội vụ", False)
    assert split_position_unit("Tổ trưởng tổ dân phố số 5") == ("Tổ trưởng tổ dân phố số 5", "", True)


def test_prose_is_split_on_semicolons_else_on_commas_and_và():
    assert split_prose("A Văn B, Kế toán; C Thị D, Thủ quỹ; và E Văn G.") == (
        ["A Văn B, Kế toán", "C Thị D, Thủ quỹ", "và E Văn G"], False)
    assert split_prose("Phòng Nội vụ huyện A, Trường THCS B và Trạm Y tế xã C") == (
        ["Phòng Nội vụ huyện A", "Trường THCS B", "Trạm Y tế xã C"], True)


@pytest.mark.parametrize(("sentence", "award"), [
    ("Điều 1. Tặng Bằng khen của Chủ tịch UBND tỉnh cho 05 tập thể", "Bằng khen của Chủ tịch UBND tỉnh"),
    ("Điều 1. Tặng danh hiệu «Chiến sĩ thi đua cơ sở» năm 2024 cho", "Danh hiệu Chiến sĩ thi đua cơ sở"),
    ("Công nhận danh hiệu “Lao động tiên tiến” năm học 2024-2025 cho:", "Danh hiệu Lao động tiên tiến"),
    ("Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho Trường THCS Lê Lợi", "Cờ thi đua của Ủy ban nhân dân tỉnh"),
    ("Tặng  Giấy   khen cho:", "Giấy khen"),
    ("Điều 1. Công nhận danh hiệu thi đua năm 2024 cho các cá nhân sau:", None),
    ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", None),
])
def test_the_award_a_sentence_grants(sentence, award):
    assert granted_award(sentence) == award


def test_headings_that_carry_an_award_and_counts_announced():
    assert heading_award("Danh hiệu Lao động tiên tiến:") == "Danh hiệu Lao động tiên tiến"
    assert heading_award("BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH (12 cá nhân)") == "BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH"
    assert heading_award("Trường THCS Lê Lợi") is None
    assert announced_count("cho 05 tập thể và 12 cá nhân, 3 hộ gia đình") == 20
    assert announced_count("theo Quyết định số 12/QĐ-UBND") == 0


def test_a_single_recipient_after_cho_without_a_colon():
    read = read_text("Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho ông Lê Văn Tám, Chuyên viên, "
                     "Sở Y tế, đã có thành tích xuất sắc.\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.\n")
    assert [(r.name, r.position, r.unit, r.line, r.confidence) for r in read.recipients] == [
        ("Lê Văn Tám", "Chuyên viên", "Sở Y tế", 8, 0.7)]


def test_an_attached_list_that_is_missing_is_reported():
    read = read_text("Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 03 cá nhân (có danh sách kèm "
                     "theo).\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.\n")
    assert read.recipients == []
    assert read.award_forms == ["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"]
    assert [w.message for w in read.warnings if w.line == 8] == [
        "Dòng 8: văn bản ghi 3 tập thể, cá nhân nhưng chỉ đọc được 0: danh sách có thể bị cắt."]


def test_a_table_split_by_a_page_line_goes_on_with_the_same_columns_and_a_cut_last_row_is_reported():
    body = ("Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 03 cá nhân (có danh sách kèm theo).\n"
            "DANH SÁCH\n"
            "STT\tHọ và tên\tChức vụ\tĐơn vị\n"
            "1\tÔng Lê Văn An\tKế toán\tSở Y tế\n"
            "Trang 2\n"
            "2\tBà Hà Thị Bình\tThủ quỹ\tSở Y tế\n"
            "3\tÔng Vũ Văn Công\t\t\n")
    read = read_text(body)
    assert [(r.name, r.position, r.unit, r.line, r.confidence) for r in read.recipients] == [
        ("Lê Văn An", "Kế toán", "Sở Y tế", 11, 1.0), ("Hà Thị Bình", "Thủ quỹ", "Sở Y tế", 13, 1.0),
        ("Vũ Văn Công", "", "", 14, 1.0)]
    assert [w.message for w in read.warnings if w.line == 14] == [
        "Dòng 14: văn bản dừng giữa bảng danh sách (hàng cuối thiếu cột): danh sách có thể bị cắt."]


def test_a_numbered_row_without_a_name_is_reported():
    read = read_text("DANH SÁCH được tặng Bằng khen của Chủ tịch UBND tỉnh\nTT\tHọ và tên\tĐơn vị\n"
                     "1\tLê Văn An\tSở Y tế\n2\t\tSở Y tế\n")
    assert [r.name for r in read.recipients] == ["Lê Văn An"]
    assert [w.message for w in read.warnings if w.line == 11] == [
        "Dòng 11: hàng 2 của bảng không có họ tên hay tên tập thể."]


def test_an_image_or_a_scan_is_refused_without_ocr_and_read_through_it_with():
    with pytest.raises(NoTextLayerError, match="^Tệp scan.png là ảnh PNG \\(bản quét\\), không có lớp chữ"):
        read_award_bytes(b"\x89PNG\r\n\x1a\n", "scan.png", ocr=False)
    with pytest.raises(NoTextLayerError, match="không có lớp chữ"):
        read_award_bytes(image_only_pdf(), "scan.pdf", ocr=False)


def test_ocr_output_is_read_and_kept(monkeypatch):
    searchable = text_pdf([["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Số: 9/QĐ-UBND", "QUYẾT ĐỊNH", "Về việc tặng Bằng khen",
                            "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho:", "1. Ông Lê Văn An, Sở Y tế."]])
    calls = []

    def fake_ocr(data, *, name):
        calls.append(name)
        return ocr_module.OcrResult(searchable, 1)

    monkeypatch.setattr(ocr_module, "searchable_pdf", fake_ocr)
    read = read_award_bytes(image_only_pdf(), "scan.pdf")
    assert calls == ["scan.pdf"]
    assert (read.ocr, read.ocr_pdf, read.number, [r.name for r in read.recipients]) == (
        True, searchable, "9/QĐ-UBND", ["Lê Văn An"])


def test_plain_lines_under_a_heading_are_one_entry_each():
    read = read_text("Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện cho:\nÔng Lê Văn An\nBà Trần Thị Bình\n"
                     "Trường Tiểu học Kim Đồng\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.\n")
    assert [(r.name, r.kind, r.line, r.confidence) for r in read.recipients] == [
        ("Lê Văn An", INDIVIDUAL, 9, 0.8), ("Trần Thị Bình", INDIVIDUAL, 10, 0.8),
        ("Trường Tiểu học Kim Đồng", COLLECTIVE, 11, 0.8)]


def test_a_word_cell_with_the_name_and_the_position_on_two_lines():
    import docx

    from tests.plans.docxmaker import add_table, save

    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Số: 7/QĐ-UBND", "QUYẾT ĐỊNH", "Về việc tặng Bằng khen",
                 "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho:"):
        document.add_paragraph(line)
    table = add_table(document, [["STT", "Họ và tên", "Ghi chú"], ["1", "", ""]])
    cell = table.cell(1, 1)
    cell.text = "Ông Lê Văn An"
    cell.add_paragraph("Trưởng phòng, Sở Y tế")
    read = read_award_bytes(save(document), "qd.docx", ocr=False)
    assert [(r.name, r.position, r.unit, r.confidence) for r in read.recipients] == [
        ("Lê Văn An", "Trưởng phòng", "Sở Y tế", 1.0)]


def test_granting_headings_under_an_article_each_check_their_own_count():
    body = ("Điều 1. Khen thưởng cho 05 tập thể, cá nhân đã có thành tích xuất sắc, cụ thể:\n"
            "1. Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho 02 tập thể:\n"
            "- Trường THPT số 1 Bát Xát;\n- Phòng Y tế huyện Bát Xát.\n"
            "2. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 03 cá nhân:\n"
            "- Ông Lê Văn An, Hiệu trưởng, Trường THPT số 1 Bát Xát;\n"
            "- Bà Trần Thị Bình, Trưởng phòng, Phòng Y tế huyện Bát Xát.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n")
    read = read_text(body)
    assert read.award_forms == ["Cờ thi đua của Ủy ban nhân dân tỉnh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"]
    assert [(r.name, r.award[:6]) for r in read.recipients] == [
        ("Trường THPT số 1 Bát Xát", "Cờ thi"), ("Phòng Y tế huyện Bát Xát", "Cờ thi"),
        ("Lê Văn An", "Bằng k"), ("Trần Thị Bình", "Bằng k")]
    assert [w.message for w in read.warnings if w.line and w.line > 7] == [
        "Dòng 8: văn bản ghi 5 tập thể, cá nhân nhưng chỉ đọc được 4 (dòng cuối của danh sách: 14): danh sách có "
        "thể bị cắt.",
        "Dòng 12: văn bản ghi 3 tập thể, cá nhân nhưng chỉ đọc được 2 (dòng cuối của danh sách: 14): danh sách có "
        "thể bị cắt."]


def test_an_article_number_alone_on_its_line_and_a_grant_outside_an_article():
    read = read_text("Điều 1.\nTặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 cá nhân (có danh sách kèm "
                     "theo).\nXét đề nghị tại Tờ trình về việc tặng Giấy khen cho 05 cá nhân.\n"
                     "Sở Y tế đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho 01 tập thể (có danh sách kèm theo).\n")
    assert read.award_forms == ["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Cờ thi đua của Ủy ban nhân dân tỉnh"]
    assert [w.message for w in read.warnings if w.line and w.line > 7] == [
        "Dòng 8: văn bản ghi 2 tập thể, cá nhân nhưng chỉ đọc được 0: danh sách có thể bị cắt.",
        "Dòng 11: văn bản ghi 1 tập thể, cá nhân nhưng chỉ đọc được 0: danh sách có thể bị cắt."]


def test_a_person_under_a_collective_section_stays_a_person():
    read = read_text("Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho:\nI. TẬP THỂ\n"
                     "1. Phòng Y tế huyện Bát Xát;\n2. Ông Nguyễn Văn An, Trưởng phòng, Sở Nội vụ.\n")
    assert [(r.name, r.kind, r.group) for r in read.recipients] == [
        ("Phòng Y tế huyện Bát Xát", COLLECTIVE, "I. TẬP THỂ"), ("Nguyễn Văn An", INDIVIDUAL, "I. TẬP THỂ")]


def test_a_markdown_list_with_a_pipe_table_and_an_award_column():
    text = ("# DANH SÁCH\n\nĐề nghị khen thưởng năm 2024\n\n"
            "| STT | Họ tên | Năm sinh | Đơn vị | Hình thức đề nghị |\n|---|---|---|---|---|\n"
            "| 1 | Bà Lê Thị Hoa | 1979 | Sở Y tế | Bằng khen của Chủ tịch UBND tỉnh |\n"
            "| 2 | Trạm Y tế xã Cốc San |  | huyện Bát Xát | Cờ thi đua của UBND tỉnh |\n")
    read = read_award_bytes(text.encode("utf-8"), "danh-sach.md", ocr=False)
    assert read.kind == "nomination_list"
    assert read.award_forms == ["Bằng khen của Chủ tịch UBND tỉnh", "Cờ thi đua của UBND tỉnh"]
    assert [(r.name, r.kind, r.birth, r.unit, r.award, r.line) for r in read.recipients] == [
        ("Lê Thị Hoa", INDIVIDUAL, "1979", "Sở Y tế", "Bằng khen của Chủ tịch UBND tỉnh", 7),
        ("Trạm Y tế xã Cốc San", COLLECTIVE, "", "huyện Bát Xát", "Cờ thi đua của UBND tỉnh", 8)]


@pytest.mark.parametrize(("row", "split"), [
    ("Lò Văn Bình Sở Y tế", "Lò Văn Bình, Sở Y tế"),
    ("Nguyễn Thị Thu Hà Trường Mầm non Phố Lu", "Nguyễn Thị Thu Hà, Trường Mầm non Phố Lu"),
    ("Lê An Phó Hiệu trưởng Trường THCS Gia Phú", "Lê An, Phó Hiệu trưởng Trường THCS Gia Phú"),
    ("Trần Văn Hội Sở Giáo dục và Đào tạo", "Trần Văn Hội, Sở Giáo dục và Đào tạo"),
    ("Nguyễn Văn An, Trưởng phòng Nội vụ", "Nguyễn Văn An, Trưởng phòng Nội vụ"),  # already has its comma
    ("Phòng Nội vụ huyện Bảo Thắng", "Phòng Nội vụ huyện Bảo Thắng"),  # a collective is left whole
    ("Hoàng Văn Nam", "Hoàng Văn Nam"),  # nothing follows the name
])
def test_a_table_row_that_lost_its_cells_is_split_where_the_position_or_unit_begins(row, split):
    assert split_flat_row(row) == split
