"""Reading a consultation request another body sent (a công văn "V/v hiệp y khen thưởng …", .docx or .pdf) into
the fields the specialist confirms: their number, date and issuing body, the subject, and the persons and
collectives asked about.

The file is read by tdkt.lib.docparse (the hostile-file guards of tdkt.lib.docguard and tdkt.lib.safezip run
there: zip bombs, DTDs, scans, old .doc, legacy encodings — each a Vietnamese message). Names lose their
honorifics and titles through tdkt.lib.names (the nominee lists' rules: "Ông", "Bà", "Đ/c", ranks, degrees).
Page chrome that portals print around the text (page numbers, addresses, print stamps) is skipped.

Names are found in a table whose header names a "Họ và tên" (or "Tên tập thể/đơn vị") column, and in prose:
items separated by semicolons that start with an honorific ("Ông Nguyễn Văn An, Giám đốc …; Bà …") or with
"Tập thể". Nothing found is not an error: the specialist types what is missing (`missing` says what)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from tdkt.lib import docparse
from tdkt.lib.names import display_case, split_name, starts_with_prefix
from tdkt.lib.vntext import fold, normalize

MAX_SUBJECTS = 500

_NUMBER = re.compile(r"\bSố\s*[:.]\s*(\d+[\w.]*\s*/\s*[^\s,;]+)", re.IGNORECASE)
_DATE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_SUBJECT = re.compile(r"^\s*(?:V/v|V\.v|Về việc)\s*[:.]?\s*(?P<text>.*)$", re.IGNORECASE)
_ADDRESSEE = re.compile(r"^\s*Kính\s+gửi\b", re.IGNORECASE)
_END = re.compile(r"^\s*(?:Nơi nhận|Trân trọng)\b", re.IGNORECASE)
_MOTTO = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc")
# Lines a portal or a printer adds around the text.
_CHROME = re.compile(
    r"^(?:(?:trang|page)\s*\d+(?:\s*(?:/|of|trên)\s*\d+)?|\d+\s*/\s*\d+|[-–]\s*\d+\s*[-–]|https?://\S+|www\.\S+"
    r"|.*\b(?:cong thong tin dien tu|he thong quan ly van ban|van ban dien tu|in luc|ngay in|email|dien thoai)\b.*"
    r"|\d{1,2}/\d{1,2}/\d{4},?\s+\d{1,2}:\d{2}.*)$")
_AGENCY_START = re.compile(r"^(?:SỞ|BAN|CÔNG AN|CỤC|VỤ|VĂN PHÒNG|PHÒNG|TRƯỜNG|BỆNH VIỆN|HỘI ĐỒNG|BỘ CHỈ HUY|"
                           r"LIÊN ĐOÀN|ĐẢNG ỦY|THANH TRA|KHO BẠC|BẢO HIỂM|CÔNG TY|TRUNG TÂM|VIỆN|ĐẠI HỌC|HỌC VIỆN)\b")
_PLACE = re.compile(r"\b(?:TỈNH|THÀNH PHỐ)\s+\S.*$")
_NAME_HEADER = re.compile(r"\b(?:ho va ten|ho ten|ten ca nhan|ten tap the|ten don vi|tap the, ca nhan)\b")
_UNIT_HEADER = re.compile(r"\b(?:chuc vu|don vi|noi cong tac|co quan)\b")
_COLLECTIVE_HEADER = re.compile(r"\b(?:ten tap the|ten don vi)\b")
_SECTION = re.compile(r"^(?:[ivx]+|[a-d]|\d+)?\s*[.)]?\s*(tap the|ca nhan)\b")
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")
_COLLECTIVE_WORD = re.compile(r"^tập thể\s+", re.IGNORECASE)
_LIST_MARK = re.compile(r"^\s*(?:[-–+•*]|\d{1,3}\s*[.)])\s*")
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ'’-]*$")


@dataclass(frozen=True)
class WrittenSubject:
    name: str
    unit_text: str = ""
    kind: str = "individual"  # SubjectKind


@dataclass
class Prefill:
    number: str = ""
    date: datetime.date | None = None
    issuer: str = ""
    subject: str = ""
    subjects: list[WrittenSubject] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # what was not found, in Vietnamese (the page shows it)


def _is_chrome(text: str) -> bool:
    return bool(_CHROME.match(fold(text)))


def _lines(document: docparse.Document) -> list[str]:
    """Every line of text in reading order; table cells one by one (a header's two columns are cells)."""
    lines = []
    for block in document.blocks:
        if isinstance(block, docparse.TextLine):
            texts = [block.text]
        else:
            texts = [part for row in block.rows for cell in row.cells for part in cell.split("\n")]
        lines.extend(text.strip() for text in texts if text.strip() and not _is_chrome(text.strip()))
    return lines


def _without_motto(text: str) -> str:
    folded = fold(text)
    match = _MOTTO.search(folded)
    while match:  # fold keeps the length of Vietnamese text: cut the same span from the original
        text, folded = (text[:match.start()] + " " + text[match.end():]), folded[:match.start()] + " " + folded[
            match.end():]
        match = _MOTTO.search(folded)
    return normalize(text).strip(" |-")


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _issuer(head: list[str]) -> str:
    """The upper-case lines before the number, without the national title; the parent body above an agency
    ("ỦY BAN NHÂN DÂN TỈNH YÊN BÁI" over "SỞ Y TẾ") is left out."""
    parts = [text for text in (_without_motto(line) for line in head)
             if text and _mostly_upper(text) and not _NUMBER.search(text) and not _DATE.search(text)]
    for index in range(len(parts) - 1, 0, -1):
        if _AGENCY_START.match(parts[index]):
            place = _PLACE.search(" ".join(parts[:index]))
            parts = parts[index:]
            if place and place.group() not in " ".join(parts):  # "SỞ Y TẾ" of "UBND TỈNH YÊN BÁI"
                parts.append(place.group())
            break
    return " ".join(parts)


def _header(lines: list[str], prefill: Prefill) -> None:
    """Number, date, issuer and subject, from the lines before "Kính gửi"."""
    addressee = next((i for i, text in enumerate(lines[:80]) if _ADDRESSEE.match(text)), min(len(lines), 40))
    head = lines[:addressee]
    number_at = None
    for index, text in enumerate(head):
        match = _NUMBER.search(text)
        if match:
            prefill.number = re.sub(r"\s+", "", match.group(1))
            number_at = index
            break
    for text in head:
        match = _DATE.search(text)
        if match:
            try:
                prefill.date = datetime.date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                prefill.date = None
            break
    prefill.issuer = _issuer(head[:number_at] if number_at is not None else head[:6])
    for index, text in enumerate(head):
        match = _SUBJECT.match(text)
        if match:
            parts = [match["text"]]
            for following in head[index + 1:]:
                if _DATE.search(following) or _MOTTO.search(fold(following)) or _mostly_upper(following):
                    break
                parts.append(following)
            prefill.subject = normalize(" ".join(parts)).rstrip(" .;")
            break


def _subject_from(name_text: str, unit_text: str, kind: str, *, need_prefix: bool) -> WrittenSubject | None:
    name_text = _LIST_MARK.sub("", normalize(name_text)).strip(" .;:")
    if not name_text:
        return None
    if kind == "collective" or _COLLECTIVE_WORD.match(name_text):
        name = _COLLECTIVE_WORD.sub("", name_text).strip()
        return WrittenSubject(name, unit_text.strip(" .;"), "collective") if name else None
    parts = split_name(name_text)
    words = parts.name.split()
    if need_prefix and not parts.prefixes:
        return None
    if not 2 <= len(words) <= 6 or not all(_NAME_WORD.match(word) for word in words):
        return None
    return WrittenSubject(display_case(parts.name), unit_text.strip(" .;"), "individual")


def _table_subjects(table: docparse.Table) -> list[WrittenSubject]:
    """The rows of a table whose header names a "Họ và tên" (or "Tên tập thể") column; none otherwise."""
    found: list[WrittenSubject] = []
    rows = [[normalize(cell) for cell in row.cells] for row in table.rows]
    header_at = next((i for i, cells in enumerate(rows[:5])
                      if any(_NAME_HEADER.search(fold(cell)) for cell in cells)), None)
    if header_at is None:
        return found
    header = [fold(cell) for cell in rows[header_at]]
    name_col = next(i for i, cell in enumerate(header) if _NAME_HEADER.search(cell))
    unit_col = next((i for i, cell in enumerate(header) if i != name_col and _UNIT_HEADER.search(cell)), None)
    kind = "collective" if _COLLECTIVE_HEADER.search(header[name_col]) else "individual"
    for cells in rows[header_at + 1:]:
        texts = [cell for cell in cells if cell]
        if not texts or all(_COLUMN_NUMBERS.match(cell) for cell in texts):
            continue
        section = _SECTION.match(fold(texts[0] if len(texts) == 1 else " ".join(texts[:2])))
        if section and (len(set(texts)) <= 2):
            kind = "collective" if section[1] == "tap the" else "individual"
            continue
        if name_col >= len(cells):
            continue
        unit_text = cells[unit_col] if unit_col is not None and unit_col < len(cells) else ""
        subject = _subject_from(cells[name_col], unit_text, kind, need_prefix=False)
        if subject is not None:
            found.append(subject)
    return found


def _prose_subjects(text: str) -> list[WrittenSubject]:
    found = []
    for piece in text.split(";"):
        piece = piece.strip()
        if ":" in piece:  # "… cho các cá nhân sau: Ông Nguyễn Văn An, Giám đốc …"
            piece = piece.rsplit(":", 1)[1]
        name_text, _comma, unit_text = _LIST_MARK.sub("", piece.strip()).partition(",")
        subject = _subject_from(name_text, unit_text, "individual", need_prefix=True)
        if subject is not None:
            found.append(subject)
    return found


def _body_subjects(document: docparse.Document) -> list[WrittenSubject]:
    """Names in document order: prose after "Kính gửi" up to "Nơi nhận", and name tables anywhere. Prose lines
    are joined until one ends a sentence (a PDF wraps "Ông Nguyễn / Văn An" across lines)."""
    found: list[WrittenSubject] = []
    in_body = ended = False
    prose: list[str] = []

    def flush():
        if prose:
            found.extend(_prose_subjects(" ".join(prose)))
            prose.clear()

    for block in document.blocks:
        if isinstance(block, docparse.Table):
            flush()
            found.extend(_table_subjects(block))
            continue
        text = block.text.strip()
        if _ADDRESSEE.match(text):
            in_body = True
            continue
        if _END.match(text):
            ended = True
        if in_body and not ended and text and not _is_chrome(text):
            prose.append(text)
            # A line ending a sentence or an item ends the piece; "ThS." or "Đ/c." at a line's end is a title.
            if text.endswith((":", ";")) or (text.endswith(".") and not starts_with_prefix(text.rsplit(" ", 1)[-1])):
                flush()
    flush()
    return found


def read_request(document: docparse.Document) -> Prefill:
    """The pre-filled fields of a request document (pure: no database)."""
    prefill = Prefill()
    _header(_lines(document), prefill)
    subjects, seen = [], set()
    for subject in _body_subjects(document):
        key = (subject.kind, fold(subject.name))
        if key not in seen:
            seen.add(key)
            subjects.append(subject)
    prefill.subjects = subjects[:MAX_SUBJECTS]
    for label, value in (("số văn bản", prefill.number), ("ngày văn bản", prefill.date),
                         ("cơ quan đề nghị", prefill.issuer), ("trích yếu (V/v)", prefill.subject),
                         ("danh sách cá nhân, tập thể", prefill.subjects)):
        if not value:
            prefill.missing.append(label)
    return prefill


def read_request_bytes(data: bytes, name: str) -> Prefill:
    """Read the bytes of an uploaded .docx or .pdf; raises docparse.DocumentError (a Vietnamese message)."""
    return read_request(docparse.read_bytes(data, name))
