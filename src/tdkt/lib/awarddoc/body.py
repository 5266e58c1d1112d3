"""The body of an award document: its articles ("Điều 1. Tặng Bằng khen … cho …"), the award forms they
grant, the headings of the attached list, group headings that carry an award ("1. Danh hiệu Lao động tiên
tiến:"), section headings ("I. TẬP THỂ"), and the recipients written as numbered, lettered or dashed lists,
as plain lines under a heading, as prose after a colon, or in tables (tables.py).

Hard-wrapped lines (a PDF line break inside a sentence or an entry) are joined first; each recipient keeps
the number of the line where it begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tdkt.lib.docparse import Table, TextLine

from .checks import Numbering
from .model import Finding, Recipient
from .recipients import kind_hint_of, parse_entry, split_flat_row, split_prose
from .tables import TableReader
from .text import GRANT, announced_count, granted_award, heading_award, key, tidy

_ITEM = re.compile(r"^\s*(?:(?P<num>\d{1,4})\s*[.)](?!\d)|(?P<letter>[a-zđ])\s*[.)](?=\s)|(?P<dash>[-–—•+*])(?=\s))\s*")
_SECTION = re.compile(r"^\s*(?:[IVXLC]{1,6}|[A-ZĐ])\s*[.)]\s+(?=\S)")
_ARTICLE = re.compile(r"^\s*dieu\s+(\d{1,3})\s*[.:]?\s*")
_BARE_ARTICLE = re.compile(r"^\s*dieu\s+\d{1,3}\s*[.:]?\s*$")
_SIGNATURE = re.compile(r"^(?:tm\.?|t/m|kt\.?|q\.|tl\.|ktl\.|noi nhan|chu tich$|pho chu tich$|giam doc$|"
                        r"pho giam doc$|nguoi lap|\./\.)")
_PERSON_AFTER_CHO = re.compile(r"(?<![\w])cho\s+(?=(?:ong|ba|dong chi|d/c)\s)")
_NOT_ENTRY = re.compile(r"^(?:can cu|xet |theo |de nghi|ke tu|quyet dinh|dieu \d|trong do|tong so|tong cong)")
_ATTACHED = re.compile(r"danh sach kem theo|kem theo danh sach")
# The header row of a list table whose cells were lost (a scan's OCR, a PDF's text): "STT Họ và tên Chức vụ, đơn vị".
_FLAT_ROW = re.compile(r"^\s*(?P<num>\d{1,4})\s+(?=[^\W\d_])")
_FLAT_TABLE_HEADER = re.compile(r"^(?:s?tt\.?\s+)?(?:ho va ten|ho ten|ten tap the|tap the, ca nhan|ten don vi)\b")
_END_OF_SENTENCE = re.compile(r"[.;:!?]$")
_AFTER_RECIPIENTS = re.compile(r",?\s*(?:da|vi da|do da|co) (?:co )?thanh tich|,?\s*vi (?:co|da)\b")


@dataclass
class Logical:
    line: int
    text: str
    page: int | None


@dataclass
class Body:
    award_forms: list[str] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # (line, count announced or 0, level) of each grant: level 0 an article or sentence, 1 a heading under it
    grants: list[tuple[int, int, int]] = field(default_factory=list)
    attached_line: int | None = None  # an article says the list is attached
    has_grant: bool = False  # an article or sentence grants something (even generically)


def logical_lines(blocks: list[TextLine | Table], *, pdf: bool) -> list[Logical | Table]:
    """Text lines with hard-wrapped continuations joined: a line that starts with a small letter continues
    the line above; in a PDF, so does any line after a long line that does not end a sentence."""
    out: list[Logical | Table] = []
    previous_blank = True
    for block in blocks:
        if isinstance(block, Table):
            out.append(block)
            previous_blank = True
            continue
        text = block.text.strip()
        if not text:
            previous_blank = True
            continue
        last = out[-1] if out and isinstance(out[-1], Logical) and not previous_blank else None
        if last is not None and _continues(last.text, text, pdf):
            last.text = f"{last.text} {text}"
        else:
            out.append(Logical(block.line, text, block.page))
        previous_blank = False
    return out


def _continues(above: str, text: str, pdf: bool) -> bool:
    if _BARE_ARTICLE.match(key(above)):
        return True  # "Điều 1." alone on its line (a bold run of its own): its text follows
    if _ITEM.match(text) or _SECTION.match(text) or _ARTICLE.match(key(text)):
        return False
    if text[0].islower() and not above.endswith((".", ";", "./.")):
        return True
    return pdf and len(above) >= 50 and not _END_OF_SENTENCE.search(above)


class BodyReader:
    def __init__(self, *, award: str, collecting: bool):
        self.body = Body()
        self.numbering = Numbering(self.body.findings)
        self.tables = TableReader(self.body.findings, self.numbering)
        self.award = award  # the award in force for the next recipient
        self.group = ""
        self.kind_hint = ""
        self.collecting = collecting
        self.marked = False  # the list in progress numbers or dashes its entries
        self.flat = False  # the list is a table whose cells were lost: each row "1 Họ Tên Chức vụ, đơn vị"
        self.item: Logical | None = None
        self.item_confidence = 0.9
        self.list_heading = 0  # lines after "DANH SÁCH" that may still name the award
        self.last_item_open = False
        self.items_ending: list[bool] = []
        self.title_award = award  # the title's award: a form of its own only when the body names none

    def read(self, units: list[Logical | Table]) -> Body:
        page = None
        for index, unit in enumerate(units):
            if isinstance(unit, Table):
                self._close()
                found, self.award, self.group, self.kind_hint = self.tables.read(
                    unit, award=self.award, group=self.group, kind_hint=self.kind_hint, page=page,
                    last_block=index == len(units) - 1)
                self.body.recipients += found
                for recipient in found:  # an award column names forms of its own
                    if recipient.award:
                        self._form(recipient.award)
                continue
            page = unit.page if unit.page is not None else page
            self._line(unit)
        last_open = self.item is not None and not _END_OF_SENTENCE.search(self.item.text)
        last_line = self.item.line if self.item else None
        self._close()
        if not self.body.award_forms and self.title_award and (self.body.recipients or self.body.has_grant):
            self.body.award_forms.append(self.title_award)
        if last_open and last_line is not None and units and units[-1] is not None and any(self.items_ending[:-1]):
            self.body.findings.append(Finding(last_line, f"Dòng {last_line}: văn bản dừng giữa danh sách (mục cuối "
                                                         "chưa hết câu): danh sách có thể bị cắt.", page))
        return self.body

    # --- lines -----------------------------------------------------------------------------------------

    def _line(self, unit: Logical) -> None:
        text, folded = unit.text, key(unit.text)
        if _SIGNATURE.match(folded):
            self._close()
            self.collecting = False
            return
        if article := _ARTICLE.match(folded):
            self._close()
            self._article(unit, text[article.end():])
            return
        if folded.startswith("danh sach"):
            self._close()
            self.collecting, self.marked, self.flat, self.list_heading = True, False, False, 3
            self.group, self.kind_hint = "", ""
            self.numbering.new_list()
            if award := heading_award(text[9:]):
                self._set_award(award)
            return
        if _FLAT_TABLE_HEADER.match(folded) and not _ITEM.match(text):
            self._close()
            self.collecting, self.marked, self.flat, self.list_heading = True, False, True, 0
            self.numbering.new_list()
            return
        if self.list_heading and not _ITEM.match(text):
            self.list_heading -= 1
            if award := heading_award(text):
                self._set_award(award)
            return
        marker = _ITEM.match(text) or _SECTION.match(text)
        inner = text[marker.end():] if marker else text
        if self._heading(unit, text, inner, marked=bool(marker)):
            return
        grant = None if _NOT_ENTRY.match(folded) else GRANT.search(folded)
        free = not self.marked and not self.collecting
        if grant and (text.endswith(":") or (free and (":" in text[grant.end():] or announced_count(text)
                                                       or _ATTACHED.search(folded)))):
            self._close()
            self._grant_sentence(unit, text)
            return
        if not self.collecting:
            return
        item = _ITEM.match(text)
        if item or (self.flat and (item := _FLAT_ROW.match(text))):
            self._close()
            self.marked = True
            if item["num"]:
                self.numbering.see(int(item["num"]), unit.line, unit.page)
            rest = text[item.end():]
            self.item = Logical(unit.line, split_flat_row(rest) if self.flat else rest, unit.page)
            self.item_confidence = 0.6 if self.flat else 0.9
        elif self.marked and self.item is not None and not _END_OF_SENTENCE.search(self.item.text):
            # A numbered entry goes on until it ends a sentence; in a list without markers each line is one.
            self.item.text = f"{self.item.text} {text}"
        elif not self.marked and text[:1].isupper() and not _NOT_ENTRY.match(folded) and len(text) <= 200:
            self._close()
            self.item = Logical(unit.line, text, unit.page)
            self.item_confidence = 0.8
        else:
            self._close()
            self.collecting = False

    def _heading(self, unit: Logical, text: str, inner: str, *, marked: bool) -> bool:
        """A group heading that carries an award, or a section heading ("I. TẬP THỂ"): True when it was one.
        A heading is numbered, written in capitals or ends with a colon; a plain sentence never is one."""
        if not (marked or text.isupper() or inner.rstrip().endswith(":")) or _NOT_ENTRY.match(key(inner)):
            return False  # a sentence of the body, not a heading
        short = inner.rstrip().endswith(":") or "," not in inner
        award = heading_award(inner) if short and not GRANT.match(key(inner)) else None
        if award is None and inner.rstrip().endswith(":") and GRANT.match(key(inner)):
            award = granted_award(inner)
            if award is None:
                return False
            self.body.grants.append((unit.line, announced_count(inner), 1))
        hint = kind_hint_of(text)
        if award is None and not hint and not (_SECTION.match(text) and self.collecting):
            return False
        self._close()
        if award:
            self._set_award(award)
        if hint:
            self.kind_hint = hint
        elif award:
            self.kind_hint = ""
        self.group = tidy(text).rstrip(":").strip()
        self.collecting, self.marked = True, False
        self.numbering.heading()
        return True

    def _article(self, unit: Logical, rest: str) -> None:
        folded = key(rest)
        grants = GRANT.search(folded)
        self.group, self.kind_hint, self.marked, self.flat = "", "", False, False
        self.numbering.new_list()
        if not grants:
            self.collecting = False
            return
        self._grant_sentence(unit, rest)

    def _grant_sentence(self, unit: Logical, text: str) -> None:
        """An article or sentence that grants an award: its form, the count it announces, and its recipients
        written after a colon (prose) or on the lines that follow."""
        folded = key(text)
        self.body.has_grant = True
        award = granted_award(text)
        if award:
            self._set_award(award)
        self.body.grants.append((unit.line, announced_count(text), 0))
        if _ATTACHED.search(folded):
            self.body.attached_line = self.body.attached_line or unit.line
            self.collecting = False
            return
        grant = GRANT.search(folded)
        colon = text.find(":", grant.end() if grant else 0)
        after = text[colon + 1:].strip() if colon >= 0 else ""
        if not after and colon < 0 and (person := _PERSON_AFTER_CHO.search(folded)):
            # One person after "cho ông …": its commas separate position and unit, not recipients.
            self._prose(unit, text[person.end():], single=True)
            self.collecting = False
            return
        if after:
            self._prose(unit, after)
            self.collecting = False
        else:
            self.collecting = colon >= 0
            self.marked = False

    def _prose(self, unit: Logical, text: str, *, single: bool = False) -> None:
        end = _AFTER_RECIPIENTS.search(key(text))
        if end:
            text = text[: end.start()]
        parts, guessed = ([text], False) if single else split_prose(text)
        for part in parts:
            self._add(parse_entry(part, line=unit.line, page=unit.page, award=self.award,
                                  confidence=0.6 if guessed else 0.7, group=self.group, kind_hint=self.kind_hint))

    # --- state -----------------------------------------------------------------------------------------

    def _form(self, award: str) -> None:
        if key(award) not in {key(form) for form in self.body.award_forms}:
            self.body.award_forms.append(award)

    def _set_award(self, award: str) -> None:
        if self.title_award and key(self.title_award).startswith(key(award)):
            award = self.title_award  # "tặng Bằng khen" under the title "… tặng Bằng khen của Thủ tướng Chính phủ"
        self.award = award
        self._form(award)

    def _close(self) -> None:
        if self.item is None:
            return
        item, self.item = self.item, None
        self.items_ending.append(bool(_END_OF_SENTENCE.search(item.text)))
        self._add(parse_entry(item.text, line=item.line, page=item.page, award=self.award,
                              confidence=self.item_confidence, group=self.group, kind_hint=self.kind_hint))

    def _add(self, found: Recipient | Finding | None) -> None:
        if isinstance(found, Recipient):
            self.body.recipients.append(found)
        elif found is not None:
            self.body.findings.append(found)


def read_body(blocks: list[TextLine | Table], *, pdf: bool, award: str = "", collecting: bool = False) -> Body:
    return BodyReader(award=award, collecting=collecting).read(logical_lines(blocks, pdf=pdf))
