"""Repairs of the text a PDF's text layer gives back (tdkt.lib.docparse applies them to every .pdf line).

Framework-free. PDF text extraction follows the fonts' own maps, and documents exported from old Word versions,
printed to PDF or scanned and OCR'd give back text a person would not have typed:

- combining marks apart from their letter ("Quye ́t"), spacing accents standing for them ("Quyeˊt"): joined, NFC;
- ligature glyphs (ﬁ ﬂ ﬀ ﬃ ﬄ) spelt out; soft hyphens removed;
- Symbol/Wingdings bullets (private-use U+F0B7, U+F0A7, U+F0D8 …) written as "•";
- glyphs the font could not map (U+FFFD, other private-use characters) kept as U+FFFD and COUNTED, so the caller
  reports the line rather than reading a word with a letter missing;
- a syllable split after its first consonant(s) ("Q uyết đ ịnh", "th ưởng") joined again — only a lone initial
  consonant group before a vowel-led rest that is not itself a word and makes one valid syllable with it.
"""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
              "\ufb06": "st"}
# Bullets of the Symbol and Wingdings fonts as Word exports them (their private-use code points).
_BULLETS = {"\uf0b7": "•", "\uf0a7": "•", "\uf0d8": "•", "\uf076": "•", "\uf0fc": "•", "\uf0a8": "•", "\uf06e": "•",
            "\uf02d": "-", "\uf0e0": "•", "\uf0de": "•"}
# Spacing accents that some fonts map instead of the combining mark (after a vowel only).
_SPACING_ACCENTS = {"\u02cb": "\u0300", "\u02ca": "\u0301", "\u00b4": "\u0301", "\u02dc": "\u0303",
                    "\u02c0": "\u0309"}
_SPACE_BEFORE_MARK = re.compile(r"(?<=\w)\s+(?=[\u0300-\u036f])")
_SPACING_ACCENT = re.compile(r"(?<=[aeiouyăâêôơưAEIOUYĂÂÊÔƠƯ])[\u02cb\u02ca\u00b4\u02dc\u02c0]")
_UNKNOWN = re.compile(r"[\ufffd\ue000-\uf8ff]")


def repair(text: str) -> tuple[str, int]:
    """The line repaired, and how many glyphs could not be read (each now U+FFFD)."""
    for char, spelt in _LIGATURES.items():
        text = text.replace(char, spelt)
    for char, bullet in _BULLETS.items():
        text = text.replace(char, bullet)
    text = text.replace("\u00ad", "")
    text = _SPACE_BEFORE_MARK.sub("", text)
    text = _SPACING_ACCENT.sub(lambda match: _SPACING_ACCENTS[match.group()], text)
    text = unicodedata.normalize("NFC", text)
    text, unknown = _UNKNOWN.subn("\ufffd", text)
    return join_split_syllables(text), unknown


# --- syllables split by a space ---------------------------------------------------------------------

_INITIAL = re.compile(r"(?:ngh|ch|gh|kh|ng|nh|ph|qu|th|tr|[bcdđghklmnpqrstvx])", re.IGNORECASE)
# A short word, one space, then (looked at, not consumed: it may start the next split) a word of letters.
_SPLIT = re.compile(r"(?<![\w.])(?P<head>[^\W\d_]{1,3}) (?=(?P<rest>[^\W\d_]+)(?:[\s,.;:)]|$))")
# The rest of a syllable: vowels (any tone), then an allowed final consonant.
_RHYME = re.compile(r"[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
# Vowel-led words that stand alone in administrative text: a lone letter before them is a list label or an
# initial, not the start of a split word ("điểm đ ông …" is not "đông").
_VOWEL_WORDS = {
    "a", "ai", "an", "anh", "ao", "ăn", "âm", "ấn", "ấp", "ấy", "áp", "án", "ánh", "ảnh", "áo", "ảo", "âu",
    "e", "em", "ép", "ế", "êm", "i", "ích", "im", "ít", "o", "ông", "ống", "ốc", "ổn", "ở", "ơn", "ơi", "u", "uy",
    "ủy", "uỷ", "ủng", "uống", "út", "ưa", "ưu", "ước", "ứng", "ưng", "ương", "ươm", "y", "ý", "yên", "yếu", "yêu",
    "ỷ",
}


def _plain(word: str) -> str:
    """Lowercase letters without tone or shape marks (đ kept): the letters a syllable's shape is checked on."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "\x00"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).replace("\x00", "đ")


def _join(match: re.Match) -> str:
    head, rest = match["head"], match["rest"]
    whole = match.group()  # the head and its space: returned as they are unless the two make one syllable
    if not _INITIAL.fullmatch(head) or _plain(rest)[:1] not in "aeiouy":
        return whole
    if rest.lower() in _VOWEL_WORDS and _plain(head) != "q":
        return whole
    # Same case on both sides: "Q uyết", "Đ ỊNH", "đ ịnh" — not "điểm b Ông".
    if head.islower() != rest.islower() and not (head[0].isupper() and rest.islower()):
        return whole
    plain_head, plain_rest = _plain(head), _plain(rest)
    if plain_head == "q" and not plain_rest.startswith("u"):
        return whole
    if not _RHYME.fullmatch(plain_rest) or len(plain_head + plain_rest) > 7:
        return whole
    return head


def join_split_syllables(text: str) -> str:
    return _SPLIT.sub(_join, text)


def page_has_image(page) -> bool:
    """Whether a pypdf page paints an image of its own (a scanned page, as opposed to a blank one)."""
    try:
        xobjects = page.get("/Resources", {}).get_object().get("/XObject", {}).get_object()
        return any(xobject.get_object().get("/Subtype") == "/Image" for xobject in xobjects.values())
    except Exception:  # noqa: BLE001 — a damaged resource dictionary: not a scan we can vouch for
        return False
