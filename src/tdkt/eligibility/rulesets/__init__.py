"""Legal regimes (rule sets), versioned by effective date, and the choice of one for a dossier.

The criteria of titles and forms come from the Law (Luật TĐKT 2022) and are the same under every
regime; what a regime changes is the decree that details it: its articles (citations), which
council votes it makes mandatory, its quotas, and whether its principles were verified.

A dossier keeps the rule set of the day it was lodged (NĐ152 Đ60.3): the engine chooses by
`candidate.lodged_on or decision_date`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..params import Parameters
from .base import Ruleset
from .nd98 import ND98
from .nd152 import ND152

RULESETS: tuple[Ruleset, ...] = (ND98, ND152)


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
