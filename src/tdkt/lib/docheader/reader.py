"""`read_header(lines)`: the fields of fields.py put together over the document found by chrome.py."""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import (
    _NOT_FOUND,
    DATE_NOT_FOUND_MESSAGE,
    DOCUMENT_TYPES,
    ISSUER_NOT_FOUND_MESSAGE,
    LOST_DIACRITICS_MESSAGE,
    NUMBER_NOT_FOUND_MESSAGE,
    TYPE_NOT_FOUND_MESSAGE,
    Header,
    HeaderWarning,
    Line,
)
from .chrome import is_chrome, strip_chrome
from .fields import (
    date_from,
    ends_title,
    find_date,
    find_number,
    is_authority,
    issuer_groups,
    period_of,
    place_before,
    symbol_after,
    symbol_span,
    type_of_line,
)
from .text import DECORATION, fold_same_length, lost_diacritics, squash, without_motto

TYPE_SEARCH_LINES = 80  # the type line is within this many lines of the document's start
HEADER_LINES_WITHOUT_TYPE = 20


@dataclass(frozen=True)
class _Entry:
    index: int  # in `lines`
    line: int
    text: str


def read_header(lines: list[Line], *, types: tuple[str, ...] = DOCUMENT_TYPES) -> Header:
    lines = list(lines)
    header = Header()
    start, end = strip_chrome([line.text for line in lines])
    header.start_index, header.end_index = start, (end if end < len(lines) else None)
    type_index = _type_line(lines, start, end, types, header)
    region_end = type_index if type_index is not None else _header_end(lines, start, end)
    if type_index is None and (flattened := _type_after_date(lines, start, end, types, header)):
        type_index, cut = flattened
        region_end = type_index + 1
        lines[type_index] = replace(lines[type_index], text=lines[type_index].text[:cut], cells=())
    entries = [entry for index in range(start, region_end) for entry in _entries(lines[index], index)
               if not is_chrome(entry.text)]
    number_at = _read_number(entries, header)
    date_at = _read_date(entries, header)
    _read_issuer(entries, number_at, date_at, header)
    if header.issuer is None:
        _authority_issuer(lines, start, end, header)
    if type_index is None:
        header.body_index = region_end
        subject = _subject_line(lines, start, end)
        if subject is not None:  # no type line survived, but the title did ("Về việc …")
            _read_title(lines, subject - 1, end, header)
        if header.title and header.title.startswith(("V/v", "v/v", "V/V")) and "Công văn" in types:
            header.doc_type = "Công văn"  # Decree 30: a letter has no type line, its subject says "V/v …"
        else:
            header.warnings.append(HeaderWarning(None, TYPE_NOT_FOUND_MESSAGE))
    else:
        _read_title(lines, type_index, end, header)
    if header.title:
        header.period, header.years = period_of(header.title)
    if header.years is None and (header.date or header.date_year):
        year = header.date.year if header.date else header.date_year
        header.years = (year, year)
    if lost_diacritics([line.text for line in lines[start:end][:300]]):
        header.lost_diacritics = True
        header.warnings = [warning for warning in header.warnings if warning.message not in _NOT_FOUND]
        header.warnings.append(HeaderWarning(None, LOST_DIACRITICS_MESSAGE))
    return header


def _entries(line: Line, index: int) -> list[_Entry]:
    """The texts of one line: a table row gives each cell's lines, left column first (two-column headers)."""
    cells = line.cells or ((line.text,) if not line.in_table else tuple(line.text.split("\t")))
    return [_Entry(index, line.line, part.strip()) for cell in cells for part in cell.split("\n") if part.strip()]


def _type_line(lines, start, end, types, header: Header) -> int | None:
    for index in range(start, min(end, start + TYPE_SEARCH_LINES)):
        line = lines[index]
        doc_type, rest = type_of_line(line.text, types)
        if doc_type is None or (line.in_table and rest):
            continue
        header.doc_type, header.type_index = doc_type, index
        header.title = rest
        return index
    return None


def _type_after_date(lines, start, end, types, header: Header) -> tuple[int, int] | None:
    """The whole header flattened onto one line: "… Lào Cai, ngày 12 tháng 4 năm 2025 QUYẾT ĐỊNH Về việc …" —
    the type line is what follows the date on that line. Returns (index, where the type begins)."""
    for index in range(start, min(end, start + TYPE_SEARCH_LINES)):
        match = find_date(lines[index].text)
        if match is None:
            continue
        doc_type, rest = type_of_line(lines[index].text[match.end():], types)
        if doc_type is not None:
            header.doc_type, header.type_index, header.title = doc_type, index, rest
            return index, match.end()
        return None
    return None


def _header_end(lines, start, end) -> int:
    """Without a type line the header ends at the legal bases, the deciding authority or the first article."""
    for index in range(start, min(end, start + HEADER_LINES_WITHOUT_TYPE)):
        text = lines[index].text.strip()
        folded = fold_same_length(text)
        if folded.startswith(("can cu", "dieu 1", "dieu i")) or is_authority(text):
            return index
    return min(end, start + HEADER_LINES_WITHOUT_TYPE)


def _read_number(entries: list[_Entry], header: Header) -> int | None:
    for position, entry in enumerate(entries):
        match = find_number(entry.text)
        if match is None:
            continue
        symbol = symbol_after(entry.text, match.end())
        header.symbol = symbol
        digits = entry.text[match.start("n"):match.end("n")] if match["n"] else None  # as written, not folded
        if digits and symbol:
            header.number = f"{digits}/{symbol}"
            if "-" in digits:  # the Party's "45-QĐ/TU": the symbol is "QĐ/TU"
                header.symbol = f"{digits.split('-', 1)[1]}/{symbol}"
        elif digits:
            header.warnings.append(HeaderWarning(
                entry.line, f"Số văn bản thiếu ký hiệu («{squash(entry.text[match.start():])}»)."))
        else:
            shown = f"Số: /{symbol}" if symbol else squash(entry.text)
            header.warnings.append(HeaderWarning(
                entry.line, f"Số văn bản để trống («{shown}»): văn bản có thể là dự thảo."))
        return position
    header.warnings.append(HeaderWarning(None, NUMBER_NOT_FOUND_MESSAGE))
    return None


def _read_date(entries: list[_Entry], header: Header) -> int | None:
    for position, entry in enumerate(entries):
        match = find_date(entry.text)
        if match is None:
            continue
        before = entry.text[:match.start()]
        number = find_number(before)
        if number is not None:  # "Số: 125/QĐ-UBND Lào Cai, ngày …": the place follows the symbol
            before = before[symbol_span(before, number.end())[1]:]
        header.place = place_before(before)
        day, year, valid = date_from(match)
        written = squash(entry.text[match.start():match.end()])
        header.date, header.date_year = day, year
        if not valid:
            header.warnings.append(HeaderWarning(entry.line, f"Ngày ban hành không hợp lệ («{written}»): bỏ trống ngày."))
        elif day is None:
            header.warnings.append(HeaderWarning(
                entry.line, f"Ngày ban hành chưa ghi đủ («{written}»): bỏ trống ngày, lấy năm {year}."))
        return position
    header.warnings.append(HeaderWarning(None, DATE_NOT_FOUND_MESSAGE))
    return None


def _read_issuer(entries: list[_Entry], number_at: int | None, date_at: int | None, header: Header) -> None:
    found = [position for position in (number_at, date_at) if position is not None]
    stop = min(found) if found else len(entries)
    texts = [entry.text for entry in entries[:stop]]
    if stop < len(entries):  # a flattened header: the agency before "Số:" or the date on the same line
        text = entries[stop].text
        number, date = find_number(text), find_date(text)
        if number is not None and (date is None or number.start() < date.start()):
            texts.append(text[:number.start()])
        elif date is not None:  # "… CỘNG HÒA … Lào Cai, ngày …": the last piece is the place, not the agency
            texts += without_motto(text[:date.start()])[:-1]
    groups = [group for group in issuer_groups(texts) if not is_chrome(group) and type_of_line(group)[0] is None]
    if groups:
        header.issuer = groups[-1]
        header.parent_issuer = groups[-2] if len(groups) > 1 else None


def _authority_issuer(lines: list[Line], start: int, end: int, header: Header) -> None:
    window = lines[start:min(end, start + TYPE_SEARCH_LINES)]
    for position, line in enumerate(window):
        text = squash(line.text)
        if fold_same_length(text).startswith("can cu"):
            break
        following = [squash(other.text) for other in window[position + 1:position + 6] if other.text.strip()][:2]
        # Only right above the legal bases: "CHỦ TỊCH" alone elsewhere is a signature, not the deciding authority.
        if is_authority(text) and any(fold_same_length(other).startswith("can cu") for other in following):
            header.issuer = text
            header.warnings.append(HeaderWarning(
                line.line, f"Đầu văn bản không ghi cơ quan ban hành: lấy theo dòng {line.line} («{text}»)."))
            return
    header.warnings.append(HeaderWarning(None, ISSUER_NOT_FOUND_MESSAGE))


def _subject_line(lines: list[Line], start: int, end: int) -> int | None:
    for index in range(start, min(end, start + HEADER_LINES_WITHOUT_TYPE)):
        folded = fold_same_length(lines[index].text).strip()
        if folded.startswith("can cu"):
            return None
        if folded.startswith(("ve viec ", "v/v ", "v/v:")):
            return index
    return None


def _read_title(lines: list[Line], type_index: int, end: int, header: Header) -> None:
    parts: list[str] = [header.title] if header.title else []
    gap = False
    body_index = type_index + 1
    for index in range(type_index + 1, min(end, type_index + 20)):
        line = lines[index]
        text = squash(line.text)
        if line.in_table or ends_title(text, parts) or (text and DECORATION.match(text)):
            break
        if not text:
            gap = bool(parts)
            body_index = index + 1
            continue
        if is_chrome(text):  # a browser's print header or footer between two lines of the title
            continue
        if parts and (gap and not text[:1].islower() or sum(map(len, parts)) > 250):
            break
        parts.append(text)
        body_index = index + 1
        gap = False
        if text.endswith(":"):
            break
    header.title = squash(" ".join(parts)) or None
    header.body_index = body_index
