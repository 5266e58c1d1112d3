"""tdkt.lib.uploads.sniff_upload: the kind comes from the bytes, never from the file name; size limit;
CSV must be UTF-8. Every refusal names the field.

Messages are asserted exactly in English (the source language) under override("en"); one test checks
that under "vi" the message still names the field, whatever the state of the vi catalogue.
"""

import io
import random
import re
import struct
import zlib

import docx
import openpyxl
import pytest
from django.utils import translation

from tdkt.lib.uploads import SniffedUpload, UploadError, sniff_upload

MB = 1024 * 1024
FIELD = "Tệp đính kèm"
ALL_KINDS = {"pdf", "docx", "xlsx", "image", "csv"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def sniff(data: bytes, allowed=frozenset(ALL_KINDS), max_bytes=MB) -> SniffedUpload:
    return sniff_upload(data, allowed=set(allowed), max_bytes=max_bytes, field_label=FIELD)


def refusal(data: bytes, allowed=frozenset(ALL_KINDS), max_bytes=MB) -> str:
    with pytest.raises(UploadError, match=f"^{re.escape(FIELD)}: ") as info:  # callers compare the whole message
        sniff(data, allowed, max_bytes)
    return str(info.value)


# --- real files, built in memory ---------------------------------------------------------------------


def tiny_pdf() -> bytes:
    """A minimal but complete one-page PDF 1.4 (catalog, pages, page, xref table with exact offsets)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def tiny_png() -> bytes:
    """A valid 1×1 RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(
        b"IEND", b""
    )


def tiny_xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Giới tính"])
    book.active.append(["Nguyễn Văn An", "Nam"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def tiny_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Tờ trình đề nghị khen thưởng")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 200
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
RANDOM_BINARY = bytes(range(256)) * 4  # contains NUL bytes, no known magic number


def test_the_built_pdf_is_well_formed():
    data = tiny_pdf()
    assert data.startswith(b"%PDF-1.4\n")
    assert data.endswith(b"%%EOF\n")
    xref_at = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref_at:].startswith(b"xref\n")


@pytest.mark.parametrize(
    ("make", "kind", "mime"),
    [
        (tiny_pdf, "pdf", "application/pdf"),
        (tiny_xlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (tiny_docx, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (tiny_png, "image", "image/png"),
    ],
    ids=["pdf", "xlsx", "docx", "png"],
)
def test_real_files_are_recognised_from_their_bytes(make, kind, mime):
    data = make()
    assert sniff(data) == SniffedUpload(kind=kind, mime=mime, data=data)


def test_utf8_csv_is_accepted_as_csv():
    data = "Họ và tên,Giới tính\nNguyễn Văn An,Nam\n".encode()
    assert sniff(data) == SniffedUpload(kind="csv", mime="text/csv", data=data)


def test_utf8_csv_with_bom_is_accepted():
    data = "\ufeffHọ và tên\nĐặng Thị Đào\n".encode()
    assert sniff(data, {"csv"}) == SniffedUpload(kind="csv", mime="text/csv", data=data)


def test_a_real_kind_that_is_not_allowed_is_refused():
    assert refusal(tiny_docx(), {"pdf"}) == f"{FIELD}: this type of file is not accepted. Accepted: PDF file."
    assert refusal(tiny_pdf(), {"xlsx", "csv"}) == f"{FIELD}: this type of file is not accepted. Accepted: CSV text file, Excel file (XLSX)."


@pytest.mark.parametrize("data", [ELF, WINDOWS_EXE, RANDOM_BINARY], ids=["elf", "exe", "random"])
def test_executables_and_random_bytes_are_refused_whatever_they_are_called(data):
    # sniff_upload never sees the file name: a program saved as "to-trinh.pdf" is judged by its bytes.
    assert refusal(data, {"pdf", "docx"}) == f"{FIELD}: this type of file is not accepted. Accepted: Word file (DOCX), PDF file."
    assert refusal(data) == (
        f"{FIELD}: this type of file is not accepted. Accepted: CSV text file, Word file (DOCX), image (JPEG, PNG), PDF file, Excel file (XLSX)."
    )


def test_text_is_not_taken_for_a_pdf():
    # A text file whose name says .pdf is still just text: refused when only PDF is allowed.
    data = b"This is not a PDF, whatever the name says.\n"
    assert refusal(data, {"pdf"}) == f"{FIELD}: this type of file is not accepted. Accepted: PDF file."


def test_empty_file_is_refused():
    assert refusal(b"") == f"{FIELD}: the file is empty."


def test_oversized_file_is_refused_with_both_sizes():
    data = b"a" * (MB + MB // 2)  # 1.5 MB of text
    assert refusal(data, max_bytes=MB) == f"{FIELD}: the file is 1,5 MB, larger than the limit of 1 MB."


def test_oversized_check_comes_before_sniffing():
    data = tiny_pdf() + b"\x00" * (3 * MB)
    assert len(data) > 3 * MB
    assert refusal(data, max_bytes=2 * MB) == f"{FIELD}: the file is 3,0 MB, larger than the limit of 2 MB."


def test_a_file_of_exactly_the_limit_is_accepted():
    data = tiny_pdf()
    assert sniff(data, {"pdf"}, max_bytes=len(data)).kind == "pdf"
    assert refusal(data + b"\n", {"pdf"}, max_bytes=len(data)).startswith(f"{FIELD}: the file is ")


def test_a_limit_below_one_megabyte_is_shown_as_it_is():
    message = refusal(b"a" * (MB // 2 + MB // 10), max_bytes=MB // 2)
    assert "0,5 MB" in message


def test_csv_that_is_not_utf8_is_refused_with_the_byte_position():
    data = "Ho\u0323 và tên".encode("cp1258")  # Windows Vietnamese code page (as old Excel saves "CSV")
    assert data == b"Ho\xf2 v\xe0 t\xean"
    assert refusal(data, {"csv"}) == (
        f"{FIELD}: the text file is not UTF-8 encoded (invalid byte at position 2). Save it again as “CSV UTF-8”."
    )


def test_latin1_csv_is_refused_with_the_byte_position():
    data = "Ho ten,Ghi chu\nAndré,café".encode("latin-1")
    position = data.index(b"\xe9")
    assert position == 19
    assert refusal(data, {"csv", "xlsx"}) == (
        f"{FIELD}: the text file is not UTF-8 encoded (invalid byte at position 19). Save it again as “CSV UTF-8”."
    )


def test_text_is_refused_when_csv_is_not_allowed():
    assert refusal("Họ và tên\n".encode(), {"xlsx"}) == f"{FIELD}: this type of file is not accepted. Accepted: Excel file (XLSX)."


def test_utf16_text_is_not_taken_for_csv():
    data = "Họ và tên\n".encode("utf-16")  # NUL bytes: not the UTF-8 text the importer reads
    assert refusal(data, {"csv"}) == f"{FIELD}: this type of file is not accepted. Accepted: CSV text file."


def test_random_bytes_never_pass_as_an_office_file():
    data = random.Random(2026).randbytes(4096)
    with pytest.raises(UploadError, match=r"^Tệp đính kèm: this type of file is not accepted\. Accepted: Word file \(DOCX\), image \(JPEG, PNG\), PDF file, Excel file \(XLSX\)\.$"):
        sniff(b"\x00" + data, {"pdf", "docx", "xlsx", "image"})


@pytest.mark.parametrize(
    ("data", "max_bytes"),
    [(b"", MB), (b"a" * 2048, 1024), (ELF, MB), (b"Ho\xf2 v\xe0 t\xean", MB)],
    ids=["empty", "oversized", "wrong-kind", "not-utf8"],
)
def test_in_vietnamese_the_message_still_names_the_field(data, max_bytes):
    with translation.override("vi"), pytest.raises(UploadError, match=r"^(?:Tệp đính kèm: không chấp nhận loại tệp này\. Chỉ chấp nhận: tệp văn bản CSV, tệp PDF\.|Tệp đính kèm: tệp có dung lượng 0,0 MB, vượt quá giới hạn 0 MB\.|Tệp đính kèm: tệp rỗng\.|Tệp đính kèm: tệp văn bản không được mã hóa UTF-8 \(byte không hợp lệ ở vị trí 2\)\. Hãy lưu lại với định dạng “CSV UTF-8”\.)$") as info:
        sniff_upload(data, allowed={"csv", "pdf"}, max_bytes=max_bytes, field_label=FIELD)
    assert str(info.value).startswith(f"{FIELD}: ")
