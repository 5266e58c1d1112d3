"""Personal names as units write them in lists: honorifics and titles before the name are taken off and
kept as hints. Pure functions, no Django.

    >>> split_name("PGS.TS. Nguyễn Văn An")
    NameParts(name='Nguyễn Văn An', prefixes=('PGS.', 'TS.'), gender='')
    >>> split_name("Bà  Lê Thị   Chi").gender
    'female'

Rules (applied again and again at the start of the name, so chains such as "Đ/c Đại tá Nguyễn Văn B" or
"PGS.TS. Nguyễn Văn A" lose every prefix; case-insensitive, Unicode NFC, spaces collapsed):

- **Always taken off** when something follows: "Đồng chí", "Đ/c" (also "Đ/C", "đ.c"); degrees written out
  ("Thạc sĩ", "Tiến sĩ", "Phó Giáo sư", "Bác sĩ", "Kỹ sư", "Cử nhân", "Luật sư"…); academic and
  professional titles GS, PGS, TS, TSKH, ThS, BS, BSCKI, BSCKII (also "BS.CKII", "BS CK1"), DS, DSCKI/II, KS,
  CN, NGƯT, NGND, TTƯT, TTND, NSƯT, NSND (with or without dots and diacritics, glued to the name or not:
  "TS.Nguyễn"); military and police ranks (Đại tướng … Thiếu úy, Đại tá, Thượng tá, Trung tá, Thiếu tá…).
  Abbreviations written without a dot need a space after them ("TS Nguyễn"), so "Tsằn" is never cut.
- **Taken off only when what remains is still a plausible full name of at least two words** (or when
  nothing at all remains, so that a row holding only "Ông" is reported as such): Ông, Bà, Anh, Chị, Thầy,
  Cô. "Anh" and "Chị" are also given and middle names ("Nguyễn Thị Anh", "Lê Anh Tuấn"), and "Cô" can be a
  given name, but none of them stands first in a Vietnamese full name, so "Anh Tuấn" stays as written.
  Ông/Anh/Thầy give the gender male, Bà/Chị/Cô female.

`strip_name(strip_name(x)) == strip_name(x)`, and a stripped name never starts with a prefix these rules
would take off (property-tested in tests/lib/test_names.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tdkt.lib.vntext import normalize

MALE, FEMALE = "male", "female"

# Prefixes taken off whenever a name follows. Each is a regex over the NFC text, matched case-insensitively;
# it must be followed by a dot, a space or the end (ranks and words: a space or the end).
_ABBREVIATIONS = (
    r"pgs", r"gs", r"tskh", r"ts", r"ths", r"bs\.?\s?ck\s?(?:ii|i|1|2)", r"bscc", r"bs", r"ds\.?\s?ck\s?(?:ii|i|1|2)",
    r"ds", r"ks", r"kts", r"cn", r"ng[uư]t", r"ngnd", r"tt[uư]t", r"ttnd", r"ns[uư]t", r"nsnd", r"l[uư]ơng y",
    r"[đd]\s?/\s?c", r"[đd]\.c",
)
_WORDS = (
    r"đồng chí", r"dong chi",
    # Degrees and professions written out ("Thạc sĩ Lê Văn A"): no Vietnamese full name starts with them.
    r"phó giáo sư", r"giáo sư", r"tiến sĩ", r"tiến sỹ", r"thạc sĩ", r"thạc sỹ", r"bác sĩ", r"bác sỹ",
    r"dược sĩ", r"dược sỹ", r"kỹ sư", r"kĩ sư", r"cử nhân", r"nhà giáo", r"luật sư",
    r"đại tướng", r"thượng tướng", r"trung tướng", r"thiếu tướng",
    r"đại tá", r"thượng tá", r"trung tá", r"thiếu tá",
    r"đại úy", r"đại uý", r"thượng úy", r"thượng uý", r"trung úy", r"trung uý", r"thiếu úy", r"thiếu uý",
)
# Honorifics that are also (middle or given) name words: only before a name of two words or more.
_COURTESY = {"ông": MALE, "bà": FEMALE, "anh": MALE, "chị": FEMALE, "thầy": MALE, "cô": FEMALE}

_ALWAYS = re.compile(
    r"^(?:(?:" + "|".join(_ABBREVIATIONS) + r")(?:\s*\.\s*|\s+|$)|(?:" + "|".join(_WORDS) + r")(?:\s+|\s*[.:,]\s*|$))",
    re.IGNORECASE)
_COURTESY_RE = re.compile(r"^(" + "|".join(_COURTESY) + r")(?:\s*[.:,]\s*|\s+|$)", re.IGNORECASE)
_LEADING_JUNK = re.compile(r"^[\s\-–—:,.;]+")


@dataclass(frozen=True)
class NameParts:
    name: str  # the name without its prefixes, NFC, single-spaced, case as written
    prefixes: tuple[str, ...] = ()  # the prefixes as written, in order
    gender: str = ""  # MALE / FEMALE from Ông, Bà, Anh, Chị, Thầy, Cô; "" otherwise

    @property
    def only_prefixes(self) -> bool:
        return not self.name and bool(self.prefixes)


def _strip_one(text: str) -> tuple[str, str, str] | None:
    """(prefix as written, rest, gender) when `text` starts with a prefix the rules take off, else None."""
    match = _ALWAYS.match(text)
    if match and match.end() > 0:
        rest = _LEADING_JUNK.sub("", text[match.end():])
        return match.group(0).strip(), rest, ""
    match = _COURTESY_RE.match(text)
    if match:
        rest = _LEADING_JUNK.sub("", text[match.end():])
        words = len(rest.split())
        if words >= 2 or words == 0:
            return match.group(1), rest, _COURTESY[match.group(1).lower()]
    return None


def split_name(text: str) -> NameParts:
    """The name and the prefixes taken off it (see the module's rules)."""
    rest = normalize(unicodedata.normalize("NFC", text or ""))
    prefixes: list[str] = []
    gender = ""
    while rest:
        found = _strip_one(rest)
        if found is None:
            break
        prefix, rest, hint = found
        prefixes.append(prefix)
        gender = gender or hint
    return NameParts(rest, tuple(prefixes), gender)


def strip_name(text: str) -> str:
    return split_name(text).name


def starts_with_prefix(text: str) -> bool:
    """Would `split_name` take something off the start of `text`?"""
    return _strip_one(normalize(text)) is not None


def display_case(name: str) -> str:
    """A name written all in capitals or all in small letters, in the usual case ("NGUYỄN VĂN AN" → "Nguyễn Văn
    An"); a name written in mixed case is kept as written."""
    name = normalize(name)
    letters = [ch for ch in name if ch.isalpha()]
    if letters and (all(ch.isupper() for ch in letters) or all(ch.islower() for ch in letters)):
        return " ".join(word[:1].upper() + word[1:].lower() for word in name.split(" "))
    return name


def vietnamese_order(family: str, given: str) -> str:
    """A full name in Vietnamese order, the family name first ("Nguyễn" + "Thu Lan" → "Nguyễn Thu Lan").

    Django's own AbstractUser.get_full_name writes "first last", the Western order ("Thu Lan Nguyễn"): every name
    the application composes from parts goes through here instead."""
    return normalize(" ".join(part for part in (family or "", given or "") if part and part.strip()))


def display_name(someone) -> str:
    """The one name the application shows for a user (or anything with `full_name`, `last_name`, `first_name`):
    the full name as recorded, else family and given names in Vietnamese order, else the username — only for an
    account nobody gave a name, so that it can still be told apart. "" for None."""
    if someone is None:
        return ""
    name = normalize(getattr(someone, "full_name", "") or "")
    if not name:
        name = vietnamese_order(getattr(someone, "last_name", ""), getattr(someone, "first_name", ""))
    return name or getattr(someone, "username", "") or ""
