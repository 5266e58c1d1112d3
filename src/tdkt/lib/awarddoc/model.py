"""What `read_award_document` produces: the document's header fields, its award forms and recipients, and
the warnings, each tied to the line it came from; and their JSON form (the contract of
`manage.py read_award_document --json`, docs/award-documents.md).

Framework-free. A field the reader could not read is None (or empty), never guessed: the warnings say why.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

DECISION, NOMINATION_LIST, PLAN, OTHER = "decision", "nomination_list", "plan", "other"
# A decision recognising initiatives and their scope of effect: no award lines, `initiatives` instead.
INITIATIVE_DECISION = "initiative_decision"
KINDS = (DECISION, NOMINATION_LIST, PLAN, OTHER, INITIATIVE_DECISION)
INDIVIDUAL, COLLECTIVE, HOUSEHOLD = "individual", "collective", "household"
RECIPIENT_KINDS = (INDIVIDUAL, COLLECTIVE, HOUSEHOLD)


@dataclass(frozen=True)
class Finding:
    """A warning: what could not be read, or was read with doubt. `line` as numbered by tdkt.lib.docparse
    (None for the whole document); `page` when the document has pages."""

    line: int | None
    message: str
    page: int | None = None

    def as_json(self) -> dict:
        return {"line": self.line, "page": self.page, "message": self.message}


@dataclass(frozen=True)
class Recipient:
    """One person, collective or household granted (or proposed for) an award."""

    name: str  # without honorifics or titles ("Ông", "Đồng chí", "Thạc sĩ"), as written otherwise
    kind: str  # INDIVIDUAL, COLLECTIVE or HOUSEHOLD
    award: str  # the award form as the document writes it ("Bằng khen của Chủ tịch UBND tỉnh")
    line: int  # where the recipient is written
    confidence: float  # 0..1: 1 for a table row with a name column; lower for prose and guessed splits
    position: str = ""  # "Phó Trưởng phòng", "Giáo viên"
    unit: str = ""  # "Trường THCS Lê Lợi, huyện A"
    birth: str = ""  # a birth date or year when the list gives one ("12/03/1980", "1980")
    group: str = ""  # the heading it was listed under ("I. Tập thể", "Danh hiệu Lao động tiên tiến")
    page: int | None = None

    def as_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "position": self.position, "unit": self.unit,
                "award": self.award, "birth": self.birth, "line": self.line, "page": self.page,
                "confidence": round(self.confidence, 2)}


@dataclass
class AwardDocument:
    kind: str = OTHER
    doc_type: str | None = None  # the Decree 30 type as named in the document: "Quyết định", "Tờ trình", …
    number: str | None = None  # "125/QĐ-UBND"; None when left blank
    date: datetime.date | None = None  # None when the day or month is blank
    place: str | None = None
    issuer: str | None = None  # the agency as its header names it (or the authority named above the bases)
    title: str | None = None  # the trích yếu
    period: str | None = None  # a period that is not a calendar year, as written ("2021-2025", "năm học 2025-2026")
    year: int | None = None  # the year of the achievements (the first year of a period)
    years: tuple[int, int] | None = None  # first and last year of the achievements (a calendar year: twice the same)
    award_forms: list[str] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    page_count: int | None = None
    # INITIATIVE_DECISION only: the scope of effect ("CO_SO", "TINH", "TOAN_QUOC"; None when not readable)
    # and the initiatives (initiatives.InitiativeEntry).
    scope: str | None = None
    initiatives: list = field(default_factory=list)
    ocr: bool = False  # the text came from OCR of a scan
    ocr_pdf: bytes | None = field(default=None, repr=False)  # the scan with its text layer, when OCR ran

    def as_json(self) -> dict:
        reading = self._as_json()
        if self.kind == INITIATIVE_DECISION:
            reading["scope"] = self.scope
            reading["initiatives"] = [entry.as_json() for entry in self.initiatives]
        return reading

    def _as_json(self) -> dict:
        return {
            "kind": self.kind, "type": self.doc_type, "number": self.number,
            "date": self.date.isoformat() if self.date else None, "place": self.place, "issuer": self.issuer,
            "title": self.title, "period": self.period, "year": self.year, "award_forms": list(self.award_forms),
            "recipients": [recipient.as_json() for recipient in self.recipients],
            "warnings": [warning.as_json() for warning in self.warnings],
            "pages": self.page_count, "ocr": self.ocr,
        }
