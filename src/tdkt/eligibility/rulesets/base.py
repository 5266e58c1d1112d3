"""A legal regime (rule set): its decree's articles, votes, quotas and effective dates (one module per decree
beside this one)."""

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
