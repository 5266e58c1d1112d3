"""The header's fields, one reader each: type line, number and symbol, place and date, issuer, title, period.

Each works on one line (or a few) and on the folded text, so a text without diacritics is read too.
"""

from __future__ import annotations

import datetime
import re

from . import DOCUMENT_TYPES  # defined before __init__ imports the submodules
from .text import DECORATION, fold_same_length, squash, without_motto

# --- type line ------------------------------------------------------------------------------------------------


def type_of_line(text: str, types: tuple[str, ...] | None = None) -> tuple[str | None, str | None]:
    """(type, title written on the same line) when `text` is a document's type line, else (None, None).

    "QUYẾT ĐỊNH", "Q U Y Ế T  Đ Ị N H", "KẾ HOẠCH Tổ chức …" (the type in capitals, then the title). A line
    ending with ":" is not one: "QUYẾT ĐỊNH:" opens a decision's articles."""
    stripped = squash(text)
    if not stripped or stripped.endswith(":") or len(stripped) > 400:
        return None, None
    folded = fold_same_length(stripped)
    compact = folded.replace(" ", "")
    for name in sorted(types or DOCUMENT_TYPES, key=len, reverse=True):
        folded_name = fold_same_length(name)
        if folded == folded_name or compact == folded_name.replace(" ", ""):
            return name, None
        if folded.startswith(folded_name + " ") and stripped[:len(name)].isupper():
            rest = stripped[len(name):].strip(" :-–")
            return (name, rest) if rest else (name, None)
    return None, None


# --- number and symbol ----------------------------------------------------------------------------------------

# "Số: 125/QĐ-UBND", and the Party's "Số 45-QĐ/TU" (number, dash, kind, then the committee after the "/").
_NUMBER = re.compile(r"(?:^|(?<=[\s|:]))so\s*[:.]?[\s.…_]*(?P<n>\d[\w.]*?(?:-[\w]+)?)?[\s.…_]*/", re.IGNORECASE)
_SYMBOL_TOKEN = re.compile(r"[^\s,;]+")


def find_number(text: str) -> re.Match | None:
    """The "Số: …/…" of a line (also blank: "Số: /QĐ-UBND", "Số: …/KH-UBND"); "Số" written with a capital."""
    for match in _NUMBER.finditer(fold_same_length(text)):
        if text[match.start()] in "S":
            return match
    return None


def symbol_after(text: str, position: int) -> str | None:
    """The symbol from `position` (just after the "/"): "QĐ-UBND", also written "QĐ- UBND" or "QĐ -UBND"."""
    return symbol_span(text, position)[0]


def symbol_span(text: str, position: int) -> tuple[str | None, int]:
    """(symbol, where it ends in `text`); (None, position) when nothing follows the "/"."""
    tokens = [(match.start(), match.group()) for match in _SYMBOL_TOKEN.finditer(text, position)]
    if not tokens or tokens[0][0] - position > 2:
        return None, position
    symbol, end = tokens[0][1], tokens[0][0] + len(tokens[0][1])
    for start, token in tokens[1:]:
        if symbol.endswith(("-", "–")) or token.startswith(("-", "–")):
            symbol, end = symbol + token, start + len(token)
        else:
            break
    symbol = symbol.rstrip(".-–)")
    return (symbol, end) if re.search(r"\w", symbol) else (None, position)


# --- place and date -------------------------------------------------------------------------------------------

_DATE = re.compile(r"\bngay\s*(?P<d>\d{1,2})?[\s.…_]*thang\s*(?P<m>\d{1,2})?[\s.…_]*nam\s*(?P<y>\d{4})\b")
_SHORT_DATE = re.compile(r"\bngay\s+(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})\b")


def find_date(text: str) -> re.Match | None:
    folded = fold_same_length(text)
    return _DATE.search(folded) or _SHORT_DATE.search(folded)


def place_before(text: str) -> str | None:
    """The place written before the date ("Lào Cai, ngày …"), without the motto, agency or number beside it."""
    pieces = without_motto(text)
    if not pieces:
        return None
    place = pieces[-1].strip(" ,;:.")
    words = place.split()
    capitals = 0
    while capitals < len(words) and _is_capital_word(words[capitals]):
        capitals += 1
    if capitals >= 3 and capitals < len(words):  # "SỞ NỘI VỤ Lào Cai": the agency flattened before the place
        place = " ".join(words[capitals:])
    return place or None


def _is_capital_word(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def date_from(match: re.Match) -> tuple[datetime.date | None, int, bool]:
    """(date or None, year, valid) of a date match; the date is None when the day or month is blank."""
    year = int(match["y"])
    if not (match["d"] and match["m"]):
        return None, year, True
    try:
        return datetime.date(year, int(match["m"]), int(match["d"])), year, True
    except ValueError:
        return None, year, False


# --- issuer ---------------------------------------------------------------------------------------------------

_NOT_ISSUER = re.compile(r"^(?:du thao|mat|toi mat|khan|hoa toc|thuong khan|mau so.*|ban chinh|sao y.*)$")
# Where an agency's name begins; a line that does not begin so continues the line above ("ỦY BAN NHÂN DÂN" /
# "TỈNH LÀO CAI"), one that does is a new agency under the one above ("UBND TỈNH LÀO CAI" / "SỞ NỘI VỤ").
_AGENCY_HEAD = re.compile(
    r"^(?:uy ban|ubnd|hoi dong|hdnd|so |ban |phong |van phong|bo |cuc |chi cuc|tong cuc|truong |cong an|"
    r"bo chi huy|dang uy|tinh uy|huyen uy|thanh uy|thi uy|quan uy|dang bo|chi bo|mat tran|lien doan|hoi |doan |"
    r"trung tam|benh vien|cong ty|toa an|vien kiem sat|kho bac|thanh tra|chi nhanh|ngan hang|ubmttq|hoi lhpn|"
    r"cong doan|hoc vien|dai hoc|vien |tap doan|tong cong ty|hop tac xa|lien minh)"
)
_CONTINUED = re.compile(r"(?:nhan dan|-|–|,|\bva|\bthi dua|\bkhen thuong)$")


def issuer_groups(texts: list[str]) -> list[str]:
    """The agencies of the header's left column, outermost first: lines in capitals or naming an agency
    ("Về việc …" above a decision's authority is its title, not its issuer)."""
    groups: list[str] = []
    for text in texts:
        for piece in without_motto(text):
            piece = piece.strip(" |")
            folded = fold_same_length(piece).strip()
            if not piece or DECORATION.match(piece) or _NOT_ISSUER.match(folded):
                continue
            if not (_mostly_capitals(piece) or _AGENCY_HEAD.match(folded)) or _NUMBERISH.match(folded):
                continue
            if groups and (not _AGENCY_HEAD.match(folded) or _CONTINUED.search(fold_same_length(groups[-1]))):
                groups[-1] = f"{groups[-1]} {piece}"
            else:
                groups.append(piece)
    return [squash(group) for group in groups]


_NUMBERISH = re.compile(r"^so\s*[:.]?\s*[\d/.…_]")


def _mostly_capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= 0.6 * len(letters)


def _all_capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 4 and all(char.isupper() for char in letters)


_AUTHORITY = re.compile(
    r"^(?:chu tich|pho chu tich|giam doc|pho giam doc|truong ban|bo truong|thu truong|chanh van phong|"
    r"ban thuong vu|ban chap hanh|thuong truc|hoi dong thi dua|uy ban nhan dan|hieu truong|vien truong|"
    r"tong giam doc|cuc truong|chi cuc truong|truong phong|pho truong phong|hieu pho|chanh an|giam doc so)\b"
)


def is_authority(text: str) -> bool:
    """A decision's deciding authority, written in capitals above its legal bases ("CHỦ TỊCH ỦY BAN …")."""
    stripped = squash(text)
    letters = [char for char in stripped if char.isalpha()]
    return (bool(letters) and len(stripped) <= 160 and sum(char.isupper() for char in letters) >= 0.9 * len(letters)
            and bool(_AUTHORITY.match(fold_same_length(stripped))))


# --- title ----------------------------------------------------------------------------------------------------

_BODY_START = re.compile(r"^(?:can cu|\(kem theo|dieu \d|1\.\s|phan i\b|phan thu nhat)")
_ROMAN = re.compile(r"^[IVX]+\.")
# The weak openers ("Thực hiện …") may also open a title, so they end it only after its first line.
_WEAK_BODY_START = re.compile(r"^(?:thuc hien|de|nham|theo|phat huy|tren co so)\b")


# What follows a letter's "V/v …" subject in its left column: the place and date, "Kính gửi", the motto.
_AFTER_SUBJECT = re.compile(r"^(?:kinh gui\b|[^,;:]{2,40},\s*ngay\b)|cong hoa xa hoi|doc lap\s*[-–]")


def ends_title(text: str, parts: list[str]) -> bool:
    folded = fold_same_length(text).strip()
    if _AFTER_SUBJECT.search(folded) or find_number(text):
        return True
    if _BODY_START.match(folded) or _ROMAN.match(text) or (text and DECORATION.match(text)) or text.endswith(":") \
            and text.isupper():
        return True
    if is_authority(text) and parts:
        return True
    if parts and not _mostly_capitals(parts[-1]) and _all_capitals(text):
        return True  # a line in capitals under a title in ordinary case: the deciding authority or a heading
    return bool(_WEAK_BODY_START.match(folded) and (parts or len(text) > 200))


# --- period ---------------------------------------------------------------------------------------------------

_SPAN = r"(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})"
_PERIODS = (
    re.compile(rf"\bgiai doan\s*(?:\d+\s*nam\s*)?\(?\s*{_SPAN}\s*\)?"),
    re.compile(rf"\bnam hoc\s*{_SPAN}"),
    re.compile(rf"\bnhiem ky\s*{_SPAN}"),
    re.compile(rf"\b\d+\s*nam\s*\(\s*{_SPAN}\s*\)"),
    re.compile(rf"(?<!\d){_SPAN}(?!\d)"),
)
_CALENDAR_YEAR = re.compile(r"\bnam\s+(\d{4})(?!\s*[-–—]\s*\d)")


def period_of(title: str) -> tuple[str | None, tuple[int, int] | None]:
    """(period as written, (first, last)) of a title covering several years, or (None, (year, year)) of a
    title naming one calendar year ("năm 2026"), or (None, None)."""
    folded = fold_same_length(title)
    for pattern in _PERIODS:
        for match in pattern.finditer(folded):
            first, last = int(match["a"]), int(match["b"])
            if 1900 <= first < last <= 2100:
                return squash(title[match.start():match.end()]).rstrip(" )") + (
                    ")" if title[match.start():match.end()].count("(") else ""), (first, last)
    years = _CALENDAR_YEAR.findall(folded)
    if years and 1900 <= int(years[-1]) <= 2100:
        return None, (int(years[-1]), int(years[-1]))
    return None, None


def calendar_year_of(title: str) -> int | None:
    """The last "năm YYYY" of a title (a 2027 plan may be signed in December 2026)."""
    years = _CALENDAR_YEAR.findall(fold_same_length(title))
    return int(years[-1]) if years else None
