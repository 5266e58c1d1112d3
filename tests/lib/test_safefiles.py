"""tdkt.lib.safezip and tdkt.lib.safefiles: every check of the container, and the streaming reader's rows, columns,
cells and formulas. The attacks through the real importers are in tests/security/test_hostile_files.py."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tdkt.lib.safefiles import ReadStats, SheetLimitError, SheetLimits, SheetReader, read_sheet_rows
from tdkt.lib.safezip import MB, ZipLimitError, ZipLimits, check_zip
from tdkt.lib.uploads import UploadError, csv_rows
from tests.security import hostile


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def archive(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        for name, content in entries.items():
            target.writestr(name, content)
    return out.getvalue()


# --- the container ---------------------------------------------------------------------------------------------

XML = b'<?xml version="1.0"?><root/>'
SMALL = ZipLimits(max_entries=3, max_total_bytes=2 * MB, max_xml_part_bytes=MB // 2, max_ratio=50,
                  ratio_floor_bytes=1024, streamed_prefixes=("sheets/",))


@pytest.mark.parametrize(("data", "kind", "entry", "value", "limit"), [
    (b"PK\x03\x04 not really a zip", "not_zip", "", 0, 0),
    (archive({f"p{i}.xml": XML for i in range(4)}), "entries", "", 4, 3),
    (archive({"a.bin": b"x"}, zipfile.ZIP_BZIP2), "compression", "a.bin", zipfile.ZIP_BZIP2, 0),
    (archive({"a.bin": bytes(1024 * 1024), "b.bin": bytes(1024 * 1024 + 1)}, zipfile.ZIP_STORED), "total", "b.bin", 2 * MB + 1, 2 * MB),
    (archive({"styles.xml": b"<a>" + b" " * (MB // 2) + b"</a>"}, zipfile.ZIP_STORED), "part", "styles.xml",
     MB // 2 + 7, MB // 2),
    (archive({"a.bin": bytes(100_000)}), "ratio", "a.bin", None, 50),
    (archive({"styles.xml": hostile.BILLION_LAUGHS.encode() + b"<a>&lol9;</a>"}), "dtd", "styles.xml", 0, 0),
    (archive({"x.rels": b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://example.invalid/r.dtd"><r/>'}), "dtd",
     "x.rels", 0, 0),
])
def test_check_zip_refuses_each_kind_of_hostile_container(data, kind, entry, value, limit):
    with pytest.raises(ZipLimitError, match=f"^{kind}") as refused:
        check_zip(data, SMALL)
    error = refused.value
    if value is None:  # the ratio depends on the zlib at hand
        info = zipfile.ZipFile(io.BytesIO(data)).getinfo(entry)
        value = info.file_size // info.compress_size
    assert (error.kind, error.entry, error.value, error.limit) == (kind, entry, value, limit)


def test_check_zip_lets_streamed_parts_be_large_and_highly_compressed():
    sheet = b"<worksheet>" + b" " * (MB + 1) + b"</worksheet>"
    check_zip(archive({"sheets/sheet1.xml": sheet, "styles.xml": XML}), SMALL)


def test_the_directory_is_capped_before_zipfile_reads_it():
    """The end record's count and directory size are read by hand: a million-entry directory is never parsed."""
    data = archive({f"{i:04d}.xml": b"" for i in range(40)})
    with pytest.raises(ZipLimitError, match="^entries") as refused:
        check_zip(data, ZipLimits(max_entries=10))
    assert (refused.value.value, refused.value.limit) == (40, 10)


def test_zipfile_never_returns_more_than_an_entry_declares():
    """Why declared sizes bound what any reader gets: an entry whose data is longer than its declared size is cut
    there, and the CRC check then refuses it."""
    data = bytearray(archive({"a.xml": b"<a>" + b"x" * 10_000 + b"</a>"}))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("a.xml")
    directory = bytes(data).rindex(b"PK\x01\x02")
    data[directory + 24:directory + 28] = (100).to_bytes(4, "little")  # the declared uncompressed size, lowered
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as lied, pytest.raises(zipfile.BadZipFile,
                                                                         match=r"^Bad CRC-32 for file 'a\.xml'$"):
        assert len(lied.read("a.xml")) == 100 < info.file_size


# --- the sheet reader ------------------------------------------------------------------------------------------


def sheet(rows: list[bytes], dimension: str = "A1:C3") -> bytes:
    return hostile.rewrite(hostile.workbook([["x"]]), {hostile.SHEET: lambda _old: hostile.sheet_xml(rows, dimension=dimension)})


LIMITS = SheetLimits(max_rows=10, max_columns=5, max_cells=20)


@pytest.mark.parametrize(("rows", "message", "stats"), [
    ([b'<row r="1"/>'] * 11, "t.xlsx: the sheet has more than 10 rows, counting empty or formatted rows; reading "
                             "stopped at row 1. ", ReadStats(rows=11, row_elements=11)),
    ([b'<row r="1"/>', b'<row r="500000"/>'], "t.xlsx: the sheet has more than 10 rows, counting empty or formatted "
                                              "rows; reading stopped at row 11. ", ReadStats(rows=11, row_elements=2)),
    ([b"<row>" + b'<c s="1"/>' * 21 + b"</row>"], "t.xlsx: the sheet has more than 20 cells (empty formatted cells "
                                                 "included); reading stopped at row 1. ",
     ReadStats(rows=1, row_elements=1, cells=21)),
    ([hostile.inline_row(2, {"F": "x"})], "t.xlsx: cell F2 is beyond the first 5 columns that are read; move or "
                                          "delete it.", ReadStats(rows=2, row_elements=1, cells=1)),
    ([b'<row r="1"><c r="A2"><v>1</v></c></row>'], "t.xlsx: the Excel file cannot be read; open it in Excel and "
                                                   "save it again as .xlsx.", ReadStats(rows=1, row_elements=1, cells=1)),
])
def test_the_reader_stops_at_each_limit(rows, message, stats):
    with SheetReader(sheet(rows), name="t.xlsx", limits=LIMITS) as book, \
            pytest.raises(SheetLimitError, match=f"^{re.escape(message)}"):
        list(book.rows())
    assert (book.stats.rows, book.stats.row_elements, book.stats.cells) == (stats.rows, stats.row_elements, stats.cells)


def test_empty_formatted_cells_beyond_the_columns_are_skipped_and_gaps_are_not_padded():
    rows = [hostile.inline_row(1, {"A": "a", "C": "c"}), b'<row r="4"><c r="B4"><v>2</v></c><c r="Z4" s="1"/></row>']
    assert read_sheet_rows(sheet(rows, "A1:XFD8000"), name="t.xlsx", limits=LIMITS) == [
        (1, ["a", None, "c"]), (4, [None, 2])]


@pytest.mark.parametrize(("formulas", "expected"), [
    ("cached", [(1, ["Họ và tên", "Năm sinh"]), (2, ["Nguyễn Văn An", 1980]), (3, [None, 1985])]),
    ("text", [(1, ["Họ và tên", "Năm sinh"]), (2, ['="Nguyễn "&"Văn An"', 1980]),
              (3, ['=HYPERLINK("http://example.invalid","Trần Thị Bình")', 1985])]),
])
def test_formulas_are_read_cached_or_as_text_never_evaluated(formulas, expected):
    assert read_sheet_rows(hostile.formula_sheet(), name="f.xlsx", formulas=formulas) == expected


def test_a_formula_is_refused_naming_its_cell():
    with pytest.raises(SheetLimitError, match=r"^f\.xlsx: cell A2 contains a formula; paste the values instead\.$"):
        read_sheet_rows(hostile.formula_sheet(), name="f.xlsx", formulas="refuse")


def test_each_reading_of_a_sheet_has_the_whole_row_limit():
    data = hostile.workbook([[n] for n in range(1, 9)])
    with SheetReader(data, name="t.xlsx", limits=LIMITS) as book:
        assert [n for n, _values in book.rows(last_row=3)] == [1, 2, 3]
        assert [n for n, _values in book.rows()] == list(range(1, 9))
    assert (book.stats.rows, book.stats.row_elements) == (4 + 8, 4 + 8)


cell_values = st.one_of(st.none(), st.integers(-10**9, 10**9),
                        st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)
                        .filter(lambda text: text.strip() == text and text and not text.startswith("=")),
                        st.dates(datetime.date(1900, 3, 1), datetime.date(2100, 1, 1)))


@given(st.lists(st.lists(cell_values, max_size=5), max_size=8))
def test_the_reader_reads_what_openpyxl_wrote(rows):
    """Whatever an ordinary writer puts in a sheet, the streaming reader gives back the same values, row by row."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    expected = []
    for number, row in enumerate(rows, 1):
        while row and row[-1] is None:
            row = row[:-1]
        if row:
            expected.append((number, [datetime.datetime.combine(v, datetime.time()) if isinstance(v, datetime.date)
                                      else v for v in row]))
    assert read_sheet_rows(buffer.getvalue(), name="t.xlsx", limits=SheetLimits(max_columns=5)) == expected


# --- CSV -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "message"), [
    ("a\n" * 4, "t.csv: the file has more than 3 lines, counting empty lines; reading stopped at line 4. Delete the "
                "empty lines under the list or split it."),
    ("a,b\n" + "," * 50 + "\n", "t.csv, line 2: the line is longer than 40 characters."),
    ("a,b\n1,2,3,4\n", "t.csv, line 2: there are values beyond the first 3 columns that are read; move or delete "
                       "them."),
])
def test_csv_rows_are_capped(text, message):
    with pytest.raises(UploadError, match=f"^{re.escape(message)}$"):
        list(csv_rows(text.encode(), name="t.csv", max_rows=3, max_columns=3, max_line_chars=40))


def test_a_csv_cell_longer_than_the_csv_module_allows_is_refused_with_its_line():
    text = 'a,b\n"' + ("x" * 30 + "\n") * 5_000 + '",1\n'
    with pytest.raises(UploadError, match=r"^t\.csv, line 4230: the line cannot be read as CSV \(a quotation mark is "
                                          r"not closed or a cell is longer than 128 KB\)\.$"):
        list(csv_rows(text.encode(), name="t.csv"))


def test_csv_trailing_empty_columns_beyond_the_limit_are_dropped():
    assert list(csv_rows(b"a,b,c,,,,\n1,2,3,,,\n", name="t.csv", max_columns=3)) == [["a", "b", "c"], ["1", "2", "3"]]
