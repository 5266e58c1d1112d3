"""Checks on an Office file's ZIP container and XML parts before any library opens it.

Framework-free (tdkt.lib.docparse uses it outside Django): the refusals are `ZipLimitError`s that carry
what was exceeded (`kind`) and the figures; the callers word the message (tdkt.lib.safefiles through
gettext, docparse in Vietnamese).

What is checked, and why it is enough:
- the end-of-central-directory record, read by hand before `zipfile.ZipFile` builds one object per entry:
  its entry count and the size of the central directory are capped, so a directory of a million entries
  costs nothing;
- every entry's compression: only stored and deflate. Python's zipfile hands deflate output out in
  bounded pieces, but bzip2 and lzma entries are decompressed in one call, whatever their size;
- the uncompressed sizes the directory declares: their total, each XML part's (XML parts are parsed
  whole by openpyxl and python-docx, except the worksheets, which tdkt.lib.safefiles streams under row and
  cell limits) and the compression ratio of every other large entry. A declared size is not trusted as a fact but as a bound:
  `zipfile` never returns more bytes than an entry declares (it cuts the output there and the CRC check
  then fails), so what any reader can get out of the archive is at most what the checks allowed;
- every XML part's prolog: a document type declaration (the way to declare entities: "billion laughs",
  external entities) is refused. OOXML never has one. The prolog is read with defusedxml's parser,
  which refuses a DTD as soon as it meets it, and reading stops at the root element.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

MB = 1024 * 1024
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD_SIZE = 22
_CHUNK = 64 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")


@dataclass(frozen=True)
class ZipLimits:
    """Limits of one kind of Office file. The defaults fit an ordinary .xlsx or .docx of a few MB."""

    max_entries: int = 1_000  # an .xlsx has 10–30 parts; a .docx with pictures some hundreds
    max_total_bytes: int = 200 * MB  # all entries, uncompressed
    max_xml_part_bytes: int = 32 * MB  # one XML part read whole (shared strings, styles, document.xml)
    max_ratio: int = 200  # uncompressed / compressed, for entries larger than ratio_floor_bytes
    ratio_floor_bytes: int = 1 * MB
    # Parts streamed under limits of their own (the worksheets: rows, columns, cells): only the total applies.
    streamed_prefixes: tuple[str, ...] = ()


class ZipLimitError(ValueError):
    """An archive refused before it is opened. `kind` says which check failed:
    "not_zip", "entries", "directory", "compression", "total", "part", "ratio", "dtd"; `entry` names the part,
    `value` and `limit` are the figures (bytes, entries or a ratio)."""

    def __init__(self, kind: str, *, entry: str = "", value: int = 0, limit: int = 0):
        super().__init__(f"{kind}: {entry} {value} > {limit}".strip())
        self.kind = kind
        self.entry = entry
        self.value = value
        self.limit = limit


def _end_record(data: bytes) -> tuple[int, int]:
    """(entries, size of the central directory) from the end-of-central-directory record (ZIP64 too)."""
    start = max(0, len(data) - _EOCD_SIZE - 0xFFFF)
    position = data.rfind(_EOCD, start)
    if position < 0 or len(data) - position < _EOCD_SIZE:
        raise ZipLimitError("not_zip")
    (_sig, _disk, _cd_disk, _here, entries, directory_size, _offset,
     _comment) = struct.unpack("<4s4H2LH", data[position:position + _EOCD_SIZE])
    locator = position - 20
    if (entries == 0xFFFF or directory_size == 0xFFFFFFFF) and locator >= 0 \
            and data[locator:locator + 4] == _EOCD64_LOCATOR:
        (_sig, _disk, record, _disks) = struct.unpack("<4sLQL", data[locator:locator + 20])
        if record + 56 > len(data) or data[record:record + 4] != b"PK\x06\x06":
            raise ZipLimitError("not_zip")
        (_sig, _size, _made, _needed, _disk, _cd_disk, _here, entries, directory_size,
         _offset) = struct.unpack("<4sQ2H2L4Q", data[record:record + 56])
    return entries, directory_size


def _has_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True when the part's prolog declares a document type; reading stops at the root element."""

    class _Root(Exception):
        pass

    class _Target:
        def start(self, tag, attrib):
            raise _Root

        def data(self, text):
            pass

        def end(self, tag):
            pass

        def close(self):
            return None

    parser = DefusedXMLParser(target=_Target(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                parser.feed(chunk)
    except _Root:
        return False
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        return True
    except Exception:  # noqa: BLE001 — malformed XML is the reader's to report; it holds no DTD we let through
        return False
    return False


def check_zip(data: bytes, limits: ZipLimits = ZipLimits()) -> None:
    """Refuse (ZipLimitError) an archive that breaks `limits`; return quietly when it may be opened."""
    entries, directory_size = _end_record(data)
    if entries > limits.max_entries:
        raise ZipLimitError("entries", value=entries, limit=limits.max_entries)
    # A central directory entry is 46 bytes plus its name: 1 KB an entry leaves room for long names.
    if directory_size > limits.max_entries * 1024:
        raise ZipLimitError("directory", value=directory_size, limit=limits.max_entries * 1024)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ZipLimitError("not_zip") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:  # the record's count can lie; the directory itself cannot
            raise ZipLimitError("entries", value=len(infos), limit=limits.max_entries)
        total = 0
        xml_parts = []
        for info in infos:
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise ZipLimitError("compression", entry=info.filename, value=info.compress_type)
            total += info.file_size
            if total > limits.max_total_bytes:
                raise ZipLimitError("total", entry=info.filename, value=total, limit=limits.max_total_bytes)
            streamed = bool(limits.streamed_prefixes) and info.filename.startswith(limits.streamed_prefixes)
            if info.file_size > limits.ratio_floor_bytes and not streamed:
                ratio = info.file_size // max(info.compress_size, 1)
                if ratio > limits.max_ratio:
                    raise ZipLimitError("ratio", entry=info.filename, value=ratio, limit=limits.max_ratio)
            name = info.filename.lower()
            if name.endswith(_XML_SUFFIXES):
                if not streamed and info.file_size > limits.max_xml_part_bytes:
                    raise ZipLimitError("part", entry=info.filename, value=info.file_size,
                                        limit=limits.max_xml_part_bytes)
                xml_parts.append(info)
        for info in xml_parts:
            if _has_dtd(archive, info):
                raise ZipLimitError("dtd", entry=info.filename)
