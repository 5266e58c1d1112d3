"""The Decree-30 Word builder: number and date lines, issuer lines, page set-up, header block."""

import datetime
import io

import docx
import pytest
from docx.shared import Mm, Pt

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
