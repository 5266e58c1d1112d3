"""The quarterly contribution tracker: units asked (ContributionAsk of the year: units named and members of an
emulation group that year) against what they sent, summing every registered kind
(tdkt.lib.portal_sections.contributions: news items, exemplars…). A fixed number of queries whatever the number
of units: the asks, their units, the groups' members, then one per registered kind."""

from dataclasses import dataclass, field

from tdkt.lib.portal_sections import CONTRIBUTIONS, contributions
from tdkt.news.models import ContributionAsk
from tdkt.orgs.models import EmulationGroupMembership, Unit


@dataclass
class TrackerRow:
    unit_id: int
    name: str
    asked: int = 0
    sent: dict[str, int] = field(default_factory=dict)  # kind key -> number

    @property
    def total(self) -> int:
        return sum(self.sent.values())

    @property
    def missing(self) -> int:
        return max(self.asked - self.total, 0)

    def counts(self, keys) -> list[int]:
        return [self.sent.get(key, 0) for key in keys]


def kinds() -> list:
    """The registered kinds in a fixed order (the columns)."""
    return sorted(CONTRIBUTIONS.values(), key=lambda kind: kind.key)


def asks_of(year: int):
    return ContributionAsk.objects.filter(year=year).select_related("group").prefetch_related("units")


def asked_units(year: int) -> dict[int, int]:
    """{unit id: number asked per quarter}: a unit asked by several asks owes their sum."""
    asks = list(asks_of(year))
    asked: dict[int, int] = {}
    for ask in asks:
        for unit in ask.units.all():
            asked[unit.pk] = asked.get(unit.pk, 0) + ask.per_quarter
    group_asks = {ask.group_id: ask for ask in asks if ask.group_id}
    if group_asks:
        members = EmulationGroupMembership.objects.filter(
            group_year__group_id__in=list(group_asks), group_year__year=year).values_list("unit_id", "group_year__group_id")
        for unit_id, group_id in members:
            asked[unit_id] = asked.get(unit_id, 0) + group_asks[group_id].per_quarter
    return asked


def tracker_rows(year: int, quarter: int) -> list[TrackerRow]:
    """One row per unit asked, by unit name, with what it sent in the quarter."""
    asked = asked_units(year)
    sent = contributions(year, quarter)
    names = dict(Unit.objects.filter(pk__in=list(asked)).values_list("pk", "name"))
    rows = [TrackerRow(unit_id=unit_id, name=names.get(unit_id, ""), asked=number, sent=sent.get(unit_id, {}))
            for unit_id, number in asked.items()]
    return sorted(rows, key=lambda row: (row.name, row.unit_id))
