"""Text hygiene for what people type or import: no control or invisible format characters. Pure, no Django.

Why: a right-to-left override (U+202E) stored in a name makes "Nguyễn Văn An\u202enạb" display reversed on
every page, list and certificate; zero-width and other invisible characters make two names that look the
same differ for search, duplicate detection and unique checks; control characters break exports and logs.

`clean_text` removes
- C0 and C1 control characters (Unicode category Cc), except tab and line feed in multi-line text
  (a carriage return becomes a line feed: "\r\n" and "\r" end lines the Windows and old Mac way);
- every format character (category Cf): the bidirectional embeddings, overrides and isolates U+202A–U+202E
  and U+2066–U+2069, the marks U+200E, U+200F and U+061C, zero-width spaces and joiners, the soft hyphen,
  the byte-order mark… Vietnamese needs none of them;
- surrogates (category Cs), which no valid text holds;
and turns the line and paragraph separators U+2028/U+2029 into a line feed (multi-line) or a space.
Then the text is put in Unicode NFC, the stored form of Vietnamese. `clean_text` is idempotent, and its
result never holds a removed character (property-tested in tests/security/test_input_hygiene.py).
"""

import re
import unicodedata

_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
_KEPT_IN_MULTILINE = frozenset({"\t", "\n"})
_SEPARATORS = frozenset({"\u2028", "\u2029", "\x85"})  # line/paragraph separators, NEL
_NEWLINES = re.compile(r"\r\n?")


def is_removed(ch: str, *, multiline: bool = False) -> bool:
    """Would `clean_text` take this character out (or turn it into a line break or a space)?"""
    if multiline and ch in _KEPT_IN_MULTILINE:
        return False
    return ch in _SEPARATORS or unicodedata.category(ch) in _REMOVED_CATEGORIES


def clean_text(text: str | None, *, multiline: bool = False) -> str:
    """The text without control, format and bidirectional characters, in NFC (see the module's rules).

    Single-line text (names, titles, codes) loses tabs and line breaks too: they become spaces.
    """
    if not text:
        return ""
    text = _NEWLINES.sub("\n", text)
    out = []
    for ch in text:
        if ch in _SEPARATORS or (not multiline and ch in _KEPT_IN_MULTILINE):
            out.append("\n" if multiline else " ")
        elif not is_removed(ch, multiline=multiline):
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def has_hidden_characters(text: str | None, *, multiline: bool = False) -> bool:
    return any(is_removed(ch, multiline=multiline) for ch in text or "")
