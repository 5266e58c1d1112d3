"""Legal regimes (rule sets), versioned by effective date, and the choice of one for a dossier.

The criteria of titles and forms come from the Law (Luật TĐKT 2022) and are the same under every
regime; what a regime changes is the decree that details it: its articles (citations), which
council votes it makes mandatory, its quotas, and whether its principles were verified.

A dossier keeps the rule set of the day it was lodged (NĐ152 Đ60.3): the engine chooses by
`candidate.lodged_on or decision_date`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..params import Parameters


@dataclass(frozen=True, eq=False)
class Ruleset:
    key: str  # stable key, e.g. "ND152_2025"
    name: str  # "Nghị định 152/2025/NĐ-CP"
    effective_from: dt.date  # first day it applies
    effective_to: dt.date | None  # last day it applies (inclusive); None: open-ended
    citations: Mapping[str, str]  # principle key -> citation (see nd152.CITATIONS for the keys)
    principles_verified: bool  # False: its principle articles were not read (law.md §7)
    vote_thresholds: Mapping[str, float] | None  # fixed by this decree; None: Parameters.vote_thresholds
    cluster_quota: bool  # Cờ CP proposals from cluster leaders capped (NĐ152 Đ7.1)

    def cite(self, key: str) -> str:
        return self.citations[key]

    def last_day(self, params: Parameters) -> dt.date | None:
        return params.ruleset_end_overrides.get(self.key, self.effective_to)


def _all() -> tuple[Ruleset, ...]:
    from .nd98 import ND98
    from .nd152 import ND152

    return (ND98, ND152)


RULESETS: tuple[Ruleset, ...] = _all()


@dataclass(frozen=True, slots=True)
class Choice:
    """The rule set for a date; `gap` says the date lies outside every encoded regime."""

    ruleset: Ruleset
    on: dt.date
    gap: str | None = None  # "before" the first regime, "after" the last one, or None


def select_ruleset(on: dt.date, params: Parameters) -> Choice:
    """The regime in force on `on`; outside them all, the nearest one, flagged with the gap."""
    for ruleset in RULESETS:
        last = ruleset.last_day(params)
        if ruleset.effective_from <= on and (last is None or on <= last):
            return Choice(ruleset, on)
    if on < RULESETS[0].effective_from:
        return Choice(RULESETS[0], on, "before")
    return Choice(RULESETS[-1], on, "after")
