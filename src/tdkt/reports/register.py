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

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf

from tdkt.accounts.scope import expand_units, unit_graph
from tdkt.awards.models import AwardRecord
from tdkt.people.groups import UNCLASSIFIED
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
ETHNIC_MINORITY = Q(person__isnull=False) & ~Q(person__ethnicity="") & ~Q(person__ethnicity__iexact=MAJORITY_ETHNICITY)

RECIPIENT = Case(When(person__isnull=False, then=Value("individual")),
                 When(unit__isnull=False, then=Value("collective")),
                 default=Value("household"), output_field=CharField())
