"""At year end: what each unit registered (signed registrations only) against what it proposed (nomination
lines in its dossiers of the year) and what was awarded (award records of the year), per unit and title, and
per name registered (person or collective) with the early warnings of the eligibility engine.

Queries are fixed whatever the number of units: the per-unit table takes seven, the named lines four more,
and the warnings the engine's bulk history load (tdkt.awards.queries.load_histories) for the people
registered for a title in WARNED_TITLES.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from tdkt.accounts.scope import get_scope
from tdkt.awards.models import AwardRecord, AwardType
from tdkt.awards.provincial import province_parameters
from tdkt.awards.queries import load_histories
from tdkt.dossiers.enums import NominationState
from tdkt.dossiers.models import Nomination
from tdkt.eligibility.codes import AwardCode, FindingCode
from tdkt.eligibility.engine import evaluate_many
from tdkt.movements.enums import RegistrationState
from tdkt.movements.models import Registration, RegistrationItem
from tdkt.movements.models_registrations import RegistrationEntry
from tdkt.orgs.models import Unit
from tdkt.orgs.queries import natural_key

# Titles whose registered people are checked early: the CSTĐ titles need a recognised initiative (Luật TĐKT
# Đ22–23), which a person can still obtain during the year if warned in time.
WARNED_TITLES = frozenset({AwardCode.CSTD_CS, AwardCode.CSTD_TINH, AwardCode.CSTD_TQ})
# Findings that can already be known before the year's ratings: missing or already used initiatives (for
# CSTĐ cơ sở, CSTD_CS_BASIS: neither an excellent rating nor a recognised initiative yet), a discipline or an
# open case. The year's own rating is not known until the year ends, so RATING and the chains built on it
# are not warned about.
EARLY_FINDINGS = frozenset({FindingCode.INITIATIVE, FindingCode.CSTD_CS_BASIS, FindingCode.INITIATIVE_USED,
                            FindingCode.INITIATIVE_REUSE,
                            FindingCode.DISCIPLINE_RUNNING, FindingCode.DISCIPLINE_PERIOD, FindingCode.OPEN_CASE})


@dataclass
class ComparisonLine:
    award: object
    registered: int = 0
    proposed: int = 0
    awarded: int = 0


@dataclass
class UnitComparison:
    unit: object
    state: str = ""  # of the year-round registration; "" when the unit did not register
    lines: list[ComparisonLine] = field(default_factory=list)


@dataclass
class NamedLine:
    """One name registered: the registering unit, the person or collective, the title registered, the titles
    proposed and awarded to that recipient in the year, and early warnings. Plain values, not model
    instances: thousands of lines are built per page."""

    unit_id: int
    unit_name: str
    recipient_id: int
    recipient_name: str
    is_person: bool
    registered: object  # AwardType
    proposed: list = field(default_factory=list)
    awarded: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def got_registered(self) -> bool:
        return any(award.pk == self.registered.pk for award in self.awarded)


def _year_round(user, year: int, unit_ids):
    """The year-round registrations of `year` the user reads (every state)."""
    scope = get_scope(user)
    registrations = Registration.objects.filter(year=year, movement__isnull=True)
    if not scope.read_all:
        registrations = registrations.filter(unit_id__in=scope.readable_unit_ids)
    if unit_ids:
        registrations = registrations.filter(unit_id__in=unit_ids)
    return registrations


def _signed(user, year: int, unit_ids):
    return _year_round(user, year, unit_ids).filter(state=RegistrationState.SIGNED)


def comparison(user, year: int, *, unit_ids: list[int] | None = None) -> list[UnitComparison]:
    """Per unit in the user's scope, per award: registered (signed year-round registrations: the collective
    title, the numbers per individual title, and the collectives named) vs proposed vs awarded in `year`.
    Seven queries whatever the number of units."""
    scope = get_scope(user)
    registrations = _signed(user, year, unit_ids)
    nominations = (Nomination.objects.filter(dossier__year=year).exclude(state=NominationState.WITHDRAWN)
                   .values("dossier__unit_id", "award_type_id").annotate(n=Count("id")))
    awards = (AwardRecord.objects.filter(year=year).filter(Q(unit__isnull=False) | Q(person__isnull=False))
              .values("unit_id", "person__unit_id", "award_type_id").annotate(n=Count("id")))
    if not scope.read_all:
        readable = scope.readable_unit_ids
        nominations = nominations.filter(dossier__unit_id__in=readable)
        awards = awards.filter(Q(unit_id__in=readable) | Q(person__unit_id__in=readable))
    if unit_ids:
        nominations = nominations.filter(dossier__unit_id__in=unit_ids)
        awards = awards.filter(Q(unit_id__in=unit_ids) | Q(person__unit_id__in=unit_ids))
    counts: dict[int, dict[int, ComparisonLine]] = defaultdict(dict)
    states: dict[int, str] = {}  # every registration's state is shown; only the signed ones count

    def line(unit_id, award_id) -> ComparisonLine:
        return counts[unit_id].setdefault(award_id, ComparisonLine(award=award_id))

    for unit_id, state, collective_id in _year_round(user, year, unit_ids).values_list("unit_id", "state",
                                                                                       "collective_award_id"):
        states[unit_id] = state
        if collective_id and state == RegistrationState.SIGNED:
            line(unit_id, collective_id).registered += 1
    for unit_id, award_id, count in RegistrationItem.objects.filter(registration__in=registrations).values_list(
            "registration__unit_id", "award_type_id", "count"):
        line(unit_id, award_id).registered += count
    for row in (RegistrationEntry.objects.filter(registration__in=registrations, unit__isnull=False)
                .values("registration__unit_id", "award_type_id").annotate(n=Count("id"))):
        line(row["registration__unit_id"], row["award_type_id"]).registered += row["n"]
    for row in nominations:
        line(row["dossier__unit_id"], row["award_type_id"]).proposed += row["n"]
    for row in awards:
        unit_id = row["unit_id"] or row["person__unit_id"]
        if (scope.read_all or unit_id in scope.readable_unit_ids) and (not unit_ids or unit_id in unit_ids):
            line(unit_id, row["award_type_id"]).awarded += row["n"]
    award_ids = {award_id for lines in counts.values() for award_id in lines}
    award_types = AwardType.objects.in_bulk(award_ids)
    units = Unit.objects.in_bulk(list(counts))
    result = []
    for unit_id, lines in counts.items():
        for entry in lines.values():
            entry.award = award_types[entry.award]
        ordered = sorted(lines.values(), key=lambda e: (e.award.sort_order, e.award.code))
        result.append(UnitComparison(unit=units[unit_id], state=states.get(unit_id, ""), lines=ordered))
    return sorted(result, key=lambda c: natural_key(c.unit.name))


def named_comparison(user, year: int, *, unit_ids: list[int] | None = None, warn: bool = True,
                     warned_titles_only: bool = False) -> list[NamedLine]:
    """Every name of the signed registrations of `year` with what was proposed for and awarded to it that
    year (four queries, joined through the registrations: no list of ids is sent), and, with `warn`, the
    early warnings for the people registered for a title in WARNED_TITLES. `warned_titles_only`: only the
    names registered for those titles (the province-wide page lists their warnings, not every name)."""
    registrations = _signed(user, year, unit_ids)
    entries = RegistrationEntry.objects.filter(registration__in=registrations)
    if warned_titles_only:
        entries = entries.filter(award_type__code__in=WARNED_TITLES)
    rows = list(entries.order_by("registration_id", "position", "id").values_list(
        "registration__unit_id", "registration__unit__name", "person_id", "person__full_name", "unit_id",
        "unit__name", "award_type_id"))
    proposed: dict[tuple[str, int], list] = defaultdict(list)
    awarded: dict[tuple[str, int], list] = defaultdict(list)
    named = Q(person__emulation_registrations__registration__in=registrations) | Q(
        unit__named_registrations__registration__in=registrations)
    if rows:
        for person_id, unit_id, award_id in (Nomination.objects.filter(dossier__year=year).filter(named)
                                             .exclude(state=NominationState.WITHDRAWN).distinct()
                                             .values_list("person_id", "unit_id", "award_type_id")):
            proposed[("p", person_id) if person_id else ("u", unit_id)].append(award_id)
        for person_id, unit_id, award_id in (AwardRecord.objects.filter(year=year).filter(named).distinct()
                                             .values_list("person_id", "unit_id", "award_type_id")):
            awarded[("p", person_id) if person_id else ("u", unit_id)].append(award_id)
    award_types = AwardType.objects.in_bulk() if rows else {}  # the catalogue: tens of rows
    lines = []
    for owner_id, owner_name, person_id, person_name, unit_id, unit_name, award_id in rows:
        key = ("p", person_id) if person_id else ("u", unit_id)
        lines.append(NamedLine(
            unit_id=owner_id, unit_name=owner_name, recipient_id=person_id or unit_id,
            recipient_name=person_name if person_id else unit_name, is_person=bool(person_id),
            registered=award_types[award_id], proposed=[award_types[pk] for pk in dict.fromkeys(proposed[key])],
            awarded=[award_types[pk] for pk in dict.fromkeys(awarded[key])]))
    if warn:
        add_early_warnings(lines, year)
    keys = {name: natural_key(name) for name in {line.unit_name for line in lines}}
    return sorted(lines, key=lambda n: keys[n.unit_name])  # stable: each unit's names in its own order


def add_early_warnings(lines: list[NamedLine], year: int, *, today=None) -> None:
    """The engine run for the people registered for a CSTĐ title: the failed findings that can be known
    before the year's ratings (EARLY_FINDINGS) become the line's warnings, in the engine's own words."""
    checked = [line for line in lines if line.is_person and line.registered.code in WARNED_TITLES]
    if not checked:
        return
    today = today or timezone.localdate()
    histories = load_histories(person_ids={line.recipient_id for line in checked}, year=year, open_on=today)
    candidates = [histories[("individual", line.recipient_id)].candidate(
        id=str(index), award=line.registered.code, year=year) for index, line in enumerate(checked)]
    for line, result in zip(checked, evaluate_many(candidates, decision_date=today, params=province_parameters()),
                            strict=True):
        line.warnings = [finding.message for finding in result.findings
                         if not finding.passed and finding.code in EARLY_FINDINGS]


def warnings_only(lines: list[NamedLine]) -> list[NamedLine]:
    return [line for line in lines if line.warnings]
