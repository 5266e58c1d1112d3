"""One recipient from what a list writes: "Ông Nguyễn Văn An, Trưởng phòng Tổ chức, Sở Nội vụ",
"Phòng Nội vụ huyện A", "Hộ ông Lê Văn C, thôn 3, xã B" → name (honorifics and titles taken off with
tdkt.lib.names), kind, position, unit, birth. Also the splitting of prose ("…: A, chức vụ; B, chức vụ; và C").

Never invents: an entry whose name cannot be read is returned as a Finding naming its line.
"""

from __future__ import annotations

import re

from tdkt.lib.names import starts_with_prefix, strip_name

from .model import COLLECTIVE, HOUSEHOLD, INDIVIDUAL, Finding, Recipient
from .text import key, tidy

# The first word(s) of a collective's name (folded); "truong" is checked on the written word (Trường, not
# Trưởng), see _is_collective.
_COLLECTIVE_STARTS = (
    "phong ", "tap the ", "ban ", "uy ban ", "ubnd ", "hdnd ", "cong ty ", "tram ", "doi ", "lop ", "to ",
    "khoa ", "so ", "benh vien ", "trung tam ", "chi cuc ", "cuc ", "van phong ", "hoi ", "lien doan ",
    "hop tac xa ", "htx ", "chi bo ", "dang bo ", "dang uy ", "cong an ", "ngan hang ", "kho bac ",
    "chi nhanh ", "thon ", "ban ", "to dan pho ", "khu dan cu ", "xa ", "phuong ", "thi tran ", "huyen ",
    "thanh pho ", "thi xa ", "tinh doan ", "bo ", "vien ", "bao ", "dai ", "dien luc ", "bao hiem ",
    "toa an ", "chi hoi ", "hat kiem lam ", "don bien phong ", "mat tran ", "nha may ", "xi nghiep ",
    "trung doan ", "tieu doan ", "su doan ", "thanh tra ", "doan thanh nien ", "doan tncs ", "doan khoi ",
    "bch ", "ban chi huy ", "mam non ", "truong ",
)
_HOUSEHOLD = re.compile(r"^(?:ho gia dinh|gia dinh|ho)\s+(?=\S)")
# Where the unit begins after a position written without a comma ("Phó Giám đốc Sở Tư pháp"): a
# capitalised unit word, not a position that starts with one ("Đội trưởng", "Tổ phó").
_UNIT_WORD = re.compile(
    r"(?<![\w])(?:Sở|Phòng|Ban|Trường|Trung tâm|UBND|Ủy ban|Uỷ ban|Công ty|Trạm|Bệnh viện|Chi cục|Cục|"
    r"Văn phòng|Hội|Liên đoàn|Huyện|Thành phố|Thị xã|Xã|Phường|Thị trấn|Bộ|Viện|Đảng ủy|Đảng bộ|Công an|"
    r"Ngân hàng|Kho bạc|Chi nhánh|Hợp tác xã|Tòa án|Báo|Đài|Tỉnh đoàn|Mặt trận|Khoa|Lớp|Đội|Tổ|Chi bộ|"
    r"Thanh tra|Bảo hiểm|Điện lực|Thôn|Bản|Nhà máy|Xí nghiệp|Bộ Chỉ huy|Ban Chỉ huy)(?![\w])"
    r"(?!\s+(?:trưởng|phó|viên|chức|lái|xe))")
_BIRTH = re.compile(r"^(?:sinh\s+(?:nam|ngay)\s*:?\s*|ns\s*:?\s*|nam sinh\s*:?\s*)?"
                    r"(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|(?:19|20)\d{2})$")
_BIRTH_PAREN = re.compile(r"\s*\((?:sinh\s+(?:nam|ngay)\s*)?(\d{1,2}/\d{1,2}/\d{4}|(?:19|20)\d{2})\)")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’-]*$")
_TRAILING = " ;.,:-–"
_FOLDED_HONORIFIC = re.compile(r"^(?:Ong|Ba|Dong chi|D/c|ong|ba|dong chi|d/c|ONG|BA|DONG CHI)\s+")


def kind_of(name: str) -> str:
    folded = key(tidy(name)) + " "
    if _HOUSEHOLD.match(folded):
        return HOUSEHOLD
    if folded.startswith("truong "):
        # Trường (a school) is a collective; Trưởng (a head) is a position, never a name.
        return COLLECTIVE if name.lstrip()[:6].lower().startswith(("trường", "truong")) else INDIVIDUAL
    return COLLECTIVE if folded.startswith(_COLLECTIVE_STARTS) else INDIVIDUAL


def _strip_folded_honorific(name: str) -> str:
    """A text that lost its diacritics writes "Ong", "Ba", "Dong chi" (which tdkt.lib.names does not know):
    taken off only in such a text (no letter with a diacritic) and before a name of two words or more."""
    if name.isascii() and (found := _FOLDED_HONORIFIC.match(name)) and len(name[found.end():].split()) >= 2:
        return name[found.end():]
    return name


def plausible_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 7 and all(_NAME_WORD.match(word) and word[0].isupper() for word in words)


# Words that begin a position written right after a name in a table row that lost its cells.
_POSITION_WORD = re.compile(
    r"(?:Giám đốc|Phó|Trưởng|Chủ tịch|Bí thư|Chuyên viên|Giáo viên|Giảng viên|Bác sĩ|Y sĩ|Dược sĩ|Điều dưỡng|"
    r"Hộ sinh|Kế toán|Nhân viên|Cán bộ|Công chức|Viên chức|Hiệu trưởng|Hiệu phó|Thư ký|Văn thư|Kỹ sư|Chánh|"
    r"Cục trưởng|Chi cục trưởng|Đội trưởng|Tổ trưởng|Thượng tá|Trung tá|Thiếu tá|Đại úy|Thượng úy|Trung úy|"
    r"Công nhân|Nông dân|Học sinh|Sinh viên|Phóng viên|Biên tập viên|Kiểm soát viên|Thanh tra viên)(?![\w])")
# Where a name most often ends: three words first, then four, two and five ("Lò Văn Bình", "Nguyễn Thị Thu Hà").
_NAME_LENGTHS = (3, 4, 2, 5)


def split_flat_row(text: str) -> str:
    """A list table's row whose cells were lost (OCR, a PDF's text): "Lò Văn Bình Sở Y tế" → "Lò Văn Bình, Sở Y
    tế", the name ending where a position or unit word begins. Unchanged when the row already has its comma,
    names a collective, or no such word follows a plausible name (then the entry reads as it is)."""
    text = tidy(text)
    words = text.split()
    if kind_of(text) != INDIVIDUAL or ("," in text and plausible_person(text.split(",")[0].strip())):
        return text
    for length in _NAME_LENGTHS:
        tail = " ".join(words[length:])
        if length >= len(words) or _POSITION_WORD.fullmatch(words[length - 1]):
            continue  # nothing after the name, or it would end on "Phó" ("Lê An Phó Hiệu trưởng")
        if tail and plausible_person(" ".join(words[:length])) and (_UNIT_WORD.match(tail)
                                                                     or _POSITION_WORD.match(tail)):
            return f"{' '.join(words[:length])}, {tail}"
    return text


def split_position_unit(rest: str) -> tuple[str, str, bool]:
    """(position, unit, guessed): "Trưởng phòng Công chức, viên chức, Sở Nội vụ" → the unit begins at the
    first comma-separated part that begins with a unit word (else after the first comma; all of it is the unit
    when it begins with one); without a comma the unit begins at its first unit word ("Phó Giám đốc Sở Tư
    pháp"), a guess."""
    rest = rest.strip(_TRAILING)
    if not rest:
        return "", "", False
    found = _UNIT_WORD.search(rest)
    if found and found.start() == 0:
        return "", rest, False
    segments = [segment.strip() for segment in rest.split(",")]
    for index in range(1, len(segments)):
        if _UNIT_WORD.match(segments[index].strip()):
            return ", ".join(segments[:index]).strip(_TRAILING), ", ".join(segments[index:]).strip(_TRAILING), False
    if len(segments) > 1:
        return segments[0].strip(_TRAILING), ", ".join(segments[1:]).strip(_TRAILING), False
    if found:
        return rest[: found.start()].strip(_TRAILING), rest[found.start():].strip(_TRAILING), True
    return rest, "", True


def parse_entry(text: str, *, line: int, page: int | None, award: str, confidence: float, group: str = "",
                kind_hint: str = "") -> Recipient | Finding | None:
    """One entry of a list (its marker already taken off). None for an empty entry."""
    text = tidy(text).strip(_TRAILING)
    if key(text).startswith("va "):
        text = text[3:].strip()
    if not text:
        return None
    birth = ""
    if found := _BIRTH_PAREN.search(text):
        birth, text = found[1], (text[: found.start()] + text[found.end():]).strip()
    segments = [segment.strip() for segment in text.split(",")]
    for index, segment in enumerate(segments[1:], start=1):
        if found := _BIRTH.match(key(segment)):
            birth = birth or segment[found.start(1):].replace(" ", "")
            del segments[index]
            break
    first, rest = segments[0], ", ".join(segments[1:])
    kind = kind_of(first)
    if kind_hint and kind != HOUSEHOLD and not starts_with_prefix(first):  # "Ông …" under "I. TẬP THỂ" is a person
        kind = kind_hint if kind_hint != HOUSEHOLD else kind
    if kind == HOUSEHOLD:
        head = _HOUSEHOLD.match(key(first) + " ")
        name = strip_name(first[head.end():]) if head else strip_name(first)
        position, unit, guessed = "", rest, False
    elif kind == COLLECTIVE:
        name = first
        if key(name).startswith("tap the ") and len(name.split()) > 2:
            name = name[8:].strip()
        position, unit, guessed = "", rest, False
    else:
        name = _strip_folded_honorific(strip_name(first))
        position, unit, guessed = split_position_unit(rest)
    readable = (bool(name) and name[0].isupper()) if kind == COLLECTIVE else plausible_person(name)
    if not readable:
        return Finding(line, f"Dòng {line}: không tách được họ tên từ «{_short(text)}».", page)
    return Recipient(name=name, kind=kind, award=award, line=line, confidence=confidence - (0.1 if guessed else 0),
                     position=position, unit=unit, birth=birth, group=group, page=page)


def split_prose(text: str) -> tuple[list[str], bool]:
    """The entries of a sentence listing recipients, and whether the split was guessed: entries separated by
    semicolons ("A, chức vụ; B, chức vụ; và C, …") are sure; without semicolons, names are separated by
    commas and "và" ("Phòng Nội vụ huyện A, Trường THCS B và Trạm Y tế xã C")."""
    text = text.strip(_TRAILING)
    if ";" in text:
        return [part for part in (p.strip() for p in text.split(";")) if part], False
    parts: list[str] = []
    for part in text.split(","):
        parts.extend(piece for piece in re.split(r"\s+và\s+|\s+va\s+", part.strip()) if piece)
    return parts, len(parts) > 1


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "…"


_SECTION_PREFIX = re.compile(r"^\s*(?:[IVXLC]{1,6}|[A-ZĐ]|\d{1,2})\s*[.)]\s*")
_KIND_SECTIONS = {
    "tap the": COLLECTIVE, "cac tap the": COLLECTIVE, "khen thuong tap the": COLLECTIVE, "doi voi tap the": COLLECTIVE,
    "ca nhan": INDIVIDUAL, "cac ca nhan": INDIVIDUAL, "khen thuong ca nhan": INDIVIDUAL, "doi voi ca nhan": INDIVIDUAL,
    "ho gia dinh": HOUSEHOLD, "cac ho gia dinh": HOUSEHOLD, "gia dinh": HOUSEHOLD, "ho": HOUSEHOLD,
}


def kind_hint_of(text: str) -> str:
    """The kind a section heading announces ("I. TẬP THỂ", "Cá nhân (12 người):"), or ""."""
    folded = key(tidy(_SECTION_PREFIX.sub("", text)))
    folded = re.sub(r"\(.*?\)|[:\d.]", " ", folded)
    return _KIND_SECTIONS.get(" ".join(folded.split()), "")
