"""The Decree-30 Word builder: number and date lines, issuer lines, page set-up, header block, tables (whose
Word XML is pinned by a golden file and by the former cell-by-cell builder kept here as an oracle)."""

import datetime
import difflib
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tdkt.lib import nd30


@pytest.mark.parametrize(("place", "day", "year", "expected"), [
    ("Lào Cai", datetime.date(2026, 1, 5), None, "Lào Cai, ngày 05 tháng 01 năm 2026"),
    ("Sơn La", datetime.date(2026, 2, 14), None, "Sơn La, ngày 14 tháng 02 năm 2026"),
    ("Cao Bằng", datetime.date(2026, 3, 22), None, "Cao Bằng, ngày 22 tháng 3 năm 2026"),
    ("Lạng Sơn", None, 2026, "Lạng Sơn, ngày     tháng     năm 2026"),
])
def test_date_line(place, day, year, expected):
    assert nd30.date_line(place, day, year) == expected


@pytest.mark.parametrize(("number", "expected"), [
    ("5/KH-UBND", "Số: 05/KH-UBND"), ("157/KH-UBND", "Số: 157/KH-UBND"), (None, "Số:      /KH-UBND"),
    ("", "Số:      /KH-UBND"),
])
def test_number_line(number, expected):
    assert nd30.number_line(number) == expected


def test_issuer_lines():
    assert nd30.issuer_lines("Ủy ban nhân dân tỉnh Lào Cai") == ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"]
    assert nd30.issuer_lines("Uỷ ban nhân dân tỉnh Cao Bằng") == ["ỦY BAN NHÂN DÂN", "TỈNH CAO BẰNG"]
    assert nd30.issuer_lines("Sở Nội vụ") == ["SỞ NỘI VỤ"]


def test_document_and_header_block():
    document = nd30.new_document()
    nd30.add_heading_block(document, nd30.Heading(issuer="Sở Nội vụ", parent="Ủy ban nhân dân tỉnh Lào Cai",
                                                  number="7/KH-SNV", symbol="KH-SNV", place="Lào Cai",
                                                  date=datetime.date(2026, 1, 2), title="Về việc tổ chức tập huấn"))
    nd30.add_table(document, ["TT", "Nội dung"], [12, 150], [nd30.SectionRow("QUÝ I", "I"), ["1", "Tập huấn\nlớp 2"]])
    reopened = docx.Document(io.BytesIO(nd30.to_bytes(document)))
    section = reopened.sections[0]
    assert round(nd30.text_width_mm(reopened)) == 165
    assert round(section.left_margin / Mm(1)) == 30
    header = reopened.tables[0]
    left = [(p.text, p.runs[0].bold) for p in header.cell(0, 0).paragraphs if p.text]
    assert left == [("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", False), ("SỞ NỘI VỤ", True)]
    assert header.cell(1, 0).text == "Số: 07/KH-SNV"
    assert [p.text for p in reopened.paragraphs if p.text] == ["KẾ HOẠCH", "Về việc tổ chức tập huấn"]
    table = reopened.tables[1]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["TT", "Nội dung"], ["I", "QUÝ I"], ["1", "Tập huấn\nlớp 2"]]
    assert reopened.styles["Normal"].font.size == Pt(14)
    assert reopened.styles["Normal"].font.name == "Times New Roman"


# --- tables: the Word XML must not change when the table builder is optimised -------------------------------

GOLDEN = Path(__file__).parent / "golden" / "nd30_document.xml"
LONG_TEXT = ("Đã có thành tích xuất sắc tiêu biểu trong phong trào thi đua yêu nước, góp phần quan trọng vào việc "
             "hoàn thành nhiệm vụ chính trị của tỉnh; " * 6).strip()


def _reference_add_table(document, header, widths_mm, rows, *, size=nd30.TABLE_PT):
    """The table builder as it was before it was optimised (python-docx cell by cell), kept as the oracle."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        nd30._cell_paragraph(cell, label, size=size, bold=True, first=True)
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, nd30.SectionRow):
            nd30._cell_paragraph(cells[0], row.label, size=size, bold=True, first=True)
            merged = cells[1].merge(cells[-1]) if len(cells) > 2 else cells[1]
            nd30._cell_paragraph(merged, row.text, size=size, bold=True, align="left", first=True)
            continue
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            lines = (text or "").split("\n")
            align = "center" if index == 0 else ("justify" if index == 1 else "left")
            nd30._cell_paragraph(cell, lines[0], size=size, align=align, first=True)
            for line in lines[1:]:
                nd30._cell_paragraph(cell, line, size=size, align=align)
    nd30._set_widths(table, widths_mm)
    return table


def _canonical_body(document) -> str:
    """word/document.xml of the saved .docx, in canonical XML (C14N 2.0)."""
    with zipfile.ZipFile(io.BytesIO(nd30.to_bytes(document))) as archive:
        return etree.canonicalize(xml_data=archive.read("word/document.xml").decode("utf-8"))


def _representative_document(add_table=nd30.add_table):
    document = nd30.new_document(landscape=False)
    nd30.add_heading_block(document, nd30.Heading(
        issuer="Ủy ban nhân dân tỉnh Lào Cai", number="5/QĐ-UBND", symbol="QĐ-UBND", place="Lào Cai",
        date=datetime.date(2026, 1, 5), doc_type="Quyết định", title="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh"))
    nd30.add_paragraph(document, "Danh sách kèm theo Quyết định", italic=True, align="center", space_after=12)
    add_table(document, ["TT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức", "Ghi chú"], [12, 45, 60, 28, 20], [
        nd30.SectionRow("TẬP THỂ", "I"),
        nd30.SectionRow("Bằng khen của Chủ tịch UBND tỉnh", ""),
        ["1", "Phòng Nghiệp vụ Y, Sở Y tế", "Sở Y tế tỉnh Lào Cai", "Bằng khen", ""],
        ["2", "Trường THPT số 1 huyện Bắc Hà", LONG_TEXT, "Bằng khen", None],
        nd30.SectionRow("CÁ NHÂN", "II"),
        ["3", "Bà Nguyễn Thị Thu Hằng", "Trưởng phòng\nPhòng Tổ chức cán bộ\n\nSở Nội vụ", "Bằng khen", "Lần 2"],
        ["4", "  Ông Lê Văn Đức  ", "Phó Giám đốc\tSở Tài chính", "", "dòng 1\r\ndòng 2"],
        ["", "", "", "", ""],
        nd30.SectionRow("Tổng cộng: 4 tập thể, cá nhân\n(kèm theo)", "III"),
    ])
    nd30.add_paragraph(document, "Hai cột: dòng nhóm không cần gộp ô.")
    add_table(document, ["TT", "Nội dung"], [12, 150], [nd30.SectionRow("QUÝ I", "I"), ["1", "Tập huấn\nlớp 2"]])
    nd30.add_paragraph(document, "Thiếu độ rộng cột: cột cuối giữ độ rộng mặc định.")
    add_table(document, ["TT", "Đơn vị", "Điểm", "Hạng"], [12, 90], [
        ["1", "Sở Y tế", "95,5", "1"], nd30.SectionRow("Khối huyện", "B"), ["2", "Huyện Bát Xát", "90", "2"],
    ], size=12)
    add_table(document, ["Ghi chú"], [165], [["Một cột"], [""]])
    return document


def test_document_xml_matches_the_golden_file():
    """The golden file was written by the cell-by-cell builder; the document must stay byte-identical in C14N."""
    actual = _canonical_body(_representative_document())
    expected = GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.replace("><", ">\n<").splitlines(),
                                    actual.replace("><", ">\n<").splitlines(), "golden", "actual", lineterm="", n=2)
        pytest.fail("\n".join(list(diff)[:60]))


def test_document_xml_matches_the_reference_builder():
    assert _canonical_body(_representative_document()) == _canonical_body(
        _representative_document(_reference_add_table))


def test_table_reopens_with_merged_section_rows_and_lines():
    reopened = docx.Document(io.BytesIO(nd30.to_bytes(_representative_document())))
    table = reopened.tables[1]
    assert len(table.rows) == 10
    assert [c.text for c in table.rows[1].cells] == ["I"] + ["TẬP THỂ"] * 4
    assert table.rows[0]._tr.trPr is not None  # the header repeats on every page
    assert [p.text for p in table.cell(6, 2).paragraphs] == ["Trưởng phòng", "Phòng Tổ chức cán bộ", "",
                                                                "Sở Nội vụ"]
    assert table.cell(4, 2).text == LONG_TEXT
    assert [table.cell(6, i).paragraphs[0].runs[0].bold for i in range(5)] == [False] * 5
    assert table.cell(5, 1).paragraphs[0].runs[0].bold is True
    assert table.cell(3, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert table.cell(3, 2).paragraphs[0].runs[0].font.size == Pt(13)
    assert round(table.columns[2].width / Mm(1)) == 60


@pytest.mark.parametrize("row", [["1", "thiếu một ô"], ["1", "2", "3", "4", "5", "thừa"]])
def test_row_of_the_wrong_length_is_refused(row):
    with pytest.raises(ValueError, match=r"^(?:a row of 2 cells in a table of 5 columns|a row of 6 cells in a table of 5 columns)$"):
        nd30.add_table(nd30.new_document(), ["TT", "A", "B", "C", "D"], [12, 40, 40, 40, 30], [row])


CELL_TEXT = st.text(alphabet=st.sampled_from("aăâđêôơư ÀẠỸ\n\t\r1-,."), max_size=12) | st.none()


@settings(max_examples=25, deadline=None)
@given(columns=st.integers(min_value=2, max_value=5), data=st.data())
def test_any_table_matches_the_reference_builder(columns, data):
    row_strategy = st.lists(CELL_TEXT, min_size=columns, max_size=columns) | st.builds(
        nd30.SectionRow, st.text(alphabet="ÁBC \n", max_size=6), st.sampled_from(["", "I", "II"]))
    rows = data.draw(st.lists(row_strategy, max_size=6))
    widths = data.draw(st.lists(st.integers(min_value=5, max_value=60), min_size=1, max_size=columns))
    header = [f"Cột {i}" for i in range(columns)]
    built, reference = nd30.new_document(), nd30.new_document()
    nd30.add_table(built, header, widths, rows)
    _reference_add_table(reference, header, widths, rows)
    assert _canonical_body(built) == _canonical_body(reference)


@settings(max_examples=25, deadline=None)
@given(texts=st.lists(CELL_TEXT.map(lambda text: text or ""), max_size=6),
       style=st.fixed_dictionaries({}, optional={
           "bold": st.booleans(), "italic": st.booleans(), "align": st.sampled_from(["left", "center", "justify"]),
           "first_line_mm": st.sampled_from([0, 10]), "space_after": st.sampled_from([0, 3, 6]),
           "size": st.sampled_from([12, 14])}))
def test_add_paragraphs_writes_what_add_paragraph_writes(texts, style):
    built, reference = nd30.new_document(), nd30.new_document()
    for document in (built, reference):
        nd30.add_paragraph(document, "Trước")
    nd30.add_paragraphs(built, texts, **style)
    for text in texts:
        nd30.add_paragraph(reference, text, **style)
    for document in (built, reference):
        nd30.add_paragraph(document, "Sau")
    assert _canonical_body(built) == _canonical_body(reference)


def test_add_paragraphs_in_a_table_cell():
    document = nd30.new_document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    nd30.add_paragraphs(cell, ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."], size=11, align="left")
    assert [p.text for p in cell.paragraphs] == ["", "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."]
    assert cell.paragraphs[2].runs[0].font.size == Pt(11)
