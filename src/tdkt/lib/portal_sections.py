"""The public portal's sections, declared by the apps that publish them.

The portal app draws its menu and runs its search from what each app registers in its AppConfig.ready():
a section has a menu label, the URL name of its public list, an order, and optionally a search function. So
the portal needs no import of exemplars, news or movements, and an app that publishes something new adds one
registration. Search functions receive the visitor's text already folded (tdkt.lib.vntext.fold: lower case,
no diacritics) and return at most `limit` hits from published content only, in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PortalHit:
    title: str
    url: str
    summary: str = ""
    date: datetime.date | None = None


@dataclass(frozen=True)
class Section:
    key: str  # "exemplars", "news"
    label: str  # the menu's word: "Điển hình tiên tiến" (a lazy translation)
    url_name: str  # the public list: "exemplars:public_list"
    order: int = 100  # left to right in the menu
    search: Callable[[str, int], list[PortalHit]] | None = None
    # The portal's home lists a section's newest published items when it offers them: latest(limit) returns at
    # most `limit` hits, newest first, in a fixed number of queries. Optional: a section may be a menu entry only.
    latest: Callable[[int], list[PortalHit]] | None = None


SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> None:
    """Called from an AppConfig.ready(); registering the same key again replaces it (test reloads)."""
    SECTIONS[section.key] = section


def sections() -> list[Section]:
    return sorted(SECTIONS.values(), key=lambda section: (section.order, section.key))


# --- what units contribute for publication each quarter (news items, exemplars) --------------------------
# A plan may ask each unit for one news item or exemplar per quarter, confirmed by its leader (the Sơn La
# office's plan). The tracker sums, per unit, what every registered kind counts: `count(year, quarter)` returns
# {unit id: number confirmed by the unit's leader in that quarter}, in a fixed number of queries.

@dataclass(frozen=True)
class ContributionKind:
    key: str
    label: str
    count: Callable[[int, int], dict[int, int]]


CONTRIBUTIONS: dict[str, ContributionKind] = {}


def register_contribution(kind: ContributionKind) -> None:
    CONTRIBUTIONS[kind.key] = kind


def contributions(year: int, quarter: int) -> dict[int, dict[str, int]]:
    """{unit id: {kind key: number}} over every registered kind."""
    totals: dict[int, dict[str, int]] = {}
    for kind in CONTRIBUTIONS.values():
        for unit_id, number in kind.count(year, quarter).items():
            totals.setdefault(unit_id, {})[kind.key] = number
    return totals
