"""Small text helpers shared by the body and recipient readers.

`key(text)` folds each character on its own (lower case, no diacritics, đ → d) so that a match found in
the key is at the same offsets in the text: patterns are written once, without diacritics, and work on
texts that lost theirs; what is kept is always sliced from the text as written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = re.compile(r"[«»“”„\"‘’‹›]")
_SPACES = re.compile(r"\s+")

# What grants an award, at the start of what is granted ("Tặng Bằng khen …", "Công nhận danh hiệu …").
GRANT = re.compile(r"(?<![\w])(tang thuong|truy tang|tang|cong nhan|khen thuong)\s+(?=\S)")
# Where the award form ends in a sentence: its recipients, reasons, the year of the achievements.
_AWARD_END = re.compile(
    r"\s*[(:;,]|\s+(?:cho|doi voi|vi|da|ve|tai|theo)(?![\w])|\s+(?:nam hoc|nam|giai doan)\s+\d{4}"
    r"|\s+(?:de(?! nghi)|nham|nhu sau)(?![\w])|\s+\d+\s+(?:tap the|ca nhan|ho)(?![\w])|\s*\.\s*$|\s+(?:co|co ten|sau)\s*:")
# Words that name an award form or title: a heading holding one carries the award for what follows.
AWARD_WORDS = re.compile(
    r"(?<![\w])(bang khen|giay khen|co thi dua|danh hieu|huan chuong|huy chuong|ky niem chuong|"
    r"chien si thi dua|lao dong tien tien|chien si tien tien|tap the lao dong|don vi quyet thang|"
    r"anh hung|nha giao|thay thuoc)(?![\w])")
# Generic wording that names no particular form: the forms are then in the group headings.
GENERIC_AWARDS = {"danh hieu thi dua", "danh hieu", "khen thuong", "hinh thuc khen thuong",
                  "danh hieu thi dua va hinh thuc khen thuong", "danh hieu thi dua, hinh thuc khen thuong"}
# "cho 05 tập thể và 12 cá nhân": the counts an article announces.
COUNT = re.compile(r"(?<![\w/])(\d{1,5})\s+(tap the|ca nhan|ho gia dinh|gia dinh|ho|dong chi|nguoi|"
                   r"ong \(ba\)|ong/ba|don vi)(?![\w])")


@lru_cache(maxsize=4096)
def _char_key(ch: str) -> str:
    if ch in "đĐðÐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


def key(text: str) -> str:
    """`text` folded character by character (same length, same offsets)."""
    return "".join(_char_key(ch) for ch in text)


def tidy(text: str) -> str:
    """Spaces collapsed and quotes taken off (award forms are compared without them)."""
    return _SPACES.sub(" ", _QUOTES.sub("", text)).strip()


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def award_after(text: str, start: int) -> str:
    """The award form written from `start` in `text`, up to where the sentence goes on to its recipients."""
    rest = tidy(text[start:])
    folded = key(rest)
    end = _AWARD_END.search(folded)
    award = rest[: end.start()] if end else rest
    return award.strip(" .,;:-–")


def is_generic(award: str) -> bool:
    return key(tidy(award)).strip(" .") in GENERIC_AWARDS or not AWARD_WORDS.search(key(award))


def granted_award(text: str) -> str | None:
    """The specific award form a sentence grants ("… tặng Bằng khen của Chủ tịch UBND tỉnh cho …"), or None
    when it grants none or names it generically ("danh hiệu thi đua")."""
    text = tidy(text)
    for match in GRANT.finditer(key(text)):
        award = award_after(text, match.end())
        if award and not is_generic(award):
            return capitalised(award)
    return None


def heading_award(text: str) -> str | None:
    """The award a heading names: "Danh hiệu Lao động tiên tiến:", "BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
    "Tặng Giấy khen cho:"."""
    found = granted_award(text)
    if found:
        return found
    text = tidy(text)
    match = AWARD_WORDS.search(key(text))
    if not match or match.start() > 2:
        return None
    award = award_after(text, match.start())
    return capitalised(award) if award and not is_generic(award) else None


def announced_count(text: str) -> int:
    """How many recipients a sentence announces ("cho 05 tập thể và 12 cá nhân" → 17); 0 when none."""
    return sum(int(match[1]) for match in COUNT.finditer(key(text)))
