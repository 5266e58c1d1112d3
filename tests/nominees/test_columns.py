"""Header detection of nominee lists: table-driven, without diacritics, case or punctuation."""

import pytest

from tdkt.dossiers.nominees import columns as C


@pytest.mark.parametrize(("heading", "field"), [
    ("STT", C.NUMBER),
    ("TT", C.NUMBER),
    ("Số TT", C.NUMBER),
    ("Họ và tên", C.NAME),
    ("HỌ VÀ TÊN", C.NAME),
    ("ho va ten", C.NAME),
    ("Họ tên", C.NAME),
    ("Tên tập thể / Họ và tên cá nhân", C.NAME),
    ("Họ và tên (ghi đầy đủ)", C.NAME),
    ("Chức vụ, đơn vị", C.POSITION),
    ("Chức vụ - Đơn vị công tác", C.POSITION),
    ("Chức vụ, đơn vị công tác", C.POSITION),
    ("Đơn vị công tác", C.POSITION),
    ("Hình thức đề nghị", C.AWARD),
    ("HÌNH THỨC KHEN THƯỞNG ĐỀ NGHỊ", C.AWARD),
    ("Danh hiệu đề nghị", C.AWARD),
    ("Hình thức khen thưởng đề nghị (ghi rõ)", C.AWARD),
    ("Năm sinh", C.BIRTH),
    ("Ngày, tháng, năm sinh", C.BIRTH),
    ("Giới tính", C.GENDER),
    ("Số CCCD", C.NATIONAL_ID),
    ("Số căn cước công dân", C.NATIONAL_ID),
    ("Tóm tắt thành tích", C.SUMMARY),
    ("Ghi chú", None),
    ("", None),
    ("Năm", None),
])
def test_field_of_heading(heading, field):
    assert C.field_of(heading) == field


def test_header_found_under_a_title_block():
    rows = [(1, ["SỞ Y TẾ", "", "", ""]), (2, ["DANH SÁCH ĐỀ NGHỊ", "", "", ""]),
            (5, ["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức đề nghị"]), (6, ["1", "A", "B", "LĐTT"])]
    number, header, mapping = C.find_header(rows)
    assert number == 5
    assert header[1] == "Họ và tên"
    assert mapping == {C.NUMBER: 0, C.NAME: 1, C.POSITION: 2, C.AWARD: 3}


def test_header_on_row_15_is_found_and_on_row_16_is_not():
    header = ["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức đề nghị"]
    assert C.find_header([(15, header)])[0] == 15
    assert C.find_header([(16, header)]) is None


def test_a_header_needs_name_and_award():
    assert not C.is_header(["STT", "Họ và tên", "Chức vụ, đơn vị"])
    assert C.is_header(["Họ và tên", "Hình thức đề nghị"])
