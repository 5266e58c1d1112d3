"""The provisional package format (tdkt.lib.edxml): the envelope writer and reader are inverse on any
metadata, files come back byte-identical, and hostile packages are refused cheaply with exact messages."""

from __future__ import annotations

import datetime
import hashlib
import io
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.lib import edxml
from tdkt.lib.edxml import Agency, Attachment, Envelope, PackageError

PROPERTY_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Letters (Vietnamese included), marks, digits, punctuation, symbols, spaces, tabs and newlines: what a
# document's metadata holds. Control characters and a carriage return are refused by the writer (tested below).
TEXT = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs"), include_characters="\n\t"), max_size=60)
NAME = st.from_regex(r"[A-Za-z0-9À-ỹ_-][A-Za-z0-9À-ỹ_\- ]{0,20}\.(docx|pdf|xlsx)", fullmatch=True)
AGENCY = st.builds(Agency, TEXT, TEXT)
ATTACHMENT = st.builds(Attachment, NAME, st.integers(0, 10**9),
                       st.binary(min_size=32, max_size=32).map(bytes.hex), TEXT)
ENVELOPE = st.builds(
    Envelope, message_id=TEXT, kind=st.sampled_from(edxml.KINDS), sender=AGENCY,
    receivers=st.lists(AGENCY, max_size=3).map(tuple), number=TEXT, symbol=TEXT,
    date=st.one_of(st.none(), st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))),
    doc_type=TEXT, title=TEXT, issuer=TEXT, signer_name=TEXT, signer_position=TEXT,
    recipients=st.lists(TEXT, max_size=4).map(tuple), reference=TEXT,
    attachments=st.lists(ATTACHMENT, max_size=3).map(tuple))
SAMPLE = Envelope(message_id="m-1", kind="decision", sender=Agency("UBND-TINH", "Ủy ban nhân dân tỉnh Lào Cai"),
                  receivers=(Agency("SYT", "Sở Y tế"),), number="12", symbol="QĐ-UBND",
                  date=datetime.date(2026, 7, 10), doc_type="Quyết định", title="Về việc tặng Bằng khen",
                  issuer="Ủy ban nhân dân tỉnh Lào Cai", signer_name="Lê Văn Chủ", signer_position="KT. CHỦ TỊCH",
                  recipients=("- Như Điều 3;", "- Lưu: VT, SNV."), reference="HS-2026-000001")
FILES = [("quyet-dinh-12.docx", b"PK\x03\x04 word", "application/docx"), ("ban-ky.pdf", b"%PDF-1.7 ...", "")]


@PROPERTY_SETTINGS
@given(ENVELOPE)
def test_the_envelope_reads_back_as_written(envelope):
    assert edxml.read_envelope(edxml.envelope_xml(envelope)) == envelope


@PROPERTY_SETTINGS
@given(ENVELOPE, st.lists(st.tuples(NAME, st.binary(max_size=2000)), max_size=4,
                          unique_by=lambda item: item[0].casefold()))
def test_a_package_gives_back_its_metadata_and_files_byte_identical(envelope, files):
    data = edxml.write_package(envelope, [(name, content, "") for name, content in files])
    read, contents = edxml.read_package(data, label="goi.zip")
    assert read.attachments == tuple(Attachment(name, len(content), hashlib.sha256(content).hexdigest(), "")
                                     for name, content in files)
    assert read == Envelope(**{**envelope.__dict__, "attachments": read.attachments})
    assert contents == dict(files)


@pytest.mark.parametrize("text", ["a\rb", "a\x00b", "a\x1bb", "\ud800"])
def test_a_character_xml_cannot_carry_is_refused_by_the_writer(text):
    with pytest.raises(ValueError, match=r"^Subject: a character XML cannot carry$"):
        edxml.envelope_xml(Envelope(message_id="m", kind="notice", sender=Agency("A"), title=text))


def _zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _refused(data: bytes) -> PackageError:
    """The refusal of `data`; each test asserts its code and exact message."""
    try:
        edxml.read_package(data, label="goi.zip")
    except PackageError as error:
        return error
    raise AssertionError("the package was accepted")


def test_a_sample_package_reads_back():
    envelope, files = edxml.read_package(edxml.write_package(SAMPLE, FILES), label="goi.zip")
    assert envelope.number_text == "12/QĐ-UBND"
    assert files == {"quyet-dinh-12.docx": b"PK\x03\x04 word", "ban-ky.pdf": b"%PDF-1.7 ..."}


@pytest.mark.parametrize("entry", ["../../etc/cron.d/x", "/etc/passwd", "files/../../x.pdf", "files/sub/x.pdf",
                                   "files\\..\\x.pdf", "x.pdf", "files/.hidden"])
def test_a_path_outside_the_layout_is_refused(entry):
    good = edxml.write_package(SAMPLE, FILES)
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    error = _refused(_zip({**entries, entry: b"evil"}))
    assert (error.code, error.message) == ("entry", f"Gói văn bản goi.zip: mục “{entry}” nằm ngoài cấu trúc của gói "
                                                    "(đường dẫn ra khỏi thư mục?); gói bị từ chối.")


def test_a_traversing_name_in_the_envelope_is_refused():
    xml = edxml.envelope_xml(Envelope(**{**SAMPLE.__dict__, "attachments": (
        Attachment("../x.pdf", 4, "0" * 64),)}))
    error = _refused(_zip({"envelope.xml": xml}))
    assert error.message == ("Gói văn bản goi.zip: tên tệp “../x.pdf” không phải tên tệp đơn thuần; gói bị từ chối.")


def test_a_zip_bomb_is_refused_from_its_directory_without_inflating():
    bomb = _zip({"envelope.xml": edxml.envelope_xml(SAMPLE), "files/a.pdf": b"\0" * (64 * 1024 * 1024)})
    assert len(bomb) < 200_000
    started = time.perf_counter()
    error = _refused(bomb)
    assert time.perf_counter() - started < 0.5
    assert (error.code, error.message) == ("zip", "Gói văn bản goi.zip: tệp files/a.pdf giải nén ra lớn hơn rất nhiều so "
                                                  "với khi nén (có thể là bom nén); gói bị từ chối mà không mở.")


def test_too_many_entries_are_refused():
    error = _refused(_zip({f"files/{index}.pdf": b"x" for index in range(60)}))
    assert error.message == "Gói văn bản goi.zip có hơn 50 tệp; gói bị từ chối."


def test_a_dtd_in_the_envelope_is_refused():
    xml = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    error = _refused(_zip({"envelope.xml": xml}))
    assert error.message == ("Gói văn bản goi.zip: envelope.xml khai báo kiểu tài liệu (DTD), điều mà gói văn bản "
                             "không bao giờ cần; gói bị từ chối.")


def test_a_file_altered_after_packing_is_refused_for_its_checksum():
    xml = edxml.envelope_xml(Envelope(**{**SAMPLE.__dict__, "attachments": (
        Attachment("ban-ky.pdf", 12, hashlib.sha256(b"%PDF-1.7 ...").hexdigest()),)}))
    error = _refused(_zip({"envelope.xml": xml, "files/ban-ky.pdf": b"%PDF-1.7 !!!"}))
    assert (error.code, error.message) == ("checksum", "Gói văn bản goi.zip: mã SHA-256 của tệp ban-ky.pdf không khớp "
                                                       "với phong bì: tệp đã bị sửa sau khi đóng gói.")


def test_a_listed_file_that_is_missing_is_refused():
    xml = edxml.envelope_xml(Envelope(**{**SAMPLE.__dict__, "attachments": (Attachment("ban-ky.pdf", 3, "a" * 64),)}))
    error = _refused(_zip({"envelope.xml": xml}))
    assert (error.code, error.message) == ("missing", "Gói văn bản goi.zip: thiếu tệp ban-ky.pdf được kê trong phong bì.")


def test_an_unlisted_file_is_refused():
    error = _refused(_zip({"envelope.xml": edxml.envelope_xml(SAMPLE), "files/them.pdf": b"x"}))
    assert error.message == "Gói văn bản goi.zip: tệp them.pdf không được kê trong phong bì; gói bị từ chối."


def test_a_size_other_than_listed_is_refused():
    xml = edxml.envelope_xml(Envelope(**{**SAMPLE.__dict__, "attachments": (Attachment("a.pdf", 5, "a" * 64),)}))
    error = _refused(_zip({"envelope.xml": xml, "files/a.pdf": b"abc"}))
    assert error.message == "Gói văn bản goi.zip: tệp a.pdf có 3 byte, phong bì ghi 5 byte."


@pytest.mark.parametrize(("data", "message"), [
    (b"not a zip", "Gói văn bản goi.zip không phải tệp ZIP của một gói văn bản."),
    (_zip({}), "Gói văn bản goi.zip không có envelope.xml."),
    (_zip({"envelope.xml": b"<a"}), "Gói văn bản goi.zip: phong bì không phải XML hợp lệ (ParseError)."),
    (_zip({"envelope.xml": b"<a/>"}), "Gói văn bản goi.zip: không đọc được phong bì (không phải gói theo định dạng "
                                      "tdkt-edxml-provisional/1)."),
])
def test_what_is_not_a_package_is_refused_with_the_reason(data, message):
    assert _refused(data).message == message


def test_a_package_over_the_size_limit_is_refused_before_it_is_opened():
    with pytest.raises(PackageError, match=r"^Gói văn bản goi\.zip lớn hơn 1 MB\.$"):
        edxml.read_package(b"\0" * (1024 * 1024 + 1), label="goi.zip",
                           limits=edxml.PackageLimits(max_package_bytes=1024 * 1024))
