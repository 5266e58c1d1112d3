"""What an import produces: the plan's header, its tasks and the warnings, and their JSON form.

The JSON form is the contract of `manage.py import_plan --json` (docs/plan-import.md); keys are
written in that order on purpose.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
HALVES = ("H1", "H2")
MONTHS = tuple(f"M{month:02d}" for month in range(1, 13))
PERIODS = (*QUARTERS, *HALVES, "YEAR", "MONTHLY", "QUARTERLY", "AS_REQUIRED", *MONTHS)
RECURRENCES = ("monthly", "quarterly")

PERIOD_LABELS = {
    **{quarter: f"Quý {roman}" for quarter, roman in zip(QUARTERS, ("I", "II", "III", "IV"), strict=True)},
    "H1": "6 tháng đầu năm", "H2": "6 tháng cuối năm", "YEAR": "Cả năm", "MONTHLY": "Hàng tháng",
    "QUARTERLY": "Hàng quý", "AS_REQUIRED": "Theo quy định",
    **{month: f"Tháng {int(month[1:])}" for month in MONTHS},
}


@dataclass(frozen=True)
class Due:
    text: str | None = None
    dates: tuple[datetime.date, ...] = ()
    recurrence: str | None = None

    def as_json(self) -> dict:
        return {"text": self.text, "dates": [day.isoformat() for day in self.dates], "recurrence": self.recurrence}


@dataclass(frozen=True)
class Task:
    period: str
    number: str | None
    content: str
    lead: tuple[str, ...]
    coordinating: tuple[str, ...]
    due: Due
    line: int  # where the row starts in the source: for the preview, not part of the JSON contract

    def as_json(self) -> dict:
        return {
            "period": self.period, "number": self.number, "content": self.content, "lead": list(self.lead),
            "coordinating": list(self.coordinating), "due": self.due.as_json(),
        }


@dataclass(frozen=True)
class Warning:
    line: int | None
    message: str

    def as_json(self) -> dict:
        return {"line": self.line, "message": self.message}


@dataclass
class PlanHeader:
    issuer: str | None = None
    number: str | None = None
    place: str | None = None
    date: datetime.date | None = None
    title: str | None = None
    year: int | None = None  # the plan's year; for a period ("giai đoạn 2026-2030") its first year
    period: str | None = None  # a period that is not a calendar year, as the title writes it

    def as_json(self) -> dict:
        return {
            "issuer": self.issuer, "number": self.number, "place": self.place,
            "date": self.date.isoformat() if self.date else None, "title": self.title, "year": self.year,
            "period": self.period,
        }


@dataclass
class PlanImport:
    document: PlanHeader
    tasks: list[Task] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "document": self.document.as_json(),
            "tasks": [task.as_json() for task in self.tasks],
            "warnings": [warning.as_json() for warning in self.warnings],
        }

    def counts_by_period(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for task in self.tasks:
            counts[task.period] = counts.get(task.period, 0) + 1
        return {period: counts[period] for period in PERIODS if period in counts}


def sorted_warnings(warnings: list[Warning]) -> list[Warning]:
    """By line, document-wide warnings (no line) last; stable so equal lines keep their order."""
    return sorted(warnings, key=lambda warning: (warning.line is None, warning.line or 0))
