"""The blocks a read document is made of (tdkt.lib.docparse): lines of text and tables, each with its line number,
and the `Document` holding them with what was converted or noticed while reading. Framework-free."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextLine:
    line: int
    text: str
    page: int | None = None
    page_edge: bool = False  # first or last non-empty line of its page: where page numbers sit


@dataclass(frozen=True)
class TableRow:
    line: int
    cells: tuple[str, ...]
    # Per cell: None, "h" (a cell spanning several grid columns; its extra columns follow as
    # "h+" with empty text) or "v" (continues a vertically merged cell; its text is empty).
    merges: tuple[str | None, ...] = ()

    @property
    def has_merges(self) -> bool:
        return any(self.merges)


@dataclass
class Table:
    line: int
    rows: list[TableRow] = field(default_factory=list)


@dataclass(frozen=True)
class Notice:
    """Something read but worth a look (a line with unreadable glyphs, a scanned page), in Vietnamese."""
    line: int | None
    page: int | None
    message: str


@dataclass
class Document:
    name: str
    kind: str
    blocks: list[TextLine | Table]
    page_count: int | None = None
    converted_from: str | None = None  # "TCVN3" or "VNI": the text was converted from that legacy encoding
    notices: list[Notice] = field(default_factory=list)
    scanned_pages: tuple[int, ...] = ()  # PDF pages that are images without a text layer (not read)


def conversion_notice(document: Document) -> str | None:
    """The sentence telling the user that a legacy-encoded text was converted, or None."""
    if not document.converted_from:
        return None
    return f"Văn bản mã {document.converted_from} đã được chuyển sang Unicode; hãy soát lại các chữ có dấu."


# --- cleaning -------------------------------------------------------------------------------------

_TAG = re.compile(r"<[^<>]{0,400}>")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{2,3})(?=\S)|(?<=\S)(\*{1,3}|_{2,3})(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([*_#|\\>\-.])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")


def clean_inline(text: str) -> str:
    """One line of visible text: tags, markdown emphasis/headings and extra spaces removed, NFC."""
    text = unicodedata.normalize("NFC", html.unescape(text))
    text = _TAG.sub(" ", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_EMPHASIS.sub("", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = text.replace("**", "")  # an unbalanced bold marker left by a broken conversion
    return _SPACES.sub(" ", text).strip()


def document_text(document: Document) -> str:
    parts: list[str] = []
    for block in document.blocks:
        if isinstance(block, TextLine):
            parts.append(block.text)
        else:
            parts.extend(" ".join(row.cells) for row in block.rows)
    return "\n".join(parts)
