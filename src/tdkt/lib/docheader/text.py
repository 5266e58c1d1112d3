"""Small text helpers the header reader shares: folding that keeps positions, the national motto, lost diacritics.

Every pattern of the reader runs on the folded text (lower case, no diacritics, đ→d) so that a text which lost
its diacritics ("QUYET DINH", "ngay 12 thang 3 nam 2025") is read like the original; the folding keeps one
character per character, so a match's positions slice the original text (the symbol keeps its "Đ").
"""

from __future__ import annotations

import re
import unicodedata

# The national title and motto, and the Party's title, which stands in their place on a Party committee's documents.
MOTTO = re.compile(r"cong\s+hoa\s+xa\s+hoi(?:\s+chu\s+nghia(?:\s+viet\s+nam)?)?|dang\s+cong\s+san\s+viet\s+nam|"
                   r"doc\s+lap\s*[-–—,]*\s*tu\s+do(?:\s*[-–—,]*\s*hanh\s+phuc)?")
DECORATION = re.compile(r"^[-_=*.~\s|]*$")


def _fold_char(char: str) -> str:
    if char in "đĐðÐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[:1].lower()
    return base if len(base) == 1 else char


def fold_same_length(text: str) -> str:
    """Folded text with one character per input character, so positions found in it are positions in `text`."""
    return "".join(map(_fold_char, unicodedata.normalize("NFC", text)))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def without_motto(text: str) -> list[str]:
    """The pieces of a line around the national title and motto ("ỦY BAN … CỘNG HÒA XÃ HỘI … SỞ NỘI VỤ")."""
    folded = fold_same_length(text)
    pieces, start = [], 0
    for match in MOTTO.finditer(folded):
        pieces.append(text[start:match.start()])
        start = match.end()
    pieces.append(text[start:])
    return [squash(piece).strip(" |-–,;") for piece in pieces if squash(piece).strip(" |-–,;")]


def has_motto(text: str) -> bool:
    return bool(MOTTO.search(fold_same_length(text)))


# Words any Vietnamese administrative text is full of; in a text with no diacritic at all they say that the
# diacritics were lost (an ASCII conversion), not that the text is in another language.
_VIETNAMESE_WORDS = frozenset(("cua", "va", "nam", "ngay", "thang", "quyet", "dinh", "ke", "hoach", "uy", "ban",
                               "nhan", "dan", "tinh", "thuc", "hien", "khen", "thuong", "thi", "dua", "cong", "tac",
                               "so", "ve", "viec", "can", "cu", "cac", "don", "vi", "nhiem", "vu", "huyen", "xa"))


def lost_diacritics(texts: list[str]) -> bool:
    """True when a Vietnamese text carries no diacritic at all (at least 60 letters and 8 Vietnamese words)."""
    letters = marked = 0
    words = 0
    for text in texts:
        for char in text:
            if char.isalpha():
                letters += 1
                if _fold_char(char) != char.lower():
                    marked += 1
        words += sum(1 for word in re.findall(r"[a-z]+", text.lower()) if word in _VIETNAMESE_WORDS)
    return letters >= 60 and words >= 8 and marked == 0
