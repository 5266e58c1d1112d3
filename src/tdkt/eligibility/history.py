"""A candidate's history indexed once per check, and the integrity checks of that history.

Impossible histories (two ratings for one year, overlapping discipline, an initiative claimed twice,
records after the decision date, unknown values) become failed findings, never exceptions: the
engine reads data it did not validate (the ORM loader, property tests).
"""

from __future__ import annotations

import datetime as dt
import math
from operator import attrgetter
from typing import NamedTuple

from . import citations as cite
from .codes import (
    DISCIPLINE_RANK,
    RATING_RANK,
    SCOPE_RANK,
    Basis,
    FindingCode,
)
from .names import DISCIPLINE_NAMES, award_name, quoted, rating_text, vn_date, years_text
from .types import AwardEntry, Candidate, DisciplineEntry, Finding, InitiativeEntry

F = FindingCode
MIN_YEAR = 1900  # no award record of the Law's system is older; smaller years are typing errors
BASES = frozenset(Basis)
NONMERIT_BASES = frozenset({Basis.THEMATIC, Basis.ADHOC})
MERIT = str(Basis.MERIT)  # a plain str compares faster than the enum member in the hot loop
GENDERS = frozenset({"F", "M"})
GENDERS_OR_NONE = frozenset({"F", "M", None})
BY_YEAR_AND_ID = attrgetter("year", "id")
RATING_LEVELS = frozenset(RATING_RANK)


class Span(NamedTuple):
    """Achievement period of a past award, in whole years."""

    start: int
    end: int
    entry: AwardEntry


def award_span(entry: AwardEntry, default_years: int = 1) -> Span:
    """Years the award's achievement covers: its stated period, else `default_years` ending in its year.

    `default_years` is the natural length of a chain title (3 for CSTĐ tỉnh: its 3 CSTĐ cơ sở years),
    used when an archived decision states only the year.
    """
    end = entry.period_to.year if entry.period_to else entry.year
    start = entry.period_from.year if entry.period_from else end - max(default_years, 1) + 1
    return Span(min(start, end), end, entry)


class History:
    """Indexes over one candidate's records, built once and read by every rule."""

    __slots__ = ("ratings", "merit", "nonmerit", "initiatives", "discipline", "count_from", "count_from_entry",
                 "running")

    def __init__(self) -> None:
        self.ratings: dict[int, str] = {}  # year -> level (first one when a year is duplicated)
        self.merit: dict[str, list[AwardEntry]] = {}  # code -> awards that may ground merit awards
        self.nonmerit: dict[str, list[AwardEntry]] = {}  # code -> thematic/ad-hoc awards (excluded)
        self.initiatives: list[InitiativeEntry] = []  # one per id, valid scope, by year then id
        self.discipline: list[DisciplineEntry] = []  # valid entries, by start
        self.count_from: int | None = None  # first year achievements count after a served discipline
        self.count_from_entry: DisciplineEntry | None = None
        self.running: list[DisciplineEntry] = []  # discipline running on the decision date

    def rating(self, year: int) -> str | None:
        return self.ratings.get(year)

    def rating_at_least(self, year: int, level: str) -> bool:
        rating = self.ratings.get(year)
        return rating is not None and RATING_RANK[rating] >= RATING_RANK[level]

    def title_years(self, codes: tuple[str, ...]) -> set[int]:
        """Years with a merit award of one of `codes` (equivalent titles count alike)."""
        years: set[int] = set()
        for code in codes:
            for entry in self.merit.get(code, ()):
                years.add(entry.year)
        return years

    def spans(self, codes: tuple[str, ...], default_years: int = 1) -> list[Span]:
        spans = [award_span(entry, default_years) for code in codes for entry in self.merit.get(code, ())]
        spans.sort(key=lambda span: (span.end, span.start, span.entry.award))
        return spans

    def latest_before(self, codes: tuple[str, ...], year: int, default_years: int = 1) -> Span | None:
        """The last merit award of `codes` whose achievement period ended before `year`."""
        earlier = [span for span in self.spans(codes, default_years) if span.end < year]
        return earlier[-1] if earlier else None

    def excluded_years(self, codes: tuple[str, ...]) -> list[tuple[int, str]]:
        """(year, code) of thematic/ad-hoc awards of `codes`: shown when they are left out of a chain."""
        if not self.nonmerit:
            return []
        return sorted((entry.year, entry.award) for code in codes for entry in self.nonmerit.get(code, ()))


def build_history(candidate: Candidate, decision_date: dt.date, *, exclude_nonmerit: bool,
                  ) -> tuple[History, list[Finding]]:
    """Index the candidate's records; return the index and the integrity findings (all failed ones)."""
    history = History()
    problems: list[Finding] = []
    last_year = decision_date.year
    _check_candidate(candidate, decision_date, problems)
    _index_ratings(candidate, history, problems, last_year)
    _index_awards(candidate, history, problems, decision_date, exclude_nonmerit)
    _index_initiatives(candidate, history, problems, last_year)
    _index_discipline(candidate, history, problems, decision_date)
    return history, problems


def _problem(code: str, message: str, citation: str = cite.PRINCIPLES) -> Finding:
    return Finding(code, False, message, citation)


def _year_problem(year: int, what: str, last_year: int) -> Finding | None:
    if year < MIN_YEAR:
        return _problem(F.INVALID_YEAR, f"{what}: năm {year} không hợp lệ (trước {MIN_YEAR}).")
    if year > last_year:
        return _problem(F.FUTURE_RECORD,
                        f"{what}: năm {year} ở sau năm của ngày quyết định ({last_year}); lịch sử không thể có.")
    return None


def _check_candidate(candidate: Candidate, decision_date: dt.date, problems: list[Finding]) -> None:
    if (MIN_YEAR <= candidate.year <= decision_date.year and candidate.lodged_on is None and candidate.basis is None
            and candidate.members is None and not candidate.leadership_years and candidate.gender in GENDERS_OR_NONE):
        return  # short path: nothing here can be wrong
    if candidate.year < MIN_YEAR:
        problems.append(_problem(F.INVALID_YEAR, f"Năm lập thành tích {candidate.year} không hợp lệ."))
    elif candidate.year > decision_date.year:
        problems.append(_problem(
            F.FUTURE_ACHIEVEMENT_YEAR,
            f"Năm lập thành tích {candidate.year} ở sau năm của ngày quyết định {vn_date(decision_date)}; "
            "không thể khen thưởng thành tích chưa lập được."))
    if candidate.lodged_on is not None and candidate.lodged_on > decision_date:
        problems.append(_problem(
            F.INVALID_PERIOD,
            f"Ngày nộp hồ sơ {vn_date(candidate.lodged_on)} ở sau ngày quyết định {vn_date(decision_date)}."))
    if candidate.gender is not None and candidate.gender not in GENDERS:
        problems.append(_problem(F.INVALID_VALUE, f"Giới tính {quoted(candidate.gender)} không hợp lệ (F hoặc M)."))
    if candidate.basis is not None and candidate.basis not in BASES:
        problems.append(_problem(F.INVALID_VALUE, f"Loại hình khen thưởng {quoted(candidate.basis)} không hợp lệ.",
                                 cite.KINDS))
    for term in candidate.leadership_years:
        years = term.years
        if not isinstance(years, int | float) or not math.isfinite(years) or years < 0:
            problems.append(_problem(F.INVALID_VALUE,
                                     f"Số năm giữ chức vụ {quoted(years)} ({term.post}) không hợp lệ."))
        if term.start and term.end and term.end < term.start:
            problems.append(_problem(F.INVALID_PERIOD, f"Thời gian giữ chức vụ {term.post}: ngày kết thúc "
                                     f"{vn_date(term.end)} trước ngày bắt đầu {vn_date(term.start)}."))
    members = candidate.members
    if members is not None:
        figures = (members.ldtt, members.completed_tasks, members.cstd_cs, members.disciplined_warning_or_above)
        if members.total <= 0 or any(value < 0 or value > members.total for value in figures):
            problems.append(_problem(
                F.INVALID_MEMBERS,
                f"Số liệu thành viên không hợp lệ: tổng {members.total}, LĐTT {members.ldtt}, hoàn thành nhiệm vụ "
                f"{members.completed_tasks}, CSTĐCS {members.cstd_cs}, kỷ luật từ cảnh cáo "
                f"{members.disciplined_warning_or_above} (mỗi số phải từ 0 đến tổng số, tổng số phải lớn hơn 0)."))


def _index_ratings(candidate: Candidate, history: History, problems: list[Finding], last_year: int) -> None:
    entries = candidate.ratings
    if not entries:
        return
    # Short path, all in C: one rating per year, known levels, years in range.
    ratings = {entry.year: entry.level for entry in entries}
    if (len(ratings) == len(entries) and min(ratings) >= MIN_YEAR and max(ratings) <= last_year
            and RATING_LEVELS.issuperset(ratings.values())):
        history.ratings = ratings
        return
    ratings = history.ratings
    duplicated: dict[int, list[str]] = {}
    for entry in entries:
        year, level = entry.year, entry.level
        if level not in RATING_RANK:
            problems.append(_problem(F.INVALID_VALUE, f"Xếp loại năm {year}: mức {quoted(level)} không hợp lệ."))
            continue
        if not MIN_YEAR <= year <= last_year:
            problems.append(_year_problem(year, "Xếp loại", last_year))
            continue
        if year in ratings:
            duplicated.setdefault(year, [ratings[year]]).append(level)
        else:
            ratings[year] = level
    for year, levels in sorted(duplicated.items()):
        problems.append(_problem(F.DUPLICATE_RATING, f"Có {len(levels)} xếp loại cho cùng năm {year} "
                                 f"({', '.join(levels)}); mỗi năm chỉ có một kết quả xếp loại."))


def _award_problem(entry: AwardEntry, decision_date: dt.date) -> Finding | None:
    """What is impossible about a past award, if anything (the slow path, with the message)."""
    label = f"Khen thưởng {award_name(entry.award)} năm {entry.year}"
    problem = _year_problem(entry.year, label, decision_date.year)
    if problem:
        return problem
    if entry.basis not in BASES:
        return _problem(F.INVALID_VALUE, f"{label}: loại hình {quoted(entry.basis)} không hợp lệ.", cite.KINDS)
    if entry.period_from and entry.period_to and entry.period_to < entry.period_from:
        return _problem(F.INVALID_PERIOD, f"{label}: thời gian lập thành tích kết thúc {vn_date(entry.period_to)} "
                        f"trước khi bắt đầu {vn_date(entry.period_from)}.")
    # A year-end decision may state a period running to 31/12 of its own year: only later years are
    # impossible. The earlier decision itself cannot postdate the one being checked.
    if entry.period_to and entry.period_to.year > decision_date.year:
        return _problem(F.FUTURE_RECORD, f"{label}: thời gian lập thành tích đến {vn_date(entry.period_to)}, sau năm "
                        f"của ngày quyết định {vn_date(decision_date)}; lịch sử không thể có.")
    if entry.decision_date and entry.decision_date > decision_date:
        return _problem(F.FUTURE_RECORD, f"{label}: quyết định ngày {vn_date(entry.decision_date)} ở sau ngày quyết "
                        f"định đang xét {vn_date(decision_date)}; lịch sử không thể có.")
    return None


def _index_awards(candidate: Candidate, history: History, problems: list[Finding], decision_date: dt.date,
                  exclude_nonmerit: bool) -> None:
    # The hot loop of the engine (a dozen records per candidate): plain records take the short path.
    last_year = decision_date.year
    merit = history.merit
    excluded = history.nonmerit if exclude_nonmerit else merit
    for entry in candidate.awards:
        period_to, decided = entry.period_to, entry.decision_date
        if (not MIN_YEAR <= entry.year <= last_year
                or (period_to is not None and (period_to.year > last_year
                                               or (entry.period_from is not None and entry.period_from > period_to)))
                or (decided is not None and decided > decision_date)):
            problem = _award_problem(entry, decision_date)
            if problem is not None:
                problems.append(problem)
                continue
        basis = entry.basis
        if basis == MERIT:
            target = merit
        elif basis in NONMERIT_BASES:
            target = excluded
        elif basis in BASES:
            continue  # dedication, seniority, foreign: never the ground of a merit chain
        else:
            problems.append(_problem(F.INVALID_VALUE, f"Khen thưởng {award_name(entry.award)} năm {entry.year}: loại "
                                     f"hình {quoted(basis)} không hợp lệ.", cite.KINDS))
            continue
        entries = target.get(entry.award)
        if entries is None:
            target[entry.award] = [entry]
        else:
            entries.append(entry)
    repeated = [code for code, entries in merit.items()
                if len(entries) > 1 and len({entry.year for entry in entries}) < len(entries)]
    for code in sorted(repeated):
        years = [entry.year for entry in merit[code] if entry.basis == MERIT]
        for year in sorted({year for year in years if years.count(year) > 1}):
            problems.append(_problem(F.DUPLICATE_AWARD, f"{award_name(code)} loại hình công trạng được ghi "
                                     f"{years.count(year)} lần cho cùng năm {year}; một thành tích chỉ được khen một "
                                     "lần."))


def _index_initiatives(candidate: Candidate, history: History, problems: list[Finding], last_year: int) -> None:
    entries = candidate.initiatives
    if not entries:
        return
    # Short path: distinct ids, known scopes, years in range.
    if (len({entry.id for entry in entries}) == len(entries)
            and all(entry.scope in SCOPE_RANK and MIN_YEAR <= entry.year <= last_year for entry in entries)):
        history.initiatives = sorted(entries, key=BY_YEAR_AND_ID)
        return
    seen: dict[str, list[InitiativeEntry]] = {}
    for entry in candidate.initiatives:
        if entry.id in seen:
            seen[entry.id].append(entry)
            continue
        seen[entry.id] = [entry]
        if entry.scope not in SCOPE_RANK:
            problems.append(_problem(F.INVALID_VALUE, f"Sáng kiến {quoted(entry.id)}: phạm vi {quoted(entry.scope)} "
                                     "không hợp lệ.", cite.INITIATIVE_DEFINITION))
        elif not MIN_YEAR <= entry.year <= last_year:
            problems.append(_year_problem(entry.year, f"Sáng kiến {quoted(entry.id)}", last_year))
        else:
            history.initiatives.append(entry)
    history.initiatives.sort(key=BY_YEAR_AND_ID)
    for initiative_id, entries in sorted(seen.items()):
        if len(entries) > 1:
            problems.append(_problem(
                F.DUPLICATE_INITIATIVE,
                f"Sáng kiến {quoted(initiative_id)} được khai {len(entries)} lần (năm "
                f"{years_text(sorted(e.year for e in entries))}); mỗi sáng kiến chỉ được tính một lần.",
                cite.INITIATIVE_ONCE))


def _index_discipline(candidate: Candidate, history: History, problems: list[Finding],
                      decision_date: dt.date) -> None:
    if not candidate.discipline:
        return
    valid: list[DisciplineEntry] = []
    for entry in candidate.discipline:
        label = f"Kỷ luật {DISCIPLINE_NAMES.get(entry.level, repr(entry.level))} từ {vn_date(entry.start)}"
        if entry.level not in DISCIPLINE_RANK:
            problems.append(_problem(F.INVALID_VALUE, f"{label}: hình thức {quoted(entry.level)} không hợp lệ."))
        elif entry.end is not None and entry.end < entry.start:
            problems.append(_problem(F.INVALID_PERIOD,
                                     f"{label}: ngày kết thúc {vn_date(entry.end)} trước ngày bắt đầu."))
        elif entry.start > decision_date:
            problems.append(_problem(F.FUTURE_RECORD, f"{label}: bắt đầu sau ngày quyết định "
                                     f"{vn_date(decision_date)}; lịch sử không thể có."))
        else:
            valid.append(entry)
    valid.sort(key=lambda entry: (entry.start, entry.end or dt.date.max))
    for earlier, later in zip(valid, valid[1:], strict=False):
        if earlier.end is None or later.start <= earlier.end:
            problems.append(_problem(
                F.OVERLAPPING_DISCIPLINE,
                f"Hai thời hạn kỷ luật chồng lấn: {DISCIPLINE_NAMES[earlier.level]} {vn_date(earlier.start)}–"
                f"{vn_date(earlier.end)} và {DISCIPLINE_NAMES[later.level]} {vn_date(later.start)}–{vn_date(later.end)}."))
    history.discipline = valid
    for entry in valid:
        if entry.end is None or entry.end >= decision_date:
            history.running.append(entry)
        elif history.count_from is None or entry.end.year + 1 > history.count_from:
            # The year the discipline ends is not a whole year of achievement: count from the next one.
            history.count_from = entry.end.year + 1
            history.count_from_entry = entry


def rating_label(history: History, year: int) -> str:
    rating = history.rating(year)
    return f"năm {year}: {rating_text(rating)}" if rating else f"năm {year}: chưa có xếp loại"
