"""Vietnamese text helpers: normalisation and diacritic folding for search and matching.

Pure functions, no Django. `fold("Nguyễn Văn Đạt") == "nguyen van dat"`.
"""

import re
import unicodedata

from tdkt.lib.hygiene import clean_text

_SPACES = re.compile(r"\s+")
# "đ"/"Đ" are separate letters, not "d" + a combining mark, so NFD does not strip them.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def normalize(text: str) -> str:
    """NFC form with collapsed white space and no control or invisible characters (tdkt.lib.hygiene): the
    canonical stored form of a name."""
    return _SPACES.sub(" ", clean_text(text)).strip()


def fold(text: str) -> str:
    """Lower-case, diacritic-free, single-spaced form used for search and matching."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def title_name(text: str) -> str:
    """Capitalise each word of a personal name ("nguyễn văn an" -> "Nguyễn Văn An")."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in normalize(text).split(" ") if word)
