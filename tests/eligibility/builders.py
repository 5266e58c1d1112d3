"""Short ways to write candidates in table-driven tests.

    person("CSTD_TINH", 2025, ratings={2023: "HTXSNV"}, titles={"CSTD_CS": [2023, 2024, 2025]},
           initiatives=[("SK1", 2024, "TINH")])
"""

import datetime as dt

from tdkt.eligibility.engine import evaluate
from tdkt.eligibility.params import DEFAULT_PARAMETERS
from tdkt.eligibility.types import (
    AwardEntry,
    Candidate,
    DisciplineEntry,
    InitiativeEntry,
    LeadershipTerm,
    MemberStats,
    RatingEntry,
)

DECISION = dt.date(2025, 12, 20)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def ratings_of(ratings: dict[int, str] | None, every: str | None = None, years: range | None = None):
    table = dict.fromkeys(years or (), every) if every else {}
    table.update(ratings or {})
    return tuple(RatingEntry(year, level) for year, level in sorted(table.items()))


def awards_of(titles: dict[str, list[int]] | None = None, extra: list[AwardEntry] | None = None):
    entries = [AwardEntry(code, year) for code, years in (titles or {}).items() for year in years]
    return tuple(entries + list(extra or ()))


def initiatives_of(items):
    return tuple(InitiativeEntry(*item) for item in items or ())


def person(award: str, year: int, *, ratings=None, good_since: int | None = None, titles=None, awards=None,
           initiatives=None, discipline=None, open_cases=(), kind="individual", members=None, **extra) -> Candidate:
    """`good_since`: every year from it to `year` rated HTTNV unless `ratings` says otherwise."""
    years = range(good_since, year + 1) if good_since else None
    return Candidate(
        id=extra.pop("id", "C1"), kind=kind, award=award, year=year,
        ratings=ratings_of(ratings, "HTTNV" if good_since else None, years),
        awards=awards_of(titles, awards), initiatives=initiatives_of(initiatives),
        discipline=tuple(DisciplineEntry(level, d(start), d(end) if end else None)
                         for level, start, end in discipline or ()),
        open_cases=tuple(open_cases), members=MemberStats(*members) if members else None, **extra)


def collective(award: str, year: int, **kwargs) -> Candidate:
    return person(award, year, kind="collective", **kwargs)


def leader(award: str, post_years, *, gender="M", year=2025, **kwargs) -> Candidate:
    terms = tuple(LeadershipTerm(*term) for term in post_years)
    return person(award, year, gender=gender, leadership_years=terms, **kwargs)


def check(candidate: Candidate, decision: dt.date = DECISION, params=DEFAULT_PARAMETERS):
    return evaluate(candidate, decision_date=decision, params=params)


def finding(result, code: str):
    """The one finding with `code` (fails the test when absent or repeated)."""
    matches = [f for f in result.findings if f.code == code]
    assert len(matches) == 1, f"{code}: {len(matches)} findings in {[f.code for f in result.findings]}"
    return matches[0]


def codes(result, *, failed: bool | None = None) -> list[str]:
    return [str(f.code) for f in result.findings if failed is None or f.passed != failed]
