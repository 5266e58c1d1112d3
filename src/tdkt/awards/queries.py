"""Reads of the award registry: objects fetched with access checked in the same step, the timelines
of the profile pages, and the bulk history loader that feeds the eligibility engine."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tdkt.accounts.scope import get_scope
from tdkt.awards.enums import COMPLETED_TASK_LEVELS, WARNING_OR_ABOVE, RecipientKind
from tdkt.awards.models import AwardRecord, AwardType, DisciplineRecord, Initiative, OpenCase, Rating
from tdkt.eligibility.codes import AwardCode
from tdkt.eligibility.types import (
    AwardEntry,
    Candidate,
    DisciplineEntry,
    InitiativeEntry,
    MemberStats,
    RatingEntry,
)
from tdkt.orgs.models import Unit
from tdkt.people.models import Person

# --- access -------------------------------------------------------------------------------------------------


def award_types():
    """The whole catalogue, national and provincial, in catalogue order: one query."""
    return AwardType.objects.order_by("sort_order", "name")


def get_award_type(pk) -> AwardType:
    return get_object_or_404(AwardType, pk=pk)


def get_unit_for_history(user, pk, *, write=False) -> Unit:
    """The collective whose history is read or written; 404 outside the user's units."""
    scope = get_scope(user)
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not scope.can_read_unit(unit.pk) or (write and not scope.can_write_unit(unit.pk)):
        raise Http404
    return unit


def get_open_case_for_user(user, pk, *, write=False) -> OpenCase:
    scope = get_scope(user)
    case = OpenCase.objects.select_related("person", "unit").filter(pk=pk).first()
    if case is None:
        raise Http404
    unit_id = case.person.unit_id if case.person_id else case.unit_id
    if not scope.can_read_unit(unit_id) or (write and not scope.can_write_unit(unit_id)):
        raise Http404
    return case


# --- timelines for the profile pages ----------------------------------------------------------------------


@dataclass
class YearRow:
    year: int
    ratings: list = field(default_factory=list)
    awards: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    discipline: list = field(default_factory=list)


@dataclass
class Timeline:
    """A recipient's history grouped by year, oldest first, and the cases that freeze proposals."""

    years: list[YearRow]
    open_cases: list
    closed_cases: list

    @property
    def is_empty(self) -> bool:
        return not (self.years or self.open_cases or self.closed_cases)


def _timeline(*, ratings=(), awards=(), initiatives=(), discipline=(), cases=()) -> Timeline:
    rows: dict[int, YearRow] = {}

    def row(year):
        return rows.setdefault(year, YearRow(year))

    for rating in ratings:
        row(rating.year).ratings.append(rating)
    for award in awards:
        row(award.year).awards.append(award)
    for initiative in initiatives:
        row(initiative.year).initiatives.append(initiative)
    for measure in discipline:
        row(measure.start.year).discipline.append(measure)
    cases = list(cases)
    return Timeline(
        years=[rows[year] for year in sorted(rows)],
        open_cases=[case for case in cases if case.is_open],
        closed_cases=[case for case in cases if not case.is_open],
    )


def person_timeline(person: Person) -> Timeline:
    """Awards, ratings, initiatives, discipline and cases of a person: five queries."""
    return _timeline(
        ratings=Rating.objects.filter(person=person),
        awards=AwardRecord.objects.filter(person=person).select_related("award_type", "archived_document")
        .order_by("year", "decision_date", "id"),
        initiatives=Initiative.objects.filter(authors=person).select_related("used_for__award_type"),
        discipline=DisciplineRecord.objects.filter(person=person),
        cases=OpenCase.objects.filter(person=person),
    )


def unit_timeline(unit: Unit) -> Timeline:
    """Collective awards, ratings and cases of a unit: three queries."""
    return _timeline(
        ratings=Rating.objects.filter(unit=unit),
        awards=AwardRecord.objects.filter(unit=unit).select_related("award_type", "archived_document").order_by("year", "decision_date", "id"),
        cases=OpenCase.objects.filter(unit=unit),
    )


def initiatives_of(person: Person):
    """A person's initiatives, newest first, with what each was used for."""
    return Initiative.objects.filter(authors=person).select_related("used_for__award_type").order_by("-year", "title")


# --- bulk loading for the eligibility engine ---------------------------------------------------------------
#
# One query per table and per 10,000 recipients of a kind, whatever their history (and one for the codes of
# the catalogue): SQLite allows at most
# 32,766 bound variables per statement. The result holds the engine's own frozen dataclasses
# (tdkt.eligibility.types), no ORM objects; `History.candidate(...)` makes the engine's Candidate and
# `History.to_interchange(...)` the JSON candidate of `manage.py check_eligibility`.

CHUNK = 10_000
LDTT_CODES = (AwardCode.LDTT, AwardCode.CSTT)  # "Chiến sĩ tiên tiến" is LĐTT's armed-forces twin (Luật Đ24.2)
_GENDER = {"female": "F", "male": "M"}


@dataclass(frozen=True, slots=True)
class History:
    """Everything the engine reads about one recipient, in year order."""

    kind: str  # codes.Recipient
    ratings: tuple[RatingEntry, ...] = ()
    awards: tuple[AwardEntry, ...] = ()
    initiatives: tuple[InitiativeEntry, ...] = ()
    discipline: tuple[DisciplineEntry, ...] = ()
    open_cases: tuple[str, ...] = ()
    members: MemberStats | None = None
    gender: str | None = None  # "F" | "M" for individuals, when known
    birth_known: bool = field(default=True, compare=False)  # False: a person recorded with no birth date or year

    def candidate(self, *, id: str, award: str, year: int, **extra) -> Candidate:
        return Candidate(
            id=id, kind=self.kind, award=award, year=year, ratings=self.ratings, awards=self.awards,
            initiatives=self.initiatives, discipline=self.discipline, open_cases=self.open_cases,
            members=self.members, gender=self.gender, **extra,
        )

    def to_interchange(self, *, id: str, award: str, year: int) -> dict:
        """One candidate of the JSON input of `check_eligibility` (docs/eligibility.md), dates in ISO form."""

        def iso(day):
            return day.isoformat() if day else None

        candidate = {
            "id": id, "kind": self.kind, "award": award, "year": year,
            "ratings": [{"year": r.year, "level": r.level} for r in self.ratings],
            "awards": [{"award": a.award, "year": a.year, "basis": a.basis, "period_from": iso(a.period_from),
                        "period_to": iso(a.period_to)} for a in self.awards],
            "initiatives": [{"id": i.id, "year": i.year, "scope": i.scope, "used_for": i.used_for,
                             "used_for_year": i.used_for_year} for i in self.initiatives],
            "discipline": [{"level": d.level, "from": iso(d.start), "to": iso(d.end)} for d in self.discipline],
            "open_cases": list(self.open_cases),
        }
        if self.members is not None:
            candidate["members"] = {
                "total": self.members.total, "ldtt": self.members.ldtt,
                "completed_tasks": self.members.completed_tasks, "cstd_cs": self.members.cstd_cs,
                "disciplined_warning_or_above": self.members.disciplined_warning_or_above,
            }
        if self.gender:
            candidate["gender"] = self.gender
        return candidate


def _chunks(ids):
    ordered = sorted(set(ids or ()))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start:start + CHUNK]


def _case_label(kind: str, opened_on: datetime.date, reference: str) -> str:
    return f"{kind}:{opened_on.isoformat()}" + (f":{reference}" if reference else "")


class _Entries:
    """Shares equal entries: they are frozen, and one decision gives the same entry to thousands of people."""

    def __init__(self):
        self.ratings: dict[tuple, RatingEntry] = {}
        self.awards: dict[tuple, AwardEntry] = {}

    def rating(self, year, level) -> RatingEntry:
        key = (year, level)
        entry = self.ratings.get(key)
        if entry is None:
            entry = self.ratings[key] = RatingEntry(year=year, level=level)
        return entry

    def award(self, key: tuple) -> AwardEntry:
        entry = self.awards.get(key)
        if entry is None:
            code, year, basis, period_from, period_to, decision_date = key
            entry = self.awards[key] = AwardEntry(award=code, year=year, basis=basis, period_from=period_from,
                                                  period_to=period_to, decision_date=decision_date)
        return entry


def _load_common(parts, kind: str, recipient_field: str, ids, open_on, codes: dict, entries: _Entries) -> None:
    """Ratings, awards and open cases of one kind of recipient."""
    owner_field = f"{recipient_field}_id"
    for chunk in _chunks(ids):
        where = {f"{recipient_field}__in": chunk}
        if kind != RecipientKind.HOUSEHOLD:
            for owner, year, level in (Rating.objects.filter(**where).order_by("year", "id")
                                       .values_list(owner_field, "year", "level")):
                parts[(kind, owner)]["ratings"].append(entries.rating(year, level))
        awards = (AwardRecord.objects.filter(**where).order_by("year", "decision_date", "id")
                  .values_list(owner_field, "award_type_id", "year", "basis", "period_from", "period_to",
                               "decision_date"))
        for owner, type_id, year, basis, period_from, period_to, decision_date in awards:
            parts[(kind, owner)]["awards"].append(
                entries.award((codes[type_id], year, basis, period_from, period_to, decision_date)))
        if kind != RecipientKind.HOUSEHOLD:
            cases = (OpenCase.objects.filter(**where, opened_on__lte=open_on).exclude(closed_on__lte=open_on)
                     .order_by(recipient_field, "opened_on", "id")
                     .values_list(owner_field, "kind", "opened_on", "reference"))
            for owner, case_kind, opened_on, reference in cases:
                parts[(kind, owner)]["open_cases"].append(_case_label(case_kind, opened_on, reference))


def _load_person_details(parts, ids) -> None:
    """Gender, initiatives and discipline of persons."""
    kind = str(RecipientKind.INDIVIDUAL)
    for chunk in _chunks(ids):
        for person_id, gender, birth_year, birth_date in Person.objects.filter(pk__in=chunk).order_by().values_list(
                "pk", "gender", "birth_year", "birth_date"):
            parts[(kind, person_id)]["gender"] = _GENDER.get(gender)
            parts[(kind, person_id)]["birth_known"] = bool(birth_year or birth_date)
        authorships = (
            Initiative.authors.through.objects.filter(person_id__in=chunk)
            .order_by("person_id", "initiative__year", "initiative_id")
            .values_list("person_id", "initiative_id", "initiative__year", "initiative__scope",
                         "initiative__used_for__award_type__code", "initiative__used_for__year")
        )
        for person_id, initiative_id, year, scope, used_for, used_for_year in authorships:
            parts[(kind, person_id)]["initiatives"].append(
                InitiativeEntry(id=str(initiative_id), year=year, scope=scope, used_for=used_for,
                                used_for_year=used_for_year))
        measures = (DisciplineRecord.objects.filter(person_id__in=chunk).order_by("person_id", "start", "id")
                    .values_list("person_id", "level", "start", "end"))
        for person_id, level, start, end in measures:
            parts[(kind, person_id)]["discipline"].append(DisciplineEntry(level=level, start=start, end=end))


def _count_by_unit(queryset, unit_path: str, distinct_field: str = "id") -> dict[int, int]:
    rows = queryset.order_by().values(unit_path).annotate(n=Count(distinct_field, distinct=True))
    return dict(rows.values_list(unit_path, "n"))


def _load_members(parts, ids, year: int) -> None:
    """Members statistics of collectives for one year: five grouped counts per chunk.

    Members are the persons whose unit is the collective itself (sub-units are collectives of their own).
    """
    kind = str(RecipientKind.COLLECTIVE)
    year_start, year_end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    for chunk in _chunks(ids):
        total = _count_by_unit(Person.objects.filter(unit_id__in=chunk), "unit_id")
        ldtt = _count_by_unit(AwardRecord.objects.filter(person__unit_id__in=chunk, year=year,
                                                         award_type__code__in=LDTT_CODES),
                              "person__unit_id", "person_id")
        completed = _count_by_unit(Rating.objects.filter(person__unit_id__in=chunk, year=year,
                                                         level__in=COMPLETED_TASK_LEVELS),
                                   "person__unit_id", "person_id")
        cstd_cs = _count_by_unit(AwardRecord.objects.filter(person__unit_id__in=chunk, year=year,
                                                            award_type__code=AwardCode.CSTD_CS),
                                 "person__unit_id", "person_id")
        disciplined = _count_by_unit(
            DisciplineRecord.objects.filter(person__unit_id__in=chunk, level__in=WARNING_OR_ABOVE,
                                            start__lte=year_end, end__gte=year_start),
            "person__unit_id", "person_id")
        for unit_id in chunk:
            parts[(kind, unit_id)]["members"] = MemberStats(
                total=total.get(unit_id, 0), ldtt=ldtt.get(unit_id, 0), completed_tasks=completed.get(unit_id, 0),
                cstd_cs=cstd_cs.get(unit_id, 0), disciplined_warning_or_above=disciplined.get(unit_id, 0),
            )


def load_histories(person_ids=None, unit_ids=None, household_ids=None, *, year: int | None = None,
                   open_on: datetime.date | None = None) -> dict[tuple[str, int], History]:
    """Histories of many recipients for the engine, keyed by (kind, id): kind is "individual",
    "collective" or "household"; every id asked for has a History, empty when nothing is recorded.

    Individuals get ratings, awards, initiatives, discipline, open cases and gender; collectives
    ratings, awards and open cases, plus their members' figures for `year` when it is given;
    households their awards. Open cases are those open on `open_on` (default: today).

    Queries, whatever the histories hold: 1 for the catalogue's codes, then 6 per 10,000 persons,
    3 per 10,000 collectives (+5 with `year`), 1 per 10,000 households.
    """
    if not (person_ids or unit_ids or household_ids):
        return {}
    open_on = open_on or timezone.localdate()
    codes = dict(AwardType.objects.values_list("pk", "code"))  # the catalogue: tens of rows, no join per award
    entries = _Entries()
    kinds = ((str(RecipientKind.INDIVIDUAL), "person", person_ids), (str(RecipientKind.COLLECTIVE), "unit", unit_ids),
             (str(RecipientKind.HOUSEHOLD), "household", household_ids))
    parts: dict[tuple[str, int], dict] = {}
    for kind, _field, ids in kinds:
        for recipient_id in ids or ():
            parts[(kind, recipient_id)] = {"ratings": [], "awards": [], "initiatives": [], "discipline": [],
                                           "open_cases": []}
    for kind, recipient_field, ids in kinds:
        if ids:
            _load_common(parts, kind, recipient_field, ids, open_on, codes, entries)
    if person_ids:
        _load_person_details(parts, person_ids)
    if unit_ids and year is not None:
        _load_members(parts, unit_ids, year)
    return {
        (kind, recipient_id): History(
            kind=kind, ratings=tuple(part["ratings"]), awards=tuple(part["awards"]),
            initiatives=tuple(part["initiatives"]), discipline=tuple(part["discipline"]),
            open_cases=tuple(part["open_cases"]), members=part.get("members"), gender=part.get("gender"),
            birth_known=part.get("birth_known", True),
        )
        for (kind, recipient_id), part in parts.items()
    }
