"""The award register as the reports count it: one place that says which records fall in a period and a
reporting unit, and what each statistical dimension of a record is. The forms (tdkt.reports.statistics), the
work reports and the dashboards all count through here, so the same question gives the same figure.

- Period: by decision date (the statistical year 01/12–30/11 counts decisions, reporting.md). A record
  without a decision date is in no period (reported as a warning by whoever counts).
- Reporting unit: the recipient's unit (a person's or household's unit, or the collective itself) lies in the
  unit's subtree, predecessors included (a merged unit's old awards stay its history).
- Person group: the group frozen on the record (at signing, or read by the import), else the person's
  confirmed group; blank is "chưa phân loại".
- Recipient: individual, collective (of which enterprise), household.
- Ethnic minority: an individual whose recorded ethnicity is not Kinh (ethnicity is free text in the
  registry; a blank one is not recorded, so not counted)."""

from __future__ import annotations

import json

from django.db import IntegrityError, transaction
from django.db.models import Case, CharField, Count, F, Max, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, NullIf

from tdkt.accounts.scope import expand_units, unit_graph
from tdkt.awards.models import AwardRecord
from tdkt.people.groups import UNCLASSIFIED
from tdkt.people.models import Household, Person
from tdkt.reports.models import RegisterChange, StoredFigures
from tdkt.reports.periods import Period


def units_under(unit) -> frozenset[int]:
    """The unit, its descendants and their predecessors (ids)."""
    children, predecessors = unit_graph()
    return frozenset(expand_units([unit.pk], children, predecessors))


def in_units(unit_ids, prefix: str = "") -> Q:
    """Records (or anything with person/unit/household) whose recipient belongs to these units."""
    ids = list(unit_ids)
    return (Q(**{f"{prefix}person__unit_id__in": ids}) | Q(**{f"{prefix}unit_id__in": ids})
            | Q(**{f"{prefix}household__unit_id__in": ids}))


# How many recipients of one kind are still read as a list of ids (recipients_in, narrowed): a few thousand
# recipients hold a few tens of thousands of records, found through the recipient's index; beyond that the
# records are dense enough in the register that walking it (by date, or whole for a total) is as quick.
RECIPIENT_IDS = 5_000


def narrowed(field: str, recipients: QuerySet) -> tuple[Q, bool]:
    """Records whose `field` (person, unit or household) is one of `recipients`, and whether those are few.
    The recipients are read first (one query) and the records found by id: a few recipients' records through
    the recipient's index, not by walking the register and joining each record to its recipient. More than
    RECIPIENT_IDS: a subquery, not few."""
    ids = list(recipients.values_list("id", flat=True)[:RECIPIENT_IDS + 1])
    if len(ids) > RECIPIENT_IDS:
        return Q(**{f"{field}__in": recipients.values("id")}), False
    return Q(**{f"{field}_id__in": ids}), True


def recipients_in(unit_ids) -> Q:
    """The records of in_units, with the units' persons and households read first (two queries, see
    narrowed): the form for a few units' records among a whole register (a unit's dashboard, a clerk's search)."""
    ids = list(unit_ids)
    return (narrowed("person", Person.objects.filter(unit_id__in=ids))[0] | Q(unit_id__in=ids)
            | narrowed("household", Household.objects.filter(unit_id__in=ids))[0])


def award_records(period: Period | None = None, unit=None) -> QuerySet[AwardRecord]:
    """Award records decided in the period (if given) for recipients of the unit's subtree (if given)."""
    records = AwardRecord.objects.all()
    if period is not None:
        records = records.filter(decision_date__gte=period.start, decision_date__lte=period.end)
    if unit is not None:
        records = records.filter(in_units(units_under(unit)))
    return records


def with_group(records: QuerySet[AwardRecord]) -> QuerySet[AwardRecord]:
    """Annotate `group`: the record's frozen group, else the person's confirmed one ("" = chưa phân loại)."""
    return records.annotate(group=Coalesce(NullIf(F("person_group"), Value("")), NullIf(F("person__statistical_group"),
                                                                                       Value("")),
                                           Value(UNCLASSIFIED), output_field=CharField()))


def group_is(group: str) -> Q:
    """Records of individuals whose effective group is `group` (UNCLASSIFIED for "chưa phân loại")."""
    if group == UNCLASSIFIED:
        return Q(person__isnull=False, person_group="") & Q(person__statistical_group="")
    return Q(person_group=group) | (Q(person_group="") & Q(person__statistical_group=group))


MAJORITY_ETHNICITY = "Kinh"


def minority_q(prefix: str = "") -> Q:
    """A recorded ethnicity other than Kinh (on Person, or through `prefix`, e.g. "person__")."""
    return ~Q(**{f"{prefix}ethnicity": ""}) & ~Q(**{f"{prefix}ethnicity__iexact": MAJORITY_ETHNICITY})


MINORITY_PERSON = minority_q()
ETHNIC_MINORITY = Q(person__isnull=False) & minority_q("person__")

RECIPIENT = Case(When(person__isnull=False, then=Value("individual")),
                 When(unit__isnull=False, then=Value("collective")),
                 default=Value("household"), output_field=CharField())


def register_version() -> str:
    """The register's version (tdkt.reports.models_figures): it moves with every committed change to what the
    figures count. Out-of-order commits cannot hide a change: the count of marks moves with each of them."""
    marks = RegisterChange.objects.aggregate(n=Count("id"), last=Max("id"), serial=Sum("serial"))
    return f"{marks['n']}.{marks['last'] or 0}.{marks['serial'] or 0}"


def stored_figures(key: str, compute, depends_on: str = "") -> dict:
    """The figures stored under `key` while the register (and `depends_on`, e.g. the set of units counted) is
    unchanged, else `compute()` (JSON-serialisable) counted now and stored. Two readers computing at once
    both get their figures; the first one stored wins."""
    version = f"{register_version()}/{depends_on}"
    stored = StoredFigures.objects.filter(key=key).values_list("version", "data").first()
    if stored is not None and stored[0] == version:
        return stored[1]
    data = json.loads(json.dumps(compute()))  # the shape a later read gets (keys as strings)
    try:
        with transaction.atomic():
            StoredFigures.objects.update_or_create(key=key, defaults={"version": version, "data": data})
    except IntegrityError:
        pass  # stored meanwhile by a concurrent reader, from the same register
    return data
