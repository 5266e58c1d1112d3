"""What the engine reads and returns: plain frozen dataclasses, no framework.

Values that come from the closed vocabularies of codes.py (rating level, scope, basis, discipline
level, recipient kind) are plain strings here: a StrEnum member compares equal to its string, and
the engine reports an unknown string as a finding instead of failing (callers may build these
objects from anything, not only from the validated JSON interchange).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from .codes import HOLD_CODES, Verdict


@dataclass(frozen=True, slots=True)
class RatingEntry:
    """Yearly task-completion rating (xếp loại) of the candidate, for one calendar or school year."""

    year: int
    level: str  # codes.RatingLevel


@dataclass(frozen=True, slots=True)
class AwardEntry:
    """An award already in the history.

    `year` is the achievement year (năm lập thành tích); for a decision that states no achievement
    period, the year of the decision (NĐ152 Đ33.7 then counts from the decision). `period_from` /
    `period_to` give the achievement period when the decision states one spanning several years.
    """

    award: str  # codes.AwardCode or a provincial code
    year: int
    basis: str = "merit"  # codes.Basis
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    decision_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class InitiativeEntry:
    """A recognised initiative (sáng kiến) or accepted scientific work of the candidate.

    `used_for` is the award code it already supported (CV 5007/BNV-TĐKT: one initiative, one award),
    or None when still unused; `used_for_year` the achievement year of that award, when known (an
    initiative used for the very award being checked, same code and year, still grounds it).
    """

    id: str
    year: int
    scope: str  # codes.InitiativeScope
    used_for: str | None = None
    used_for_year: int | None = None


@dataclass(frozen=True, slots=True)
class DisciplineEntry:
    """A disciplinary measure and the period it runs; `end` None means it has no end date yet."""

    level: str  # codes.DisciplineLevel
    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class MemberStats:
    """Figures of a collective's members for the achievement year."""

    total: int
    ldtt: int  # members with "Lao động tiên tiến" (or CSTT)
    completed_tasks: int  # members rated at least HTNV
    cstd_cs: int  # members with "Chiến sĩ thi đua cơ sở"
    disciplined_warning_or_above: int  # members disciplined at "cảnh cáo" or heavier


@dataclass(frozen=True, slots=True)
class LeadershipTerm:
    """Time in a leadership post, for dedication awards (quá trình cống hiến, NĐ152 Đ9–24).

    `post` is the equivalent national post (codes in params.DEDICATION_POSTS, e.g. "vu_truong" for a
    Giám đốc sở); `start`/`end` are optional and only used to check discipline during the term.
    """

    post: str
    years: float
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One proposal to check: a recipient, the award proposed and its achievement year, with history."""

    id: str
    kind: str  # codes.Recipient
    award: str
    year: int  # achievement year (for dedication awards: the year of the proposal)
    ratings: tuple[RatingEntry, ...] = ()
    awards: tuple[AwardEntry, ...] = ()
    initiatives: tuple[InitiativeEntry, ...] = ()
    discipline: tuple[DisciplineEntry, ...] = ()
    open_cases: tuple[str, ...] = ()
    members: MemberStats | None = None
    gender: str | None = None  # "F" | "M"
    leadership_years: tuple[LeadershipTerm, ...] = ()
    lodged_on: dt.date | None = None  # when the dossier was lodged: it keeps the rule set of that day
    basis: str | None = None  # codes.Basis; None: "dedication" with leadership_years, else "merit"
    higher_retirement_age: bool = False  # NĐ152 Đ4.7: women leaders with a higher retirement age


class Finding(NamedTuple):
    """One checked rule: did it pass, why (Vietnamese, with the figures), and which article says so.

    `judgement` marks a clause left to the council (needs_review when nothing harder fails).
    Immutable like the dataclasses above; Finding and Result are named tuples because the engine
    makes them for every candidate, and a tuple is built several times faster than a frozen
    dataclass (bench/eligibility_engine.py: about a tenth of the time per check).
    """

    code: str  # codes.FindingCode
    passed: bool
    message: str
    citation: str
    judgement: bool = False

    @property
    def holds(self) -> bool:
        """A failed finding that freezes the proposal (open case, running discipline)."""
        return not self.passed and self.code in HOLD_CODES

    @property
    def blocks(self) -> bool:
        """A failed hard rule: the candidate is ineligible."""
        return not self.passed and not self.judgement and self.code not in HOLD_CODES


class Result(NamedTuple):
    """The verdict for one candidate, with every finding in a stable order (immutable, like Finding)."""

    id: str
    award: str
    verdict: Verdict
    findings: tuple[Finding, ...]
    ruleset: str = ""  # key of the rule set applied (not part of the JSON interchange)
