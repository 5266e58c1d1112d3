"""The annex table of a PDF exported from Word (tdkt.lib.awarddoc.layout): the plain text layer interleaves the
wrapped title column with the authors', so the table is rebuilt from pypdf's layout text — the header's columns
on its page, columns inferred again on a page continuing it (each page is laid out at its own scale), a row per
ruled block. Property-tested on laid-out text made here; a real PDF made with fpdf2 read end to end."""

from hypothesis import given
from hypothesis import strategies as st

from tdkt.lib.awarddoc import INITIATIVE_DECISION, read_award_bytes
from tdkt.lib.awarddoc.initiatives import is_chrome_line
from tdkt.lib.awarddoc.layout import layout_tables
from tests.documents.initiative_decisions import ROWS, table_pdf

FILLER = "Giải pháp nâng cao hiệu quả công tác thi đua, khen thưởng tại cơ sở số {n} trên địa bàn huyện vùng cao"


def _summary(reading) -> list[tuple]:
    return [(entry.number, entry.title, [(a.name, a.share) for a in entry.authors]) for entry in reading.initiatives]


def test_a_pdf_whose_annex_table_runs_onto_a_second_page_reads_every_initiative():
    reading = read_award_bytes(table_pdf(extra=14), "qd-1520.pdf", ocr=False)
    assert (reading.kind, reading.number, reading.scope, reading.warnings) == (
        INITIATIVE_DECISION, "1520/QĐ-UBND", "TINH", [])
    assert _summary(reading) == [
        ("1", ROWS[0][1], [("Nguyễn Văn An", 60), ("Trần Thị Bình", 40)]),
        ("2", ROWS[1][1], [("Lê Văn Cường", None), ("Phạm Thị Dung", None)]),
        ("3", ROWS[2][1], [("Hoàng Văn Em", None), ("Vũ Thị Giang", None)]),
        *[(str(4 + n), FILLER.format(n=n + 1), [("Lò Văn Khánh", None)]) for n in range(14)]]
    assert {entry.page is None for entry in reading.initiatives} == {True}


def test_the_header_repeated_on_the_next_page_is_not_an_initiative():
    reading = read_award_bytes(table_pdf(extra=14, repeat_header=True), "qd-1520.pdf", ocr=False)
    assert (len(reading.initiatives), reading.warnings) == (17, [])
    assert [entry.number for entry in reading.initiatives] == [str(n) for n in range(1, 18)]


# Words of titles and names, none an honorific (a cell line beginning with one starts the next author's line).
WORD = st.sampled_from(["quản", "lý", "hồ", "sơ", "số", "hóa", "phần", "mềm", "giải", "pháp", "nâng", "cao",
                        "chất", "lượng", "dạy", "học", "Nguyễn", "Văn", "Trần", "Thị", "Lò", "Khánh", "huyện",
                        "xã", "tỉnh", "y", "tế", "(60%),", "Sở", "Nội", "vụ;"])
CELL = st.lists(WORD, min_size=1, max_size=12).map(" ".join)


def _wrapped(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def _laid_out(rows: list[tuple[str, str, str]], starts=(0, 6, 40), widths=(4, 30, 24), indent: int = 0) -> str:
    """Text as pypdf's layout mode gives it: each cell wrapped in its column, the number on the row's first
    line, a blank line between rows."""
    lines = [" " * indent + "TT".ljust(starts[1]) + "Tên sáng kiến".ljust(starts[2] - starts[1]) + "Tác giả", ""]
    for row in rows:
        cells = [_wrapped(text, width) for text, width in zip(row, widths, strict=True)]
        for at in range(max(len(cell) for cell in cells)):
            line = ""
            for cell, start in zip(cells, starts, strict=True):
                if at < len(cell):
                    line = line.ljust(start) + cell[at]
            lines.append(" " * indent + line)
        lines.append("")
    return "\n".join(lines)


@given(st.lists(st.tuples(st.integers(1, 999).map(str), CELL, CELL), min_size=1, max_size=6),
       st.integers(0, 8))
def test_every_cell_of_a_laid_out_table_is_read_back_whole(rows, indent):
    (table, has_header), = layout_tables([_laid_out(rows, indent=indent)], [1], is_chrome_line).values()
    assert has_header
    assert [row.cells for row in table.rows[1:]] == [tuple(" ".join(cell.split()) for cell in row) for row in rows]
