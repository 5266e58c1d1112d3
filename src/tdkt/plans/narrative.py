"""The plan's running text, kept as structured text: legal bases and the numbered sections.

Framework-free. From a document read by tdkt.lib.docparse:

- `legal_bases`: the paragraphs before the first section that open with "Căn cứ" or "Thực hiện";
- `sections`: one entry per top-level heading ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG…", "III. TỔ CHỨC
  THỰC HIỆN"), each with its part (purpose, contents, organisation, other) and its paragraphs. Lines
  wrapped by a PDF are joined back into paragraphs; tables (the task annex) and the signature block
  are left out — the tasks are read by the importer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tdkt.lib.docparse import Document, TextLine
from tdkt.lib.vntext import fold
from tdkt.plans.importer.rows import flat_header_roles, is_page_number

MAX_PARAGRAPHS = 400
_HEADING = re.compile(r"^(?P<number>[IVX]{1,4})\s*[.:\-–]\s*(?P<title>\S.{2,200})$")
_BASIS = re.compile(r"^(?:căn cứ|thực hiện)\b", re.IGNORECASE)
_END = re.compile(r"^(?:noi nhan|phu luc\b|tm\.?\s|kt\.?\s)")
_BULLET = re.compile(r"^(?:[-+•*–]\s|\d{1,2}[.)]\s|[a-zđ][.)]\s)")
_SENTENCE_END = re.compile(r"[.:;!?…]\s*$|\.\s*/\.?$")
_SHORT_HEADING = re.compile(r"^(?:\d{1,2}|[a-zđ])[.)]\s+\S.{0,70}$")

PARTS = (
    ("purpose", re.compile(r"muc dich|yeu cau")),
    ("organisation", re.compile(r"to chuc thuc hien|trach nhiem")),
    ("contents", re.compile(r"noi dung|nhiem vu|giai phap|chi tieu")),
)


@dataclass
class Narrative:
    legal_bases: list[str] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)


def part_of(title: str) -> str:
    folded = fold(title)
    for part, pattern in PARTS:
        if pattern.search(folded):
            return part
    return "other"


def _continues(previous: str, line: str) -> bool:
    """Whether `line` is the rest of `previous`, split by a wrap or a page break (PDF text)."""
    if _BULLET.match(line):
        return False
    if line[:1].islower():
        return True  # a line in lower case never starts a paragraph
    return not _SENTENCE_END.search(previous) and not _SHORT_HEADING.match(previous)


def _join(paragraphs: list[str], line: str) -> None:
    if paragraphs and _continues(paragraphs[-1], line):
        paragraphs[-1] = f"{paragraphs[-1]} {line}"
    else:
        paragraphs.append(line)


def read_narrative(document: Document) -> Narrative:
    narrative = Narrative()
    current: dict | None = None
    in_table = False
    in_basis = False
    bases: list[str] = []
    count = 0
    for block in document.blocks:
        if not isinstance(block, TextLine):
            continue  # tables: the task annex, read by the importer
        text = re.sub(r"\s+", " ", block.text).strip()
        if not text or is_page_number(text):
            continue
        folded = fold(text)
        if _END.match(folded):
            break
        heading = _HEADING.match(text)
        if heading and heading["title"].upper() == heading["title"]:
            current = {"heading": text, "part": part_of(heading["title"]), "paragraphs": []}
            narrative.sections.append(current)
            in_table = False
            continue
        if current is None:
            if _BASIS.match(text):
                bases.append(text)
                in_basis = True
            elif in_basis and bases and _continues(bases[-1], text) and text[:1].islower():
                bases[-1] = f"{bases[-1]} {text}"
            else:
                in_basis = False
            continue
        if flat_header_roles(text):
            in_table = True  # a flattened task table: its lines are tasks, not narrative
        if in_table or count >= MAX_PARAGRAPHS:
            continue
        before = len(current["paragraphs"])
        _join(current["paragraphs"], text)
        count += len(current["paragraphs"]) - before
    narrative.legal_bases = bases
    return narrative
