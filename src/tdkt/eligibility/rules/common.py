"""What every rule works with: the check in progress (`Check`) and the shared reasoning on chains,
counting floors (discipline, NĐ152 Đ33.7) and initiatives (one initiative, one award)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from .. import citations as cite
from .. import regulations
from ..codes import SCOPE_RANK, AwardCode, FindingCode
from ..history import History
from ..names import (
    DISCIPLINE_NAMES,
    RATING_NAMES,
    SCOPE_NAMES,
    award_name,
    ratio_percent,
    short_award,
    vn_date,
    years_text,
)
from ..params import LABELS, Parameters
from ..regulations import PROVINCIAL_RULE, provincial_citation
from ..rulesets.base import Ruleset
from ..types import Candidate, Finding, InitiativeEntry

F = FindingCode
A = AwardCode

# Emulation titles (danh hiệu), as opposed to commendation forms (hình thức): an initiative may never
# pass between the two kinds (CV 5007/BNV-TĐKT); between two titles it is unsettled.
TITLES = frozenset({
    A.LDTT, A.CSTT, A.CSTD_CS, A.CSTD_TINH, A.CSTD_TQ, A.TTLDTT, A.DVTT, A.TTLDXS, A.DVQT, A.CO_TINH, A.CO_CP,
    A.XA_TIEU_BIEU, A.THON_VH, A.GDVH,
})


@lru_cache(maxsize=64)
def _fraction(ratio: float) -> Fraction:
    return Fraction(str(ratio))


def meets_ratio(part: int, whole: int, ratio: float) -> bool:
    """part/whole ≥ ratio, exactly (70 % of 10 is 7, not 7.000000000000001)."""
    threshold = _fraction(ratio)
    return whole > 0 and part * threshold.denominator >= threshold.numerator * whole


def _words(value: object) -> str:
    """A parameter's value as people read it (a rating's name, a percentage, a date)."""
    if isinstance(value, dt.date):
        return vn_date(value)
    if isinstance(value, float):
        return ratio_percent(value)
    if isinstance(value, str):
        return RATING_NAMES.get(value, value)
    return str(value)


@lru_cache(maxsize=256)
def unverified(name: str, value: object) -> str:
    """Tail of a message resting on a parameter law.md marks unverified: its label, never its name."""
    return f" ({PROVINCIAL_RULE}: {LABELS[name].format(value=_words(value))})"


class Check:
    """One candidate being checked: inputs, the chosen rule set, the history index and the findings so far."""

    __slots__ = ("candidate", "year", "decision_date", "on", "params", "ruleset", "history", "findings",
                 "principles")

    def __init__(self, candidate: Candidate, decision_date: dt.date, on: dt.date, params: Parameters,
                 ruleset: Ruleset, history: History, principles: bool) -> None:
        self.candidate = candidate
        self.year = candidate.year
        self.decision_date = decision_date
        self.on = on  # the date that chose the rule set (lodging date, else decision date)
        self.params = params
        self.ruleset = ruleset
        self.history = history
        self.findings: list[Finding] = []
        self.principles = principles  # NĐ152-style principles apply under this rule set

    # --- recording ---------------------------------------------------------------------------------
    def add(self, code: str, passed: bool, message: str, citation: str, judgement: bool = False) -> Finding:
        finding = Finding(code, passed, message, citation, judgement)
        self.findings.append(finding)
        return finding

    def judge(self, code: str, message: str, citation: str) -> Finding:
        """A clause only the council can weigh: the candidate needs review unless something harder fails."""
        return self.add(code, False, message, citation, judgement=True)

    def cite(self, key: str) -> str:
        return self.ruleset.cite(key)

    def note(self) -> str:
        """Tail for principle findings under a rule set whose principle articles were not read."""
        if self.ruleset.principles_verified:
            return ""
        return " (áp dụng như Nghị định 152/2025/NĐ-CP, chưa xác nhận)"

    def provincial(self, national: str, key: str) -> str:
        """Citation of a criterion the province details: the national article, then its own regulation."""
        return provincial_citation(national, self.params.regulation, key)

    # --- counting floors ---------------------------------------------------------------------------
    def floor(self, codes: tuple[str, ...], default_years: int = 1) -> Floor:
        """First year a chain may use: after a served discipline (NĐ152 Đ4.4) and after the achievement
        period of the previous award of `codes` (NĐ152 Đ33.7). Records an `interval` note when the
        previous award sets it."""
        floor = Floor()
        if not self.principles:
            return floor
        history = self.history
        if history.count_from is not None:
            entry = history.count_from_entry
            floor.raise_to(history.count_from,
                           f"kỷ luật {DISCIPLINE_NAMES.get(entry.level, entry.level)} kết thúc {vn_date(entry.end)}")
        previous = history.latest_before(codes, self.year, default_years)
        if previous is not None:
            period = (f"{previous.start}–{previous.end}" if previous.start != previous.end else str(previous.end))
            reason = f"sau lần khen {short_award(previous.entry.award)} trước, thành tích {period}"
            floor.raise_to(previous.end + 1, reason)
            self.add(F.INTERVAL, True,
                     f"Thời gian đề nghị lần này tính từ sau thời gian lập thành tích ghi trong quyết định khen "
                     f"{short_award(previous.entry.award)} lần trước ({period}): tính từ năm {previous.end + 1}."
                     + self.note(), self.cite("interval"))
        return floor

    def excluded_note(self, codes: tuple[str, ...]) -> None:
        """Say which thematic or ad-hoc awards were left out of a merit chain (NĐ152 Đ4.3)."""
        if not self.principles:
            return
        excluded = self.history.excluded_years(codes)
        if excluded:
            listed = "; ".join(f"{short_award(code)} năm {year}" for year, code in excluded)
            self.add(F.NONMERIT_EXCLUDED, True,
                     f"Không tính khen thưởng đột xuất hoặc theo đợt, chuyên đề khi xét khen thưởng công trạng: "
                     f"{listed}." + self.note(), self.cite("nonmerit"))


@dataclass
class Floor:
    year: int | None = None
    reasons: list[str] = field(default_factory=list)

    def raise_to(self, year: int, reason: str) -> None:
        if self.year is None or year > self.year:
            self.year = year
            self.reasons = [reason]
        elif year == self.year:
            self.reasons.append(reason)

    def admits(self, year: int) -> bool:
        return self.year is None or year >= self.year

    def text(self) -> str:
        return f"chỉ tính từ năm {self.year} ({'; '.join(self.reasons)})" if self.year is not None else ""


# --- consecutive chains ----------------------------------------------------------------------------

def run_ending(years: set[int], end: int, need: int, floor: Floor) -> list[int]:
    """The consecutive years of `years` ending in `end` (at most `need`, none before the floor), ascending."""
    run: list[int] = []
    year = end
    while len(run) < need and year in years and floor.admits(year):
        run.append(year)
        year -= 1
    run.reverse()
    return run


def chain_message(run: list[int], need: int, end: int, what: str, floor: Floor) -> str:
    """ "Có 2/3 năm liên tục đạt Chiến sĩ thi đua cơ sở (2024, 2025); thiếu năm 2023."

    `what` is a title name ("đạt" is added) or a phrase with its own verb ("hoàn thành …")."""
    found = f" ({years_text(run)})" if run else ""
    phrase = what if what.startswith("hoàn thành") else f"đạt {what}"
    message = f"Có {len(run)}/{need} năm liên tục {phrase}{found}"
    if len(run) >= need:
        return message + "."
    missing = end - len(run)
    if not floor.admits(missing):
        return f"{message}; năm {missing} không được tính: {floor.text()}."
    return f"{message}; thiếu năm {missing}."


# --- initiatives -----------------------------------------------------------------------------------

@dataclass
class InitiativePick:
    usable: list[InitiativeEntry] = field(default_factory=list)
    unsettled: list[InitiativeEntry] = field(default_factory=list)  # used for another title
    spent: list[InitiativeEntry] = field(default_factory=list)  # used for an earlier award: never again

    def describe(self, entries: list[InitiativeEntry]) -> str:
        return ", ".join(f"{entry.id} ({entry.year}, phạm vi {SCOPE_NAMES.get(entry.scope, entry.scope)})"
                         for entry in entries)


def for_this_award(entry: InitiativeEntry, candidate: Candidate) -> bool:
    """The initiative grounds the award now being checked (recorded when its decision was signed): the same
    award for the same achievement year. Any other recorded use is an earlier award."""
    return entry.used_for == candidate.award and entry.used_for_year == candidate.year


def pick_initiatives(check: Check, min_scope: str, first_year: int, last_year: int) -> InitiativePick:
    """Initiatives of at least `min_scope` recognised in [first_year, last_year], sorted by how they may be used.

    One initiative grounds one award (Luật TĐKT 2022 Đ5; CV 5007/BNV-TĐKT §III.5.c): one recorded as used
    for an earlier award is spent, whatever that award's code — also when it is the code proposed now
    (an earlier CSTĐ cơ sở does not lend its initiative to this year's). Only between two different
    titles is reuse unsettled (law.md §1.1): `initiative_reuse_across_titles` decides."""
    candidate = check.candidate
    award = candidate.award
    reuse = check.params.initiative_reuse_across_titles
    pick = InitiativePick()
    minimum = SCOPE_RANK[min_scope]
    for entry in check.history.initiatives:  # already by year, then id
        if SCOPE_RANK[entry.scope] < minimum or not first_year <= entry.year <= last_year:
            continue
        if entry.used_for is None or for_this_award(entry, candidate):
            pick.usable.append(entry)
        elif (entry.used_for != award and entry.used_for in TITLES and award in TITLES
              and reuse is not False):
            (pick.usable if reuse else pick.unsettled).append(entry)
        else:
            pick.spent.append(entry)
    if pick.spent:
        listed = "; ".join(f"{entry.id} đã dùng cho {short_award(entry.used_for)}"
                           + (f" năm {entry.used_for_year}" if entry.used_for_year else "") for entry in pick.spent)
        check.add(F.INITIATIVE_USED, True, f"Không tính sáng kiến đã làm căn cứ cho một lần khen trước: {listed} "
                  "(mỗi sáng kiến chỉ làm căn cứ cho một lần khen).", f"{cite.PRINCIPLES}; {cite.INITIATIVE_ONCE}")
    return pick


def initiative_finding(check: Check, pick: InitiativePick, need: int, requirement: str, citation: str) -> bool:
    """Record whether `need` initiatives are available; True when they are (unsettled reuse → council)."""
    if len(pick.usable) >= need:
        check.add(F.INITIATIVE, True, f"Có sáng kiến {requirement}: {pick.describe(pick.usable[:need])}.", citation)
        return True
    if len(pick.usable) + len(pick.unsettled) >= need:
        reused = pick.unsettled[: need - len(pick.usable)]
        used_for = ", ".join(sorted({short_award(entry.used_for) for entry in reused}))
        check.judge(F.INITIATIVE_REUSE,
                    f"Sáng kiến {requirement} chỉ có {pick.describe(reused)}, đã dùng cho danh hiệu {used_for}; "
                    "việc dùng lại sáng kiến giữa hai danh hiệu chưa có hướng dẫn — Hội đồng xem xét "
                    f"({PROVINCIAL_RULE}).", cite.INITIATIVE_REUSE_TITLES)
        return True
    have = f"chỉ có {len(pick.usable)}: {pick.describe(pick.usable)}" if pick.usable else "không có"
    check.add(F.INITIATIVE, False, f"Cần {need} sáng kiến {requirement}; {have}.", citation)
    return False


def not_encoded(check: Check, detail: str = "") -> None:
    """Criteria the engine does not encode (set by the province or a ministry, or not read): to the council."""
    code = check.candidate.award
    extra = f" {detail}" if detail else ""
    check.judge(F.CRITERIA_NOT_ENCODED,
                f"Tiêu chí do tỉnh/Bộ quy định chi tiết; Hội đồng xem xét ({award_name(code)}).{extra}",
                _criteria_citation(check, code))


def _criteria_citation(check: Check, code: str) -> str:
    """Cờ thi đua tỉnh and the province's own awards are detailed by the province: cite its regulation too."""
    if code == A.CO_TINH:
        return check.provincial(cite.CO_TINH, regulations.CO_TINH)
    if code in check.params.provincial_awards:
        return check.provincial(cite.FORMS, regulations.PROVINCIAL_AWARDS)
    return cite.criteria_source(code)


def soften(check: Check, since: int) -> bool:
    """Turn the failed findings recorded after index `since` into council matters; True if there were any.

    Used where the encoded criterion is one of several alternatives and the others are judgement
    clauses (Luật Đ74.1 a–c): failing the encoded one leaves the case to the council."""
    softened = False
    for index in range(since, len(check.findings)):
        finding = check.findings[index]
        if not finding.passed and not finding.judgement:
            check.findings[index] = Finding(finding.code, False, finding.message, finding.citation, True)
            softened = True
    return softened
