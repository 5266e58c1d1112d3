"""Vietnamese written in the legacy 8-bit encodings, TCVN3 (ABC) and VNI-Windows, converted to Unicode NFC.

Framework-free. Before Unicode, provincial offices typed in fonts that drew Vietnamese letters over Latin-1 code
points: TCVN3 (TCVN 5712:1993, fonts ".VnTime", ".VnArial"…) gives each toned letter one byte in 0xA1–0xFE;
VNI-Windows (fonts "VNI-Times"…) writes the base letter then one mark character ("Vieät" = Việt). Read without
the font — a .txt file, text copied from an old PDF, a .docx run once its font is ignored — they show as
"ViÖt Nam" or "Vieät Nam". The tables below are written from the encodings' definitions: each Vietnamese vowel
with its six tones (none, huyền, hỏi, ngã, sắc, nặng).

TCVN3 has no capital toned letters: documents used a second font (".VnTimeH", names ending in "H") drawing
capitals at the lowercase positions. `to_unicode(text, "TCVN3", capitals=True)` reads such a run; in plain text,
a word whose other letters are all capitals ("QUYÕT" = QUYẾT) is taken as written in that capital font.
"""

from __future__ import annotations

import re
import unicodedata

from docx.oxml.ns import qn

TCVN3 = "TCVN3"
VNI = "VNI"

# The tones in table order, as Unicode combining marks: none, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc),
# dot below (nặng).
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")


def _toned(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONES[tone])


# TCVN3: per base vowel, the code of each tone in _TONES order (None: the base letter itself, unchanged).
_TCVN3_VOWELS = {
    "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
# The untoned capitals the normal font has, and đ/Đ.
_TCVN3_OTHERS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7, "đ": 0xAE}

TCVN3_DECODE: dict[str, str] = {chr(code): letter for letter, code in _TCVN3_OTHERS.items()}
for _base, _codes in _TCVN3_VOWELS.items():
    for _tone, _code in enumerate(_codes):
        if _code is not None:
            TCVN3_DECODE[chr(_code)] = _toned(_base, _tone)
TCVN3_ENCODE: dict[str, str] = {letter: char for char, letter in TCVN3_DECODE.items()}
# A capital toned letter is written with the capital font at its lowercase position.
for _char, _letter in list(TCVN3_DECODE.items()):
    if _letter.upper() not in TCVN3_ENCODE:
        TCVN3_ENCODE[_letter.upper()] = _char

# VNI-Windows: the mark characters that follow a base letter (lowercase; the capital font uses their capitals).
_VNI_TONE_MARKS = {"ø": 1, "û": 2, "õ": 3, "ù": 4, "ï": 5}  # on any vowel
_VNI_CIRCUMFLEX = {"â": 0, "à": 1, "å": 2, "ã": 3, "á": 4, "ä": 5}  # a e o → â ê ô, with a tone
_VNI_BREVE = {"ê": 0, "è": 1, "ú": 2, "ü": 3, "é": 4, "ë": 5}  # a → ă, with a tone
# Letters VNI draws as one character: đ, ư, ơ, and i/y with some tones.
_VNI_SINGLE = {"ñ": "đ", "ö": "ư", "ô": "ơ", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "í": "í", "ò": "ị", "î": "ỵ"}

VNI_ENCODE: dict[str, str] = {}
VNI_DECODE: dict[str, str] = {}


def _vni_entry(letter: str, code: str) -> None:
    for case_letter, case_code in ((letter, code), (letter.upper(), code.upper())):
        VNI_ENCODE.setdefault(case_letter, case_code)
        VNI_DECODE.setdefault(case_code, case_letter)


for _char, _letter in _VNI_SINGLE.items():
    _vni_entry(_letter, _char)
for _base in "aeiouy":
    for _mark, _tone in _VNI_TONE_MARKS.items():
        _vni_entry(_toned(_base, _tone), _base + _mark)
for _base, _shaped in (("a", "â"), ("e", "ê"), ("o", "ô")):
    for _mark, _tone in _VNI_CIRCUMFLEX.items():
        _vni_entry(_toned(_shaped, _tone), _base + _mark)
for _mark, _tone in _VNI_BREVE.items():
    _vni_entry(_toned("ă", _tone), "a" + _mark)
for _base, _single in (("ư", "ö"), ("ơ", "ô")):
    for _mark, _tone in _VNI_TONE_MARKS.items():
        _vni_entry(_toned(_base, _tone), _single + _mark)
# The longest sequences first, so "oâ" (ô) is taken before "ô" (ơ) followed by something else.
_VNI_PATTERN = re.compile("|".join(re.escape(code) for code in sorted(VNI_DECODE, key=len, reverse=True)))
_TCVN3_PATTERN = re.compile("[" + "".join(re.escape(char) for char in TCVN3_DECODE) + "]")


# --- detection ------------------------------------------------------------------------------------

# TCVN3 read as Latin-1 shows "¸ µ ¶ · ¹ ¨ © ® « ¬ ª" and the soft hyphen glued to ASCII letters ("ViÖt", "®ua",
# "th\xadëng"). Genuine Unicode Vietnamese never has those marks inside words.
_TCVN3_MARKS = "¸µ¶·¹¨©®«¬ª\xad¡¢£¤¥¦§»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞß"
_TCVN3_HINT = re.compile(rf"[A-Za-z][{_TCVN3_MARKS}]|[¸µ¶·¹¨©®«¬ª\xad§][A-Za-z]")
# VNI writes a base letter then a mark letter: "Vieät" (ệ), "ñua" (đ), "thöôûng" (ưở), "naêm" (ă).
_VNI_HINT = re.compile(r"[aeoAEO][äâêÂÄÊ]|\b[ñÑ][aeiouôöy]|öô|[aeiouy][øùûõï](?=[a-z ]|$)")
# Letters only Unicode Vietnamese has (outside Latin-1): ă đ ĩ ũ ơ ư and U+1EA0–U+1EF9.
UNICODE_VIETNAMESE = re.compile(r"[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")


def legacy_encoding_of(text: str) -> str | None:
    """"TCVN3" or "VNI" when the text is Vietnamese written in a legacy 8-bit encoding, else None."""
    sample = text[:200_000]
    genuine = len(UNICODE_VIETNAMESE.findall(sample))
    for name, pattern in ((TCVN3, _TCVN3_HINT), (VNI, _VNI_HINT)):
        hits = len(pattern.findall(sample))
        if hits >= 3 and hits > genuine:
            return name
    return None


# --- conversion -----------------------------------------------------------------------------------

_WORD = re.compile(r"\S+")


def to_unicode(text: str, encoding: str, *, capitals: bool = False) -> str:
    """`text` (the legacy bytes read as Latin-1 / Windows-1252 characters) in Unicode NFC.

    A line already in Unicode Vietnamese (it has letters no legacy font draws, such as "ư" or "ệ") is kept as it
    is, so a document that mixes both (a Unicode heading pasted into an old file) comes out whole. `capitals`: the
    text was drawn in TCVN3's capital font (".VnTimeH"), so every converted letter is a capital.
    """
    if encoding not in (TCVN3, VNI):
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    lines = []
    for line in text.split("\n"):
        if UNICODE_VIETNAMESE.search(line):
            lines.append(line)
        elif encoding == TCVN3:
            lines.append(_tcvn3_line(line, capitals))
        else:
            lines.append(_VNI_PATTERN.sub(lambda match: VNI_DECODE[match.group()], line))
    return unicodedata.normalize("NFC", "\n".join(lines))


def _tcvn3_line(line: str, capitals: bool) -> str:
    converted = _TCVN3_PATTERN.sub(lambda match: TCVN3_DECODE[match.group()], line)
    if capitals:
        return converted.upper()
    return _WORD.sub(_capital_word, converted)


def _capital_word(match: re.Match) -> str:
    """A word whose ASCII letters are all capitals (at least two: "QUYÕT", not "Õ") was typed in the capital
    font: its converted letters are capitals too."""
    word = match.group()
    ascii_letters = [char for char in word if char.isascii() and char.isalpha()]
    if len(ascii_letters) >= 2 and all(char.isupper() for char in ascii_letters):
        return word.upper()
    return word


def from_unicode(text: str, encoding: str) -> str:
    """Unicode Vietnamese written in a legacy encoding (as Latin-1 characters: `.encode("latin-1")` gives the
    bytes). For making samples; letters the encoding cannot write raise ValueError."""
    table = TCVN3_ENCODE if encoding == TCVN3 else VNI_ENCODE
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in table:
            out.append(table[char])
        elif ord(char) < 0x80:
            out.append(char)
        else:
            raise ValueError(f"{encoding} cannot write {char!r}")
    return "".join(out)


def font_encoding(font: str | None) -> tuple[str | None, bool]:
    """The legacy encoding a font name implies, and whether it is TCVN3's capital font: ".VnTime" → TCVN3,
    ".VnTimeH" → TCVN3 capitals, "VNI-Times" → VNI; any other font → (None, False)."""
    name = (font or "").strip()
    if name.startswith(".Vn"):
        return TCVN3, name.endswith("H")
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return VNI, False
    return None, False


# --- .docx runs ----------------------------------------------------------------------------------

class DocxRunFonts:
    """The font of each run (its own, else its paragraph style's, else the document's default): runs in a legacy
    Vietnamese font (".VnTime", ".VnTimeH", "VNI-Times") are converted to Unicode, and the encodings noted.

    Unless the font lies: a document converted to Unicode (Unikey) but left in its old fonts has Unicode-only
    letters ("ư", "ệ") in those runs and no legacy marks; then no run is converted by its font (converting would
    turn its "á" into TCVN3's "ỏ")."""

    def __init__(self, styles, body=None):
        """`styles`: the <w:styles> element of the document (python-docx: `document.styles.element`); `body`: the
        <w:body>, looked at once to see whether the legacy fonts hold legacy text."""
        self.found: set[str] = set()
        self.trusted = True
        default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        self.default = _font_name(default)
        self.styles: dict[str, str | None] = {}
        based: dict[str, str] = {}
        for style in styles.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"), "")
            self.styles[style_id] = _font_name(style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}"))
            if (parent := style.find(qn("w:basedOn"))) is not None:
                based[style_id] = parent.get(qn("w:val"), "")
        for style_id in list(self.styles):
            seen, current = set(), style_id
            while self.styles.get(style_id) is None and current in based and current not in seen:
                seen.add(current)
                current = based[current]
                self.styles[style_id] = self.styles.get(current)
        if body is not None:
            sample = " ".join(node.text or "" for paragraph in body.iter(qn("w:p"))
                              for node in paragraph.iter(qn("w:t"))
                              if self._encoding(node, self.paragraph_font(paragraph))[0])
            self.trusted = not UNICODE_VIETNAMESE.search(sample) or legacy_encoding_of(sample) is not None

    def _encoding(self, node, paragraph_font: str | None) -> tuple[str | None, bool]:
        run = node.getparent()
        own = _font_name(run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")) if run is not None else None
        return font_encoding(own or paragraph_font or self.default)

    def text(self, node, paragraph_font: str | None) -> str:
        encoding, capitals = self._encoding(node, paragraph_font) if self.trusted else (None, False)
        text = node.text or ""
        if encoding is None or not text:
            return text
        self.found.add(encoding)
        return to_unicode(text, encoding, capitals=capitals)

    def paragraph_font(self, paragraph) -> str | None:
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = style.get(qn("w:val"), "") if style is not None else "Normal"
        return self.styles.get(style_id) or self.styles.get("Normal")


def _font_name(fonts) -> str | None:
    if fonts is None:
        return None
    return fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
