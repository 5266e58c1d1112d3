"""The history search's filters as one queryset over the award register (tdkt.reports.register counts the same
way): every filter narrows the records, the reader's scope narrows them first.

`criteria` is the search form's cleaned data (tdkt.reports.search.forms.HistorySearchForm); empty values do
not filter. The person's attributes (group, gender, ethnicity) select records of individuals only."""

from __future__ import annotations

from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, Lower
from django.db.models.lookups import In

from tdkt.accounts.scope import Scope
from tdkt.awards.enums import RecipientKind
from tdkt.awards.models import AwardRecord
from tdkt.lib.vntext import fold
from tdkt.orgs.models import Unit
from tdkt.people.models import Household, Person
from tdkt.reports.register import ETHNIC_MINORITY, group_is, in_units, units_under
from tdkt.reports.search.names import name_matches, name_q

KINH = "kinh"
MINORITY = "minority"  # the ethnicity choice "dân tộc thiểu số": any recorded ethnicity other than Kinh
AREA_FIELDS = {"remote": "is_remote", "border": "is_border", "difficult": "is_especially_difficult",
               "ethnic_area": "is_ethnic_minority_area"}
# Newest decisions first, then the recipient's name; records without a decision date (old imports) last.
ORDER = (F("decision_date").desc(nulls_last=True), "sort_name", "id")


def scoped(scope: Scope) -> QuerySet[AwardRecord]:
    """The records the reader may see: every record for province-wide and read-all roles, else the records
    of recipients in the reader's readable units (their sub-units and predecessors included)."""
    records = AwardRecord.objects.all()
    if not scope.read_all:
        records = records.filter(in_units(scope.readable_unit_ids))
    return records


def search_records(scope: Scope, criteria: dict) -> QuerySet[AwardRecord]:
    """The records matching the criteria within the scope, in the page's order (not yet sliced)."""
    records = scoped(scope).filter(criteria_q(criteria))
    return records.annotate(sort_name=Coalesce("person__name_folded", "household__name_folded",
                                               Lower("unit__name"))).order_by(*ORDER)


def criteria_q(criteria: dict) -> Q:  # noqa: C901 — one plain branch per filter reads best
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
    if unit := criteria.get("unit"):
        q &= in_units(units_under(unit))
    if (group := criteria.get("group")) is not None and group != NO_CHOICE:
        q &= Q(person__isnull=False) & group_is(group)
    if gender := criteria.get("gender"):
        q &= Q(person__gender=gender)
    if ethnicity := criteria.get("ethnicity"):
        q &= ethnicity_q(ethnicity)
    if areas := criteria.get("areas"):
        q &= in_units(units_in_areas(areas))
    if kind := criteria.get("recipient"):
        q &= recipient_q(kind)
    if basis := criteria.get("basis"):
        q &= Q(basis=basis)
    if source := criteria.get("source"):
        q &= Q(source=source)
    if name := criteria.get("name"):
        q &= names_q(name)
    return q


NO_CHOICE = None  # the group filter's "any group" (its blank value "" means "chưa phân loại")


def decision_number_q(number: str) -> Q:
    """Part of a decision number, in any case, "QD" also as typed without its "Đ" ("15/qd-ubnd" finds
    "15/QĐ-UBND"). Upper-cased here: SQLite's LIKE folds ASCII letters only."""
    typed = number.strip().upper()
    return Q(decision_number__icontains=typed) | Q(decision_number__icontains=typed.replace("QD", "QĐ"))


def ethnicity_q(ethnicity: str) -> Q:
    if ethnicity == MINORITY:
        return ETHNIC_MINORITY
    return Q(person__ethnicity__iexact=ethnicity)


def recipient_q(kind: str) -> Q:
    if kind == RecipientKind.INDIVIDUAL:
        return Q(person__isnull=False)
    if kind == RecipientKind.COLLECTIVE:
        return Q(unit__isnull=False)
    if kind == ENTERPRISE:
        return Q(unit__isnull=False, is_enterprise=True)
    return Q(household__isnull=False)


ENTERPRISE = "enterprise"  # a collective recipient that is an enterprise (the forms' "of which enterprises")


def units_in_areas(areas) -> list[int]:
    """Units in any of the areas (remote, border, especially difficult, ethnic-minority): one query."""
    flags = Q()
    for area in areas:
        flags |= Q(**{AREA_FIELDS[area]: True})
    return list(Unit.objects.filter(flags).values_list("id", flat=True))


def names_q(name: str) -> Q:
    """A person's, a household head's or a collective's name. The recipients are found first (persons and
    households through their folded name: the trigram index on PostgreSQL; units, which carry no folded name,
    folded here), then their records by id: a rare name does not walk the register in date order. A name
    that matches more than NAME_IDS persons (or households) keeps the join instead: the walk then finds its
    page quickly."""
    unit_ids = [pk for pk, unit_name in Unit.objects.values_list("id", "name") if name_matches(unit_name, name)]
    return (_recipients_q("person", Person, name) | _recipients_q("household", Household, name)
            | Q(unit_id__in=unit_ids))


NAME_IDS = 2_000


def _recipients_q(field: str, model, name: str) -> Q:
    ids = list(model.objects.filter(name_q("name_folded", name)).values_list("id", flat=True)[:NAME_IDS + 1])
    if len(ids) > NAME_IDS:
        return Q(**{f"{field}__isnull": False}) & name_q(f"{field}__name_folded", name)
    return Q(**{f"{field}_id__in": ids})


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
