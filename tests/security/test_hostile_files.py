"""Hostile files cost nothing (issue 14, item 3): each attack goes through the real import function (or view) and
is refused with its message, or read as the harmless file it really is. Every test also asserts what the
reader visited (never more than the limits: tdkt.lib.safefiles.observe_reading) and the peak of Python memory
during the import (tracemalloc, under 50 MB). Times and RSS are measured in the benchmarks, not here.
"""

from __future__ import annotations

import re
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass, field

import docx.oxml
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from lxml import etree

from tdkt.dossiers.nominees import parsing as nominee_parsing
from tdkt.dossiers.nominees.parsing import ListFileError
from tdkt.lib import docparse
from tdkt.lib.docparse import TooLargeError
from tdkt.lib.safefiles import ReadStats, observe_reading
from tdkt.lib.uploads import SniffedUpload
from tdkt.movements.scoring import importing as scoring_import
from tdkt.people import imports as people_import
from tdkt.people.models import Person
from tests.conftest import client_for
from tests.security import hostile

MEMORY_LIMIT = 50 * 1024 * 1024
PEOPLE_HEADER = ["STT", "Họ và tên", "Năm sinh"]
NOMINEE_HEADER = ["STT", "Họ và tên", "Hình thức đề nghị"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@dataclass
class Cost:
    peak: int = 0
    readers: list[ReadStats] = field(default_factory=list)


@contextmanager
def cost():
    """Peak Python memory (tracemalloc) and the ReadStats of every sheet reader opened inside the block."""
    measured = Cost()
    tracemalloc.start()
    try:
        with observe_reading() as readers:
            measured.readers = readers
            yield measured
    finally:
        measured.peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def with_ratio(message: str, data: bytes, entry: str) -> str:
    """The message with the entry's compression ratio filled in (it depends on the zlib that built the file)."""
    return message.format(ratio=hostile.ratio_of(data, entry)) if "{ratio}" in message else message


def xlsx(data: bytes, name: str = "danh-sach.xlsx") -> SniffedUpload:
    return SniffedUpload(kind="xlsx", mime="", data=data, name=name)


@pytest.fixture(scope="module")
def two_million_empty_rows() -> bytes:
    return hostile.empty_rows_sheet(NOMINEE_HEADER, 2_000_000)


# --- spreadsheets --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_sheet_declaring_a1_xfd8000_is_read_as_the_three_rows_it_holds(world):
    data = hostile.declared_dimension_sheet(PEOPLE_HEADER, [["1", "Lê Văn Dài", "1980"], ["2", "Trần Thị Rộng", "1985"]])
    client = client_for(world, "clerk_a")
    upload = SimpleUploadedFile("khai-bao-lon.xlsx", data, content_type="application/octet-stream")
    with cost() as spent:
        response = client.post(reverse("people:import"), {"unit": world.unit_a.pk, "file": upload})
    assert response.status_code == 302
    assert sorted(Person.objects.filter(unit=world.unit_a, full_name__in=["Lê Văn Dài", "Trần Thị Rộng"])
                  .values_list("full_name", "birth_year")) == [("Lê Văn Dài", 1980), ("Trần Thị Rộng", 1985)]
    assert spent.readers == [ReadStats(rows=3, row_elements=3, cells=9, elements=spent.readers[0].elements)]
    assert spent.peak < MEMORY_LIMIT


@pytest.mark.parametrize(("far_row", "message", "cells"), [
    (8000, "khai-bao-lon.xlsx: the sheet has more than 6.000 rows, counting empty or formatted rows; reading stopped "
           "at row 6001. Delete the empty rows under the list or split it into several files.", 6),
    (5, "khai-bao-lon.xlsx: cell XFD5 is beyond the first 60 columns that are read; move or delete it.", 7),
])
def test_a_value_really_in_column_xfd_is_refused_without_padding_anything(far_row, message, cells):
    data = hostile.declared_dimension_sheet(PEOPLE_HEADER, [["1", "Lê Văn Dài", "1980"]], far_row=far_row)
    with cost() as spent:
        report = people_import.import_people(xlsx(data, "khai-bao-lon.xlsx"), unit=None, by=None)
    assert report.errors == [message]
    assert report.created == 0
    [stats] = spent.readers
    assert (stats.row_elements, stats.cells) == (3, cells)  # the two real rows (and the far cell): nothing padded
    assert stats.rows <= people_import.SHEET_LIMITS.max_rows + 1
    assert spent.peak < MEMORY_LIMIT


def test_two_million_empty_rows_are_refused_at_the_row_limit(two_million_empty_rows):
    limit = nominee_parsing.SHEET_LIMITS.max_rows
    with cost() as spent, pytest.raises(ListFileError, match=(
            r"^rong\.xlsx: the sheet has more than 12\.000 rows, counting empty or formatted rows; reading stopped "
            r"at row 12001\. Delete the empty rows under the list or split it into several files\.$")):
        nominee_parsing.read_rows("xlsx", two_million_empty_rows, "rong.xlsx")
    # The header search reads the top rows (the 16th ends it), then the sheet is read until the limit, not a row more.
    assert [(s.rows, s.row_elements) for s in spent.readers] == [(16 + limit + 1, 16 + limit + 1)]
    assert spent.peak < MEMORY_LIMIT


def test_a_row_number_jump_to_two_million_costs_nothing():
    rows = hostile.header_rows(NOMINEE_HEADER, [["1", "Nguyễn Văn An", "Lao động tiên tiến"]])
    rows.append(hostile.inline_row(2_000_000, {"A": "2"}))
    data = hostile.rewrite(hostile.workbook([["x"]]), {hostile.SHEET: lambda _old: hostile.sheet_xml(rows)})
    with cost() as spent, pytest.raises(ListFileError, match=r"^nhay\.xlsx: the sheet has more than 12\.000 rows, "
                                                             r"counting empty or formatted rows; reading stopped at row "
                                                             r"12001\. "):
        nominee_parsing.read_rows("xlsx", data, "nhay.xlsx")
    assert spent.readers[-1].row_elements == 3 and spent.readers[-1].cells == 6
    assert spent.peak < MEMORY_LIMIT


def test_a_cell_count_bomb_is_refused_at_the_cell_cap():
    limits = scoring_import.SHEET_LIMITS
    data = hostile.cell_bomb_sheet(["Mã", "Tiêu chí"], rows=1_000, cells_per_row=30)  # 30,000 empty formatted cells
    with cost() as spent:
        rows, errors = scoring_import.read_rows(data, "tieu-chi.xlsx")
    assert (rows, errors) == ([], [
        "tieu-chi.xlsx: the sheet has more than 20.000 cells (empty formatted cells included); reading stopped at row "
        "668. Delete the unused rows and columns or split the file."])
    [stats] = spent.readers
    assert stats.cells == limits.max_cells + 1
    assert stats.rows <= limits.max_rows
    assert spent.peak < MEMORY_LIMIT


@pytest.mark.parametrize(("build", "message"), [
    (lambda: hostile.zip_bomb_xlsx(40), "bom.xlsx: part “xl/media/image1.png” is compressed {ratio} times, more than "
                                        "the limit of 200 times; it is not an ordinary Office file (a “zip bomb”)."),
    (lambda: hostile.billion_laughs_xlsx(hostile.SHEET),
     "bom.xlsx: part “xl/worksheets/sheet1.xml” declares a document type (DTD), which Office files never do; the "
     "file is refused."),
    (lambda: hostile.billion_laughs_xlsx("xl/styles.xml"),
     "bom.xlsx: part “xl/styles.xml” declares a document type (DTD), which Office files never do; the file is "
     "refused."),
    (lambda: hostile.billion_laughs_xlsx("xl/workbook.xml"),
     "bom.xlsx: part “xl/workbook.xml” declares a document type (DTD), which Office files never do; the file is "
     "refused."),
])
def test_zip_and_xml_bombs_are_refused_before_openpyxl_opens_the_workbook(build, message):
    data = build()
    with cost() as spent:
        report = people_import.import_people(xlsx(data, "bom.xlsx"), unit=None, by=None)
    assert report.errors == [with_ratio(message, data, "xl/media/image1.png")]
    assert spent.readers == [ReadStats()]  # refused before a single row was read
    assert spent.peak < MEMORY_LIMIT


def test_a_sheet_padded_with_forty_megabytes_of_spaces_is_streamed_harmlessly():
    data = hostile.ratio_bomb_xlsx(40)
    with cost() as spent:
        rows = nominee_parsing.read_rows("xlsx", data, "dem.xlsx")
    assert rows == [(1, ["Họ và tên"]), (2, ["Nguyễn Văn An"])]
    assert spent.peak < MEMORY_LIMIT


def test_formulas_are_never_read_as_values():
    with cost() as spent:
        rows = nominee_parsing.read_rows("xlsx", hostile.formula_sheet(), "cong-thuc.xlsx")
    # The value the writing program cached is read; a formula without one is empty, never its text.
    assert rows == [(1, ["Họ và tên", "Năm sinh"]), (2, ["Nguyễn Văn An", "1980"]), (3, ["", "1985"])]
    assert [stats.cells for stats in spent.readers] == [12]  # the header search, then the list: 6 cells each
    assert spent.peak < MEMORY_LIMIT


# --- CSV -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "message"), [
    (("Họ và tên\n" + "\n" * 20_000).encode(),
     "rong.csv: the file has more than 6.000 lines, counting empty lines; reading stopped at line 6001. Delete the "
     "empty lines under the list or split it."),
    (("Họ và tên\n" + "," * 1_000_000 + "\n").encode(),
     "rong.csv, line 2: the line is longer than 262.144 characters."),
    (("Họ và tên\n" + ",x" * 100 + "\n").encode(),
     "rong.csv, line 2: there are values beyond the first 60 columns that are read; move or delete them."),
])
def test_csv_lines_and_columns_are_capped(data, message):
    with cost() as spent:
        report = people_import.import_people(SniffedUpload(kind="csv", mime="text/csv", data=data, name="rong.csv"),
                                             unit=None, by=None)
    assert report.errors == [message]
    assert spent.peak < MEMORY_LIMIT + len(data) * 4  # the text itself (≤ 1 MB here) is decoded once


# --- Word and PDF --------------------------------------------------------------------------------------------

DOCX_REFUSALS = [
    (lambda: hostile.zip_bomb_docx(40), "Phần «word/document.xml» của tệp bom.docx bị nén {ratio} lần, vượt giới hạn "
                                        "200 lần: đây không phải văn bản Word thông thường (bom nén)."),
    (hostile.billion_laughs_docx, "Phần «word/document.xml» của tệp bom.docx khai báo kiểu tài liệu (DTD), điều văn "
                                  "bản Word không bao giờ có: tệp bị từ chối."),
    (hostile.grid_span_docx, "Tệp bom.docx: dòng 1 của bảng thứ 1 có ô trải trên «1000000000» cột, vượt giới hạn 63 "
                             "cột của Word."),
]


@pytest.mark.parametrize(("build", "message"), DOCX_REFUSALS)
def test_hostile_word_lists_are_refused_by_the_nominee_import(build, message):
    data = build()
    message = with_ratio(message, data, "word/document.xml")
    with cost() as spent, pytest.raises(ListFileError, match=f"^{re.escape(message)}$"):
        nominee_parsing.read_rows("docx", data, "bom.docx")
    assert spent.peak < MEMORY_LIMIT


@pytest.mark.parametrize(("build", "message"), DOCX_REFUSALS)
def test_hostile_word_plans_are_refused_by_the_document_reader(build, message):
    data = build()
    message = with_ratio(message, data, "word/document.xml")
    with cost() as spent, pytest.raises(TooLargeError, match=f"^{re.escape(message)}$"):
        docparse.read_bytes(data, "bom.docx")
    assert spent.peak < MEMORY_LIMIT


def test_python_docx_would_not_expand_the_entities_either():
    """Defence in depth: even without our DTD check, the billion laughs cost python-docx nothing: its lxml parser
    does not resolve entities and libxml2 stops the amplification at once."""
    xml = hostile.BILLION_LAUGHS.encode() + (b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                                             b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t>'
                                             b'</w:r></w:p></w:body></w:document>')
    with cost() as spent, pytest.raises(etree.XMLSyntaxError, match=r"^Maximum entity amplification factor exceeded"):
        docx.oxml.parse_xml(xml)
    assert spent.peak < MEMORY_LIMIT


@pytest.mark.parametrize(("build", "message"), [
    (lambda: hostile.many_pages_pdf(101), "Văn bản có 101 trang, vượt giới hạn 100 trang của một kế hoạch: hãy tách "
                                          "riêng phần kế hoạch và phụ lục nhiệm vụ rồi nhập lại."),
    (lambda: hostile.many_pages_pdf(2, declared=1_000_000), "Văn bản có 1000000 trang, vượt giới hạn 100 trang của một "
                                                            "kế hoạch: hãy tách riêng phần kế hoạch và phụ lục nhiệm "
                                                            "vụ rồi nhập lại."),
    (lambda: hostile.many_objects_pdf(60_000), "Tệp PDF có 60.005 đối tượng, vượt giới hạn 50.000 đối tượng của một "
                                               "văn bản; hãy tách văn bản rồi nhập lại."),
    (lambda: hostile.bomb_stream_pdf(64), "Trang 1: tệp PDF có luồng dữ liệu giải nén vượt 16 MB hoặc cấu trúc trang "
                                          "bất thường (không phải văn bản xuất thông thường); hãy xuất lại PDF từ Word "
                                          "rồi nhập lại."),
])
def test_hostile_pdfs_are_refused_within_the_limits(build, message):
    data = build()
    with cost() as spent, pytest.raises(TooLargeError, match=f"^{re.escape(message)}$"):
        docparse.read_bytes(data, "ke-hoach.pdf")
    assert spent.peak < MEMORY_LIMIT


def test_refusals_are_in_vietnamese_for_a_vietnamese_request():
    with translation.override("vi"):
        report = people_import.import_people(xlsx(hostile.billion_laughs_xlsx(), "bom.xlsx"), unit=None, by=None)
    assert report.errors == ["bom.xlsx: phần «xl/worksheets/sheet1.xml» khai báo kiểu tài liệu (DTD), điều tệp Office "
                             "không bao giờ có; tệp bị từ chối."]
