"""Properties of the award-document reader over any text: it never crashes (a refusal is a DocumentError with a
Vietnamese message), names never start with an honorific or title, dates are valid or None, and every recipient
and warning names a line that exists in the input."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.lib.awarddoc import AwardDocument, read_award_bytes
from tdkt.lib.docparse import DocumentError
from tdkt.lib.names import starts_with_prefix

PROPERTY_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    "QUYẾT ĐỊNH", "DANH SÁCH", "Số: 12/QĐ-UBND", "Số:   /QĐ-UBND", "Lào Cai, ngày 05 tháng 3 năm 2025",
    "ngày 31 tháng 02 năm 2025", "Điều 1. Tặng Bằng khen của Chủ tịch UBND tỉnh cho 03 cá nhân:",
    "Điều 1. Công nhận danh hiệu thi đua năm 2024 cho:", "Tặng Giấy khen cho:", "1. Danh hiệu Lao động tiên tiến:",
    "I. TẬP THỂ", "II. CÁ NHÂN", "Cá nhân:", "1. Ông Nguyễn Văn An, Trưởng phòng, Sở Nội vụ;", "a) Bà Lê Thị B;",
    "- Đồng chí Trần C, Chuyên viên;", "Ông", "Bà", "Đ/c", "Thạc sĩ", "PGS.TS.", "Thượng tá", "2. Ông Bà;",
    "cho các ông (bà) có tên sau: A Văn B, Kế toán; và C Thị D, Thủ quỹ", "Hộ ông", "Gia đình bà Hà Thị E",
    "TT\tHọ và tên\tChức vụ, đơn vị công tác", "1\tÔng Lê Văn F\tKế toán, Sở Y tế", "\tĐ/c\t", "(1)\t(2)\t(3)",
    "Điều 2. Quyết định này có hiệu lực.", "Nơi nhận:", "CHỦ TỊCH", ";", ":", "và", "Căn cứ Luật Thi đua;",
    "(có danh sách kèm theo)", "\f", "",
]
lines_strategy = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=40)


def check(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        read = read_award_bytes(data, "van-ban.txt", ocr=False)
    except DocumentError as error:
        assert str(error)
        return
    assert isinstance(read, AwardDocument)
    assert read.date is None or isinstance(read.date, datetime.date)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for recipient in read.recipients:
        assert recipient.name and not starts_with_prefix(recipient.name), recipient
        assert 1 <= recipient.line <= len(raw_lines) and raw_lines[recipient.line - 1].strip(), recipient
        assert 0 < recipient.confidence <= 1
    for warning in read.warnings:
        assert warning.line is None or 1 <= warning.line <= len(raw_lines), warning
        assert warning.message


@PROPERTY_SETTINGS
@given(st.text(max_size=400))
def test_any_text(text):
    check(text)


@PROPERTY_SETTINGS
@given(lines_strategy)
def test_line_structured_text(lines):
    check("\n".join(lines))
