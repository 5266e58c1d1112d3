"""Document packages for the document-management system: the PROVISIONAL mapping, "edXML (chưa đối chiếu
QCVN 102)".

Official documents travel between document-management systems as edXML packages (QCVN 102:2016/BTTTT and
its Amendment 1:2022; shared/domain/integration.md). The standard's schema is not in shared/domain/, so this
module does NOT implement it: it defines a package of our own whose envelope borrows the names of the
edXML header as publicly described (From/To with OrganId and OrganName, Code with CodeNumber and
CodeNotation, PromulgationInfo, DocumentType, Subject, SignerInfo, ToPlaces, Attachments) under a namespace
of our own. Nothing here claims conformance; when the schema is at hand this is the one module to change
(FORMAT_VERSION says which mapping a package was written with).

A package is a ZIP archive:
    envelope.xml          the metadata (below)
    files/<name>          each attachment, named as in the envelope, with its size and SHA-256 there

Reading is hostile-file safe: the archive is checked by tdkt.lib.safezip before anything is extracted
(entry count, declared sizes, compression ratio: a zip bomb is refused from its directory alone, no DTD in
the envelope), the envelope is parsed with defusedxml, every entry must be `envelope.xml` or `files/` plus
a plain name listed in the envelope (so no path is ever built from an entry's name: no traversal), and
every file's size and SHA-256 must match the envelope. Refusals are `PackageError`s whose message names the
package and the file; nothing is written by this module.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from xml.etree import ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

from tdkt.lib.safezip import MB, ZipLimitError, ZipLimits, check_zip

FORMAT_LABEL = "edXML (chưa đối chiếu QCVN 102)"
FORMAT_VERSION = "tdkt-edxml-provisional/1"
NAMESPACE = "urn:tdkt:edxml-provisional:1"
ENVELOPE_NAME = "envelope.xml"
FILES_PREFIX = "files/"
KINDS = ("decision", "submission", "notice")

# Characters XML 1.0 can carry (tab, newline and the printable planes); a carriage return would come back as
# a newline, so it is refused too rather than silently changed.
_XML_CHAR = re.compile("^[\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*$")
_PLAIN_NAME = re.compile(r"^[^/\\\x00-\x1f\x7f:*?\"<>|]+$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_N = f"{{{NAMESPACE}}}"


@dataclass(frozen=True)
class PackageLimits:
    """What one package may hold. Defaults fit a decision with its annex and a signed PDF."""

    max_package_bytes: int = 50 * MB  # the archive as uploaded
    max_files: int = 50
    max_total_bytes: int = 100 * MB  # all files, uncompressed
    max_envelope_bytes: int = 1 * MB
    max_ratio: int = 100  # uncompressed / compressed, for entries above 1 MB

    def zip_limits(self) -> ZipLimits:
        return ZipLimits(max_entries=self.max_files + 1, max_total_bytes=self.max_total_bytes,
                         max_xml_part_bytes=self.max_envelope_bytes, max_ratio=self.max_ratio)


DEFAULT_LIMITS = PackageLimits()


class PackageError(ValueError):
    """A package refused; `code` says which check failed ("zip", "entry", "envelope", "missing", "unlisted",
    "checksum", "size", "agency", "target", "signature", "duplicate"), the message is shown as is."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Agency:
    """An agency as the package names it: its electronic code (QĐ 20/2020/QĐ-TTg style, not checked) and name."""

    code: str
    name: str = ""


@dataclass(frozen=True)
class Attachment:
    name: str
    size: int
    sha256: str
    media_type: str = ""


@dataclass(frozen=True)
class Envelope:
    """The metadata of one text. `number` and `symbol` as "12" and "QĐ-UBND"; `reference` is the dossier the
    text belongs to (HS-2026-000123) when there is one; `recipients` are the "Nơi nhận" lines."""

    message_id: str
    kind: str
    sender: Agency
    receivers: tuple[Agency, ...] = ()
    number: str = ""
    symbol: str = ""
    date: datetime.date | None = None
    doc_type: str = ""
    title: str = ""
    issuer: str = ""
    signer_name: str = ""
    signer_position: str = ""
    recipients: tuple[str, ...] = ()
    reference: str = ""
    attachments: tuple[Attachment, ...] = field(default=())

    @property
    def number_text(self) -> str:
        return f"{self.number}/{self.symbol}" if self.number and self.symbol else self.number or self.symbol


# --- writing -----------------------------------------------------------------------------------------------


def _text(parent, tag: str, value: str) -> None:
    if not _XML_CHAR.match(value):
        raise ValueError(f"{tag}: a character XML cannot carry")
    ET.SubElement(parent, _N + tag).text = value


def _agency(parent, tag: str, agency: Agency) -> None:
    element = ET.SubElement(parent, _N + tag)
    _text(element, "OrganId", agency.code)
    _text(element, "OrganName", agency.name)


def envelope_xml(envelope: Envelope) -> bytes:
    """The envelope as UTF-8 XML. ValueError for a kind not in KINDS or a character XML cannot carry."""
    if envelope.kind not in KINDS:
        raise ValueError(f"kind {envelope.kind!r}")
    root = ET.Element(_N + "Envelope", {"version": FORMAT_VERSION})
    _text(root, "MessageId", envelope.message_id)
    _text(root, "Kind", envelope.kind)
    _agency(root, "From", envelope.sender)
    to = ET.SubElement(root, _N + "ToList")
    for receiver in envelope.receivers:
        _agency(to, "To", receiver)
    code = ET.SubElement(root, _N + "Code")
    _text(code, "CodeNumber", envelope.number)
    _text(code, "CodeNotation", envelope.symbol)
    promulgation = ET.SubElement(root, _N + "PromulgationInfo")
    _text(promulgation, "PromulgationDate", envelope.date.isoformat() if envelope.date else "")
    _text(root, "DocumentType", envelope.doc_type)
    _text(root, "Subject", envelope.title)
    _text(root, "Issuer", envelope.issuer)
    signer = ET.SubElement(root, _N + "SignerInfo")
    _text(signer, "FullName", envelope.signer_name)
    _text(signer, "Position", envelope.signer_position)
    places = ET.SubElement(root, _N + "ToPlaces")
    for place in envelope.recipients:
        _text(places, "Place", place)
    _text(root, "Reference", envelope.reference)
    attachments = ET.SubElement(root, _N + "Attachments")
    for attachment in envelope.attachments:
        element = ET.SubElement(attachments, _N + "Attachment")
        _text(element, "Name", attachment.name)
        _text(element, "Size", str(attachment.size))
        _text(element, "SHA256", attachment.sha256)
        _text(element, "MediaType", attachment.media_type)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def plain_name(name: str) -> str:
    """The last part of a file name, usable as an attachment name (export side)."""
    base = re.split(r"[/\\]", name or "")[-1].strip()
    base = re.sub(r"[\x00-\x1f\x7f:*?\"<>|]", "_", base)
    return base if base not in ("", ".", "..") else "tep"


def write_package(envelope: Envelope, files: list[tuple[str, bytes, str]]) -> bytes:
    """The package: `files` as (name, bytes, media type), listed in the envelope with size and SHA-256."""
    attachments, seen = [], set()
    for name, data, media_type in files:
        if not is_plain_name(name) or name.casefold() in seen:
            raise ValueError(f"attachment name {name!r}")
        seen.add(name.casefold())
        attachments.append(Attachment(name, len(data), hashlib.sha256(data).hexdigest(), media_type))
    envelope = replace(envelope, attachments=tuple(attachments))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(ENVELOPE_NAME, envelope_xml(envelope))
        for name, data, _media in files:
            archive.writestr(FILES_PREFIX + name, data)
    return buffer.getvalue()


# --- reading -----------------------------------------------------------------------------------------------


def is_plain_name(name: str) -> bool:
    return (bool(name) and len(name) <= 255 and name not in (".", "..") and not name.startswith(".")
            and bool(_PLAIN_NAME.match(name)) and name == name.strip())


class _Reader:
    def __init__(self, root, label: str):
        self.root = root
        self.label = label

    def fail(self, detail: str):
        return PackageError("envelope", _("Package %(name)s: the envelope cannot be read (%(detail)s).") % {
            "name": self.label, "detail": detail})

    def find(self, parent, tag: str):
        element = parent.find(_N + tag)
        if element is None:
            raise self.fail(_("element %(tag)s is missing") % {"tag": tag})
        return element

    def text(self, parent, tag: str) -> str:
        return self.find(parent, tag).text or ""

    def agency(self, element) -> Agency:
        return Agency(self.text(element, "OrganId"), self.text(element, "OrganName"))


def read_envelope(data: bytes, *, label: str = ENVELOPE_NAME) -> Envelope:
    """The envelope of `data`; PackageError naming `label` when it is not one (DTDs and entities refused)."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ET.ParseError, DefusedXmlException, ValueError) as exc:
        raise PackageError("envelope", _("Package %(name)s: the envelope is not well-formed XML (%(detail)s).") % {
            "name": label, "detail": type(exc).__name__}) from exc
    reader = _Reader(root, label)
    if root.tag != _N + "Envelope" or root.get("version") != FORMAT_VERSION:
        raise reader.fail(_("not a package of the format %(format)s") % {"format": FORMAT_VERSION})
    kind = reader.text(root, "Kind")
    if kind not in KINDS:
        raise reader.fail(_("unknown kind of text “%(kind)s”") % {"kind": kind})
    day = reader.text(reader.find(root, "PromulgationInfo"), "PromulgationDate")
    try:
        date = datetime.date.fromisoformat(day) if day else None
    except ValueError as exc:
        raise reader.fail(_("the date “%(date)s” is not a date") % {"date": day}) from exc
    code, signer = reader.find(root, "Code"), reader.find(root, "SignerInfo")
    attachments = []
    for element in reader.find(root, "Attachments").findall(_N + "Attachment"):
        name, size, digest = reader.text(element, "Name"), reader.text(element, "Size"), reader.text(element, "SHA256")
        if not is_plain_name(name):
            raise PackageError("entry", _("Package %(name)s: the file name “%(file)s” is not a plain file name; the "
                                          "package is refused.") % {"name": label, "file": name})
        if not size.isdigit() or not _SHA256.match(digest):
            raise reader.fail(_("file %(file)s has no valid size or SHA-256") % {"file": name})
        attachments.append(Attachment(name, int(size), digest, reader.text(element, "MediaType")))
    return Envelope(
        message_id=reader.text(root, "MessageId"), kind=kind, sender=reader.agency(reader.find(root, "From")),
        receivers=tuple(reader.agency(e) for e in reader.find(root, "ToList").findall(_N + "To")),
        number=reader.text(code, "CodeNumber"), symbol=reader.text(code, "CodeNotation"), date=date,
        doc_type=reader.text(root, "DocumentType"), title=reader.text(root, "Subject"),
        issuer=reader.text(root, "Issuer"), signer_name=reader.text(signer, "FullName"),
        signer_position=reader.text(signer, "Position"),
        recipients=tuple(e.text or "" for e in reader.find(root, "ToPlaces").findall(_N + "Place")),
        reference=reader.text(root, "Reference"), attachments=tuple(attachments))


def _zip_refusal(exc: ZipLimitError, label: str, limits: PackageLimits) -> PackageError:
    values = {"name": label, "entry": exc.entry, "value": exc.value, "limit": exc.limit}
    if exc.kind in ("ratio", "total", "part"):
        return PackageError("zip", _("Package %(name)s: file %(entry)s expands far beyond its compressed size "
                                     "(a zip bomb?); the package is refused unopened.") % values)
    if exc.kind in ("entries", "directory"):
        return PackageError("zip", _("Package %(name)s holds more than %(limit)s files; the package is refused.")
                            % {**values, "limit": limits.max_files})
    if exc.kind == "dtd":
        return PackageError("envelope", _("Package %(name)s: %(entry)s declares a document type (DTD), which a "
                                          "package never needs; the package is refused.") % values)
    return PackageError("zip", _("Package %(name)s is not a ZIP archive of a document package.") % values)


def read_package(data: bytes, *, label: str = "", limits: PackageLimits = DEFAULT_LIMITS,
                 ) -> tuple[Envelope, dict[str, bytes]]:
    """The envelope and the files (name -> bytes) of a package, every check passed; else PackageError."""
    label = label or _("(no name)")
    if len(data) > limits.max_package_bytes:
        raise PackageError("zip", _("Package %(name)s is larger than %(limit)s MB.") % {
            "name": label, "limit": limits.max_package_bytes // MB})
    try:
        check_zip(data, limits.zip_limits())
    except ZipLimitError as exc:
        raise _zip_refusal(exc, label, limits) from exc
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        for entry in names:
            inside = entry[len(FILES_PREFIX):] if entry.startswith(FILES_PREFIX) else None
            if entry != ENVELOPE_NAME and (inside is None or not is_plain_name(inside)):
                raise PackageError("entry", _("Package %(name)s: the entry “%(entry)s” is outside the package's "
                                              "layout (a path that leaves its folder?); the package is refused.")
                                   % {"name": label, "entry": entry})
        if len(set(names)) != len(names):
            raise PackageError("entry", _("Package %(name)s holds an entry twice; the package is refused.") % {
                "name": label})
        if ENVELOPE_NAME not in names:
            raise PackageError("envelope", _("Package %(name)s has no %(envelope)s.") % {
                "name": label, "envelope": ENVELOPE_NAME})
        envelope = read_envelope(archive.read(ENVELOPE_NAME), label=label)
        listed = {attachment.name for attachment in envelope.attachments}
        if len(listed) != len(envelope.attachments):
            raise PackageError("entry", _("Package %(name)s lists a file twice; the package is refused.") % {
                "name": label})
        for entry in names:
            if entry != ENVELOPE_NAME and entry[len(FILES_PREFIX):] not in listed:
                raise PackageError("unlisted", _("Package %(name)s: the file %(file)s is not listed in the envelope; "
                                                 "the package is refused.") % {
                    "name": label, "file": entry[len(FILES_PREFIX):]})
        files = {}
        for attachment in envelope.attachments:
            files[attachment.name] = _read_file(archive, attachment, label)
    return envelope, files


def _read_file(archive: zipfile.ZipFile, attachment: Attachment, label: str) -> bytes:
    values = {"name": label, "file": attachment.name}
    try:
        info = archive.getinfo(FILES_PREFIX + attachment.name)
    except KeyError as exc:
        raise PackageError("missing", _("Package %(name)s: the file %(file)s listed in the envelope is missing.")
                           % values) from exc
    if info.file_size != attachment.size:
        raise PackageError("size", _("Package %(name)s: the file %(file)s is %(found)s bytes, the envelope says "
                                     "%(size)s.") % {**values, "found": info.file_size, "size": attachment.size})
    try:
        content = archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:  # a CRC error: altered bytes
        raise PackageError("checksum", _("Package %(name)s: the file %(file)s is damaged (its checksum does not "
                                         "match).") % values) from exc
    if hashlib.sha256(content).hexdigest() != attachment.sha256:
        raise PackageError("checksum", _("Package %(name)s: the SHA-256 of the file %(file)s does not match the "
                                         "envelope: the file was altered after the package was made.") % values)
    return content
