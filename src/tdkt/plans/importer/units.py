"""Splitting a unit cell ("Sở Nội vụ. - Văn phòng UBND tỉnh phối hợp.") into lead and coordinating names.

Separators are ";", ",", "và", " - ", bullets and new lines, but a separator only splits when what
follows it starts a new unit name ("Sở …", "UBND …", "các …"): so "Sở Văn hóa, Thể thao và Du lịch"
and "Ban Thi đua - Khen thưởng" stay whole, while "Văn phòng UBND tỉnh, các cơ quan, đơn vị, địa
phương" gives two names (a unit and a group). Known multi-part names and the registry's own names are
protected outright. A sentence that says "phối hợp" lists coordinating units; "chủ trì" marks a lead.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# Official names that contain a separator; matched on folded text anywhere in the cell.
KNOWN_UNIT_NAMES = (
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa và Thể thao", "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường", "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Lao động - Thương binh và Xã hội",
    "Sở Thông tin và Truyền thông", "Sở Dân tộc và Tôn giáo", "Sở Kế hoạch và Đầu tư",
    "Ban Thi đua - Khen thưởng", "Hội đồng Thi đua - Khen thưởng", "Hội đồng Thi đua, Khen thưởng",
    "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ban Tuyên giáo và Dân vận", "Báo và Phát thanh, Truyền hình",
    "Đài Phát thanh và Truyền hình", "Bộ Chỉ huy Bộ đội Biên phòng", "Liên minh Hợp tác xã",
    "Phòng Tổ chức - Hành chính - Quản trị", "Ngành Giáo dục và Đào tạo", "Khoa học và Công nghệ",
    "Giáo dục và Đào tạo", "Văn hóa, Thể thao và Du lịch", "Lao động, Thương binh và Xã hội",
)
# Plural groups ("các sở, ban, ngành", "UBND các xã, phường"): one entry, flagged later as a group.
_GENERIC = (r"(?:co quan|don vi|dia phuong|so|ban|nganh|doan the|to chuc|doanh nghiep|xa|phuong|dac khu|hoi|"
            r"khoi(?: thi dua)?|cum(?: thi dua)?|truong|hop tac xa)")
_GROUP = re.compile(
    r"\b(?:(?:ubnd|uy ban nhan dan)\s+)?(?:cac|moi|tat ca)\s+" + _GENERIC
    + r"(?:\s*(?:,|va)\s*" + _GENERIC + r")*"
    + r"(?:\s+(?:lien quan|thuoc tinh|truc thuoc tinh|trong tinh|cua tinh|tren dia ban tinh))?"
)
# The words a unit name starts with. Case matters: "Sở Nội vụ" starts a name, "sở, ban, ngành"
# continues a group. "Xã hội" is part of a name, not a commune.
UNIT_HEAD = re.compile(
    r"^(?:UBND|HĐND|ỦY BAN|Ủy ban|Uỷ ban|Văn phòng|VP\b|Công an|Bộ Chỉ huy|Bộ chỉ huy|BCH|Bộ đội|Chi cục|Cục|"
    r"Kho bạc|Ngân hàng|Thanh tra|Tỉnh ủy|Tỉnh uỷ|Tỉnh đoàn|Liên đoàn|Liên minh|Mặt trận|MTTQ|Hội đồng|HĐTĐKT|"
    r"Ban|Sở|Bộ|Báo|Đài|Trung tâm|Trường|Bệnh viện|Viện|Phòng|Hội|Đoàn|Đảng ủy|Đảng uỷ|Đảng bộ|Công ty|"
    r"Tổng công ty|Chi nhánh|Hợp tác xã|Doanh nghiệp|Thành viên|Trưởng|Phó|Cụm|Khối|Chủ tịch|Giám đốc|"
    r"Thủ trưởng|Lãnh đạo|Người đứng đầu|Cơ quan|Các|các|Toàn thể|Tất cả|Xã(?! hội)|Phường|Thành phố|Tỉnh|"
    r"Huyện|Đặc khu|Quân)(?=$|[\s,.;:-])"
)
_SENTENCE_END = re.compile(r"\.(?=\s*(?:[-+•*]\s|$))|\n")
_BULLET = re.compile(r"^\s*[-+•*–]\s*")
_SEPARATOR = re.compile(r"\s*(?:,|;|\s(?:và|cùng)\s|\s[-–]\s|\s[+•]\s)\s*")
_COORDINATING = re.compile(r"\(?\s*\b(?:cùng\s+)?phối hợp(?:\s+thực hiện)?\s*\)?", re.IGNORECASE)
_LEAD_MARK = re.compile(r"\(?\s*\b(?:chủ trì(?:\s*,?\s*(?:tham mưu|thực hiện))?)\s*\)?", re.IGNORECASE)
_TRIM = " .;,:-–•+*\u00a0"


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    base = base.lower().replace("đ", "d")
    return base[:1] if base else char


def fold_keep_length(text: str) -> str:
    """Folded text (lower case, no diacritics, đ→d) with one character per input character,
    so positions found in it are positions in the original."""
    return "".join(map(_fold_char, text))


def split_unit_cell(text: str, known_names: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """(lead, coordinating) names of one cell; unmarked names are leads."""
    lead: list[str] = []
    coordinating: list[str] = []
    protected_names = _protected_patterns(tuple(known_names))
    for sentence in _SENTENCE_END.split(text or ""):
        sentence = _BULLET.sub("", sentence).strip(_TRIM)
        if not sentence:
            continue
        sentence_coordinates = bool(_COORDINATING.search(sentence))
        for piece in split_names(sentence, protected_names):
            if _LEAD_MARK.search(piece):
                target = lead
            elif _COORDINATING.search(piece) or sentence_coordinates:
                target = coordinating
            else:
                target = lead
            name = _clean_name(_LEAD_MARK.sub(" ", _COORDINATING.sub(" ", piece)))
            if name and name not in target:
                target.append(name)
    return lead, coordinating


def split_names(sentence: str, protected_names: tuple[re.Pattern, ...] = ()) -> list[str]:
    """Names in one sentence: split at separators unless the next part does not start a name."""
    protected = _protected_spans(sentence, protected_names)
    pieces: list[str] = []
    start = 0
    for match in _SEPARATOR.finditer(sentence):
        if any(low <= match.start() < high for low, high in protected):
            continue
        following = _BULLET.sub("", sentence[match.end():])
        hard = match.group().strip() == ";"
        if hard or UNIT_HEAD.match(following) or _starts_protected(match.end(), protected):
            pieces.append(sentence[start:match.start()])
            start = match.end()
    pieces.append(sentence[start:])
    return [piece for piece in (p.strip(_TRIM) for p in pieces) if piece]


@functools.lru_cache(maxsize=16)
def _protected_patterns(names: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """The group grammar, and one alternation of every known name that contains a separator
    (longest first, so "Sở Văn hóa, Thể thao và Du lịch" wins over "Văn hóa, Thể thao và Du lịch")."""
    words = sorted({fold_keep_length(name).strip() for name in (*KNOWN_UNIT_NAMES, *names) if name and len(name) > 3},
                   key=len, reverse=True)
    alternatives = [re.escape(word) for word in words if _has_separator(word)]
    return (_GROUP, re.compile(r"\b(?:" + "|".join(alternatives) + r")\b"))


def _has_separator(folded_name: str) -> bool:
    return bool(re.search(r",|;|\sva\s|\s[-–]\s", folded_name))


def _protected_spans(sentence: str, patterns: tuple[re.Pattern, ...]) -> list[tuple[int, int]]:
    folded = fold_keep_length(sentence)
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        for match in pattern.finditer(folded):
            if not any(low <= match.start() < high for low, high in spans):
                spans.append((match.start(), match.end()))
    return spans


def _starts_protected(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(low == position for low, _ in spans)


def _clean_name(name: str) -> str:
    name = _BULLET.sub("", name)
    name = re.sub(r"\s+", " ", name).strip(_TRIM)
    return re.sub(r"\s*\(\s*\)$", "", name)
