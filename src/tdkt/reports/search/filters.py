"""The history search's filters as one queryset over the award register (tdkt.reports.register counts the same
way): every filter narrows the records, the reader's scope narrows them first.

`criteria` is the search form's cleaned data (tdkt.reports.search.forms.HistorySearchForm); empty values do
not filter. The person's attributes (group, gender, ethnicity) select records of individuals only.

The recipients are found before their records (recipients_q): the reader's units, the unit asked for and the
areas make one set of units; the persons, households and collectives of those units that match the name,
gender and ethnicity are read as ids (tdkt.reports.register.narrowed), and the records are then found through
their recipient's index. A clerk's search, a name or a unit therefore reads its few thousand records, not the
register walked in date order until a page is full (which, for a rare or an empty result, meant all of it)."""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import DateField, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, Lower
from django.db.models.lookups import In

from tdkt.accounts.scope import Scope
from tdkt.awards.enums import RecipientKind
from tdkt.awards.models import AwardRecord
from tdkt.lib.vntext import fold
from tdkt.orgs.models import Unit
from tdkt.people.groups import UNCLASSIFIED
from tdkt.people.models import Household, Person
from tdkt.reports.register import MINORITY_PERSON, narrowed, units_under
from tdkt.reports.search.names import name_matches, name_q

MINORITY = "minority"  # the ethnicity choice "dân tộc thiểu số": any recorded ethnicity other than Kinh
ENTERPRISE = "enterprise"  # a collective recipient that is an enterprise (the forms' "of which enterprises")
AREA_FIELDS = {"remote": "is_remote", "border": "is_border", "difficult": "is_especially_difficult",
               "ethnic_area": "is_ethnic_minority_area"}
# Newest decisions first, then the recipient's name; records without a decision date (old imports) last.
ORDER = (F("decision_date").desc(nulls_last=True), "sort_name", "id")
# The same order, written so that no index can give it: for a few recipients' records (recipients_q bounded),
# all of them are read through the recipients' indexes and sorted. Given the index, the planner walks the
# register by date to fill the page, assuming the recipients' records spread evenly; with another filter that
# they rarely meet (a clerk's units and State awards) it walked 390,000 records for 51.
NO_DATE = Value(datetime.date.min, output_field=DateField())
ORDER_OF_FEW = (Coalesce("decision_date", NO_DATE).desc(), "sort_name", "id")
NO_CHOICE = None  # the group filter's "any group" (its blank value "" means "chưa phân loại")


def search_records(scope: Scope, criteria: dict) -> QuerySet[AwardRecord]:
    """The records matching the criteria within the scope, in the page's order (not yet sliced)."""
    recipients, few = recipients_q(scope, criteria)
    records = AwardRecord.objects.filter(recipients & criteria_q(criteria))
    return records.annotate(sort_name=Coalesce("person__name_folded", "household__name_folded",
                                               Lower("unit__name"))).order_by(*(ORDER_OF_FEW if few else ORDER))


def recipients_q(scope: Scope, criteria: dict) -> tuple[Q, bool]:
    """The records of the recipients the criteria allow: of the reader's units (every unit for province-wide
    and read-all roles; sub-units and predecessors included), of the unit asked for (with its sub-units and
    predecessors), of units in the areas ticked, by name, and for a person's gender or ethnicity. With
    whether they are a few recipients, each kind read as a list of ids."""
    units = None if scope.read_all else frozenset(scope.readable_unit_ids)
    if unit := criteria.get("unit"):
        units = _within(units, units_under(unit))
    if areas := criteria.get("areas"):
        units = _within(units, units_in_areas(areas))
    name = criteria.get("name", "")
    kinds = recipient_kinds(criteria)
    parts = []
    if RecipientKind.INDIVIDUAL in kinds:
        parts.append(_individuals(criteria, units, name))
    if RecipientKind.HOUSEHOLD in kinds:
        parts.append(_of_kind("household", Household.objects.all(), units, name))
    if RecipientKind.COLLECTIVE in kinds:
        parts.append(_collectives(units, name))
    if not parts:
        return Q(pk__in=[]), True
    if len(parts) == len(RecipientKind) and all(q is None for _field, q, _few in parts):
        return Q(), False  # every recipient: no condition
    return (reduce(or_, (Q(**{f"{field}__isnull": False}) if q is None else q for field, q, _few in parts)),
            all(few for _field, _q, few in parts))


def _within(units: frozenset | None, more) -> frozenset:
    return frozenset(more) if units is None else units & frozenset(more)


def recipient_kinds(criteria: dict) -> set[str]:
    """The kinds of recipient the criteria allow: a person's attributes allow individuals only."""
    kinds = {kind.value for kind in RecipientKind}
    if criteria.get("gender") or criteria.get("ethnicity") or criteria.get("group", NO_CHOICE) is not NO_CHOICE:
        kinds = {RecipientKind.INDIVIDUAL.value}
    if kind := criteria.get("recipient"):
        kinds &= {RecipientKind.COLLECTIVE.value if kind == ENTERPRISE else kind}
    return kinds


def person_q(criteria: dict) -> Q:
    q = Q()
    if gender := criteria.get("gender"):
        q &= Q(gender=gender)
    if ethnicity := criteria.get("ethnicity"):
        q &= MINORITY_PERSON if ethnicity == MINORITY else Q(ethnicity__in=ethnicities_as_recorded(ethnicity))
    return q


def ethnicities_as_recorded(ethnicity: str) -> list[str]:
    """The ethnicities recorded in the registry that are `ethnicity` in any case ("tày" finds "Tày"). Matched
    here on the few distinct values, so that the database compares the column itself: the planner then knows
    from its statistics how many persons that is (on UPPER(ethnicity) it guessed 1 in 200 for 1 in 10, and
    read the records of 10,000 persons to sort them)."""
    wanted = ethnicity.strip().casefold()
    recorded = Person.objects.order_by().values_list("ethnicity", flat=True).distinct()
    return [value for value in recorded if value.strip().casefold() == wanted]


Part = tuple[str, Q | None, bool]  # (field, condition on it or None for every recipient of the kind, few)


def _individuals(criteria: dict, units: frozenset | None, name: str) -> Part:
    """Persons by unit, name, gender and ethnicity, and by statistical group. The group is the record's
    effective one (tdkt.reports.register.group_is: frozen on the record, else the person's), resolved here
    into the records with that frozen group (an index) or with none and a person of that group (their ids):
    a rare group's records are then found without walking the register."""
    people = Person.objects.filter(person_q(criteria))
    field, persons, few = _of_kind("person", people, units, name)
    group = criteria.get("group", NO_CHOICE)
    if group is NO_CHOICE:
        return field, persons, few
    _field, of_group, few_of_group = _of_kind("person", people.filter(statistical_group=group), units, name)
    unfrozen = Q(person_group="") & of_group
    if group == UNCLASSIFIED:
        return field, unfrozen, few_of_group
    frozen = Q(person_group=group) & (Q(person__isnull=False) if persons is None else persons)
    return field, frozen | unfrozen, few and few_of_group


def _of_kind(field: str, recipients: QuerySet, units: frozenset | None, name: str) -> Part:
    """Persons or households (their folded name: the trigram index on PostgreSQL) of the units, as ids when
    they are few, else as a subquery (tdkt.reports.register.narrowed)."""
    if units is not None:
        recipients = recipients.filter(unit_id__in=units)
    if name:
        recipients = recipients.filter(name_q("name_folded", name))
    if not recipients.query.has_filters():
        return field, None, False
    return field, *narrowed(field, recipients)


def _collectives(units: frozenset | None, name: str) -> Part:
    """Collectives of the units by name; units carry no folded name, so a few hundred names are folded here."""
    if not name:
        return ("unit", None, False) if units is None else ("unit", Q(unit_id__in=units), True)
    named = Unit.objects.all() if units is None else Unit.objects.filter(pk__in=units)
    return "unit", Q(unit_id__in=[pk for pk, unit_name in named.values_list("id", "name")
                                  if name_matches(unit_name, name)]), True


def criteria_q(criteria: dict) -> Q:  # noqa: C901 — one plain branch per filter reads best
    """The criteria on the record itself (its award, dates, decision, method, source)."""
    q = Q()
    if award_type := criteria.get("award_type"):
        q &= Q(award_type=award_type)
    if level := criteria.get("level"):
        q &= Q(award_type__level=level)
    if year := criteria.get("year"):
        q &= Q(year=year)
    if date_from := criteria.get("date_from"):
        q &= Q(decision_date__gte=date_from)
    if date_to := criteria.get("date_to"):
        q &= Q(decision_date__lte=date_to)
    if decision_date := criteria.get("decision_date"):
        q &= Q(decision_date=decision_date)
    if number := criteria.get("decision_number"):
        q &= decision_number_q(number)
    if issuer := criteria.get("issuer"):
        q &= issuer_q(issuers_matching(issuer))
    if criteria.get("recipient") == ENTERPRISE:
        q &= Q(is_enterprise=True)
    if basis := criteria.get("basis"):
        q &= Q(basis=basis)
    if source := criteria.get("source"):
        q &= Q(source=source)
    return q


def decision_number_q(number: str) -> Q:
    """Part of a decision number, in any case, "QD" also as typed without its "Đ" ("15/qd-ubnd" finds
    "15/QĐ-UBND"). Upper-cased here: SQLite's LIKE folds ASCII letters only."""
    typed = number.strip().upper()
    return Q(decision_number__icontains=typed) | Q(decision_number__icontains=typed.replace("QD", "QĐ"))


def units_in_areas(areas) -> list[int]:
    """Units in any of the areas (remote, border, especially difficult, ethnic-minority): one query."""
    flags = Q()
    for area in areas:
        flags |= Q(**{AREA_FIELDS[area]: True})
    return list(Unit.objects.filter(flags).values_list("id", flat=True))


def issuer_q(issuers: list[str]) -> Q:
    """Records of these authorities. On SQLite, which keeps no statistics here, the column is wrapped so that
    the planner does not take the issuer index (a handful of authorities issue most of the register: the
    index would fetch and sort all their records); PostgreSQL weighs it by its statistics."""
    if connection.vendor == "sqlite":
        return Q(In(Concat("decision_issuer", Value("")), issuers))
    return Q(decision_issuer__in=issuers)


def issuers_matching(text: str) -> list[str]:
    """The issuing authorities (as written on the records) whose folded form contains the folded text. The
    distinct authorities are read by a skip scan of the index on decision_issuer (one index probe per
    authority: a few hundred, not a million rows), then matched here, diacritics-insensitively."""
    folded = fold(text)
    return [issuer for issuer in distinct_issuers() if folded in fold(issuer)]


def distinct_issuers() -> list[str]:
    table = connection.ops.quote_name(AwardRecord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE issuers(name) AS (SELECT MIN(decision_issuer) FROM {table} WHERE decision_issuer > '' "
            f"UNION ALL SELECT (SELECT MIN(decision_issuer) FROM {table} WHERE decision_issuer > issuers.name) "
            "FROM issuers WHERE issuers.name IS NOT NULL) SELECT name FROM issuers WHERE name IS NOT NULL")
        return [row[0] for row in cursor.fetchall()]
