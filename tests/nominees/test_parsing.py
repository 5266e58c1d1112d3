"""The list parser (no database): sections, collectives, cells, problems naming row and column; and
property tests: it never crashes, and every problem under a found header names its row."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.dossiers.nominees.parsing import COLLECTIVE, INDIVIDUAL, docx_rows, parse_list, xlsx_rows
from tests.nominees.files import HEADER, docx_bytes, split_docx_bytes, split_xlsx_bytes, xlsx_bytes

TODAY = datetime.date(2026, 1, 15)
FULL_HEADER = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Số CCCD", "Chức vụ, đơn vị", "Hình thức đề nghị",
               "Tóm tắt thành tích"]


def rows_of(*rows, header=HEADER, start=4):
    return [(start, list(header))] + [(start + i, list(r)) for i, r in enumerate(rows, 1)]


def test_lines_sections_and_optional_columns():
    parsed = parse_list(rows_of(
        ["I. TẬP THỂ", "I. TẬP THỂ", "I. TẬP THỂ", "I. TẬP THỂ", "I. TẬP THỂ", "I. TẬP THỂ", "I. TẬP THỂ", "I. TẬP THỂ"],
        ["1", "Phòng Kế hoạch", "", "", "", "Sở Y tế", "Tập thể lao động xuất sắc", ""],
        ["II", "CÁ NHÂN", "", "", "", "", "", ""],
        ["1", "Nguyễn Văn An", "04/03/1985", "Nam", "010090001234", "Chuyên viên", "Chiến sỹ thi đua cơ sở", "Tốt"],
        ["2", "Trần Thị Bình", "1990", "nữ", "", "Bác sĩ", "Lao động tiên tiến", ""],
        header=FULL_HEADER), today=TODAY)
    assert parsed.problems == []
    assert [(line.row, line.kind, line.name) for line in parsed.lines] == [
        (6, COLLECTIVE, "Phòng Kế hoạch"), (8, INDIVIDUAL, "Nguyễn Văn An"), (9, INDIVIDUAL, "Trần Thị Bình")]
    an = parsed.lines[1]
    assert (an.birth_date, an.birth_year, an.gender, an.national_id, an.summary) == (
        datetime.date(1985, 3, 4), 1985, "male", "010090001234", "Tốt")
    assert (parsed.lines[2].birth_year, parsed.lines[2].gender) == (1990, "female")


def test_collective_by_its_name():
    parsed = parse_list(rows_of(["1", "Tập thể Khoa Nội", "Bệnh viện", "Tập thể lao động tiên tiến"]), today=TODAY)
    line = parsed.lines[0]
    assert (line.kind, line.collective_name) == (COLLECTIVE, "Khoa Nội")


def test_problems_name_row_and_column():
    parsed = parse_list(rows_of(
        ["1", "Nguyễn Văn An", "x85", "Khác", "123", "CV", "", ""],
        ["2", "", "", "", "", "CV", "Lao động tiên tiến", ""],
        header=FULL_HEADER), today=TODAY)
    assert [str(p) for p in parsed.problems] == [
        "Dòng 5, cột “Hình thức đề nghị”: chưa ghi hình thức đề nghị.",
        "Dòng 5, cột “Năm sinh”: “x85” không phải ngày hoặc năm sinh.",
        "Dòng 5, cột “Giới tính”: “Khác” không phải giới tính; ghi “Nam” hoặc “Nữ”.",
        "Dòng 5, cột “Số CCCD”: Số CCCD phải có đúng 12 chữ số (số đã nhập có 3 chữ số).",
        "Dòng 6, cột “Họ và tên”: chưa ghi họ và tên.",
    ]
    assert parsed.lines == []


def test_future_birth_year_refused():
    parsed = parse_list(rows_of(["1", "A", "2030", "", "", "", "Lao động tiên tiến", ""], header=FULL_HEADER),
                        today=TODAY)
    assert [str(p) for p in parsed.problems] == ["Dòng 5, cột “Năm sinh”: năm sinh 2030 không hợp lệ."]


def test_no_header():
    parsed = parse_list([(1, ["a", "b"]), (2, ["c", "d"])], today=TODAY)
    assert [str(p) for p in parsed.problems] == [
        "Không tìm thấy dòng tiêu đề có các cột “Họ và tên” và “Hình thức đề nghị” trong 15 dòng đầu của danh sách."]


def test_repeated_header_and_blank_and_total_rows_are_skipped():
    parsed = parse_list(rows_of(["1", "A", "", "Lao động tiên tiến"], HEADER, ["", "", "", ""],
                                ["Tổng cộng: 1", "Tổng cộng: 1", "Tổng cộng: 1", "Tổng cộng: 1"]), today=TODAY)
    assert parsed.problems == []
    assert [line.name for line in parsed.lines] == ["A"]


def test_xlsx_reader_finds_the_header_under_the_title():
    rows = xlsx_rows(xlsx_bytes([[1, "Nguyễn Văn An", "Chuyên viên", "Lao động tiên tiến"]]))
    parsed = parse_list(rows, today=TODAY)
    assert parsed.header_row == 4
    assert [(line.row, line.name, line.award_text) for line in parsed.lines] == [(5, "Nguyễn Văn An",
                                                                                 "Lao động tiên tiến")]


def test_docx_reader_reads_the_table_with_merged_title_and_sections():
    data = docx_bytes([[1, "Khoa Nội", "", "Tập thể lao động tiên tiến"], [1, "Nguyễn Văn An", "CV", "LĐTT"]],
                      sections={0: "I. TẬP THỂ", 1: "II. CÁ NHÂN"})
    parsed = parse_list(docx_rows(data), today=TODAY)
    assert parsed.problems == []
    assert [(line.row, line.kind, line.name) for line in parsed.lines] == [
        (4, COLLECTIVE, "Khoa Nội"), (6, INDIVIDUAL, "Nguyễn Văn An")]


def names_rows(parsed) -> bool:
    """Every problem names its row, except the lone "no lines under the header" of an empty list."""
    if not parsed.lines and len(parsed.problems) == 1 and parsed.problems[0].row is None:
        return str(parsed.problems[0]) == "Danh sách không có dòng nào dưới dòng tiêu đề."
    return all(problem.row is not None for problem in parsed.problems)


# --- properties ----------------------------------------------------------------------------------------

CELL = st.one_of(st.just(""), st.text(max_size=30), st.sampled_from([
    "Nguyễn Văn An", "Tập thể Khoa Nội", "I. TẬP THỂ", "II. CÁ NHÂN", "Lao động tiên tiến", "1985", "04/03/1985",
    "32/13/1985", "Nam", "Nữ", "010090001234", "12", "STT", "Họ và tên", "Hình thức đề nghị"]))
ROW = st.lists(CELL, min_size=0, max_size=10)


@settings(deadline=None)
@given(st.lists(ROW, max_size=25))
def test_parser_never_crashes_and_every_problem_under_a_header_names_a_row(body):
    rows = rows_of(*body, header=FULL_HEADER)
    parsed = parse_list(rows, today=TODAY)
    assert names_rows(parsed)
    rows_with_problems = {problem.row for problem in parsed.problems}
    assert all(line.row not in rows_with_problems for line in parsed.lines)


@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(1, 40), ROW), max_size=30))
def test_parser_never_crashes_on_any_rows(rows):
    parsed = parse_list(sorted(rows, key=lambda r: r[0]), today=TODAY)
    assert all(str(problem) for problem in parsed.problems)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELL.filter(lambda t: "\x00" not in t and all(ord(c) >= 32 for c in t)), min_size=4,
                         max_size=4), max_size=8))
def test_xlsx_and_docx_readers_never_crash(body):
    for data, reader in ((xlsx_bytes(body), xlsx_rows), (docx_bytes(body), docx_rows)):
        assert names_rows(parse_list(reader(data), today=TODAY))


def test_position_and_unit_in_two_columns_are_joined():
    parsed = parse_list(rows_of(["1", "Nguyễn Văn An", "Trưởng phòng", "Phòng Kế hoạch, Sở Y tế", "LĐTT"],
                                header=["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Hình thức đề nghị"]),
                        today=TODAY)
    assert parsed.lines[0].position_and_unit == "Trưởng phòng, Phòng Kế hoạch, Sở Y tế"


# --- lists as units write them (issue 13) --------------------------------------------------------------

SPLIT_ROWS = [[1, "Ông Nguyễn Văn Chiến", "12/05/1975", "", "Trưởng khoa, Bệnh viện Đa khoa tỉnh", "Lao động tiên tiến"],
              [2, "Bà Lê Thị Chi", "", "03/08/1982", "Điều dưỡng, Bệnh viện Đa khoa tỉnh", "Lao động tiên tiến"],
              [3, "Đ/c Bế Văn Nghiệp", "", "", "Chuyên viên, Sở Y tế", "Lao động tiên tiến"],
              [4, "TS.Hoàng Thị Mai", "", "1988", "Phó Giám đốc, Sở Y tế", "Chiến sĩ thi đua cơ sở"]]


def _split_summary(parsed):
    return [(line.name, line.gender, line.birth_date, line.birth_year, line.prefixes) for line in parsed.lines]


@pytest.mark.parametrize("reader", ["xlsx", "docx"])
def test_split_birth_heading_honorifics_and_page_chrome(reader):
    data = split_xlsx_bytes(SPLIT_ROWS) if reader == "xlsx" else split_docx_bytes(SPLIT_ROWS)
    parsed = parse_list(xlsx_rows(data) if reader == "xlsx" else docx_rows(data), today=TODAY)
    assert parsed.problems == []
    assert _split_summary(parsed) == [
        ("Nguyễn Văn Chiến", "male", datetime.date(1975, 5, 12), 1975, ("Ông",)),
        ("Lê Thị Chi", "female", datetime.date(1982, 8, 3), 1982, ("Bà",)),
        ("Bế Văn Nghiệp", "", None, None, ("Đ/c",)),
        ("Hoàng Thị Mai", "female", None, 1988, ("TS.",))]
    assert parsed.lines[0].position_and_unit == "Trưởng khoa, Bệnh viện Đa khoa tỉnh"


def test_split_position_heading_and_gender_marks():
    rows = [(3, ["STT", "Họ và tên", "Giới tính", "", "Chức vụ, đơn vị", "", "Hình thức đề nghị"]),
            (4, ["", "", "Nam", "Nữ", "Chức vụ", "Đơn vị", ""]),
            (5, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]),
            (6, ["1", "Chị Trần Thị Hoa", "", "x", "Điều dưỡng", "Khoa Nội", "LĐTT"])]
    parsed = parse_list(rows, today=TODAY)
    assert parsed.problems == []
    line = parsed.lines[0]
    assert (line.name, line.gender, line.position_and_unit) == ("Trần Thị Hoa", "female", "Điều dưỡng, Khoa Nội")


def test_bad_names_and_both_birth_columns_name_their_row():
    rows = [(1, ["STT", "Họ và tên", "Ngày, tháng, năm sinh", "", "Hình thức đề nghị"]),
            (2, ["", "", "Nam", "Nữ", ""]),
            (3, ["1", "Ông", "1980", "", "LĐTT"]),
            (4, ["2", "Lê Văn Bình", "1980", "1981", "LĐTT"])]
    assert [str(p) for p in parse_list(rows, today=TODAY).problems] == [
        "Dòng 3, cột “Họ và tên”: “Ông” chỉ là cách xưng hô hoặc học hàm, học vị; hãy ghi đầy đủ họ và tên.",
        "Dòng 4, cột “Ngày, tháng, năm sinh”: ngày sinh được ghi ở cả cột “Nam” và cột “Nữ”; chỉ giữ một cột."]


def test_a_sheet_declaring_a_huge_size_is_read_quickly():
    import io
    import time
    import zipfile

    data = xlsx_bytes([[1, "Nguyễn Văn An", "CV", "LĐTT"]])
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<dimension ref="A1:D5"/>', b'<dimension ref="A1:XFD1048576"/>')
                assert b"XFD1048576" in content
            out.writestr(item, content)
    started = time.monotonic()
    parsed = parse_list(xlsx_rows(target.getvalue()), today=TODAY)
    assert time.monotonic() - started < 2
    assert [line.name for line in parsed.lines] == ["Nguyễn Văn An"]


def test_more_lines_than_allowed_is_refused_naming_the_row():
    from tdkt.dossiers.nominees.parsing import MAX_LINES

    rows = [(1, list(HEADER))] + [(i + 2, [str(i), f"Người {i}", "", "LĐTT"]) for i in range(MAX_LINES + 1)]
    parsed = parse_list(rows, today=TODAY)
    assert len(parsed.lines) == MAX_LINES == 10_000
    assert [str(p) for p in parsed.problems] == [
        f"Dòng {MAX_LINES + 2}: danh sách có quá 10000 dòng; hãy chia thành nhiều tệp."]
