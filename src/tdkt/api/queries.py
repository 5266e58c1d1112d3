"""The register as the API reads it: each list limited to what the token's user may see, as in the screens
(tdkt.accounts.scope), and loaded in a fixed number of queries whatever the page size."""

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.audit.access import API, record_personal_access, revealed
from tdkt.awards.models import AwardRecord
from tdkt.decisions.enums import ISSUED_STATES
from tdkt.decisions.models import Decision
from tdkt.decisions.queries import decisions_for_user, get_decision_for_user, lines_for_user, visible_lines
from tdkt.orgs.divisions import find_province, format_ward_code, wards_of_province
from tdkt.orgs.models import Unit
from tdkt.orgs.queries import get_unit_for_user
from tdkt.people.models import Person
from tdkt.people.queries import get_person_for_user, people_for_user
from tdkt.people.validators import mask_national_id


def units_for_user(user):
    scope = get_scope(user)
    queryset = Unit.objects.all()
    return queryset if scope.read_all else queryset.filter(pk__in=scope.readable_unit_ids)


def national_codes() -> tuple[str | None, dict[str, str]]:
    """(the province's 2-digit code, commune code → name) from the national list (QĐ 19/2025/QĐ-TTg), for
    settings.PROVINCE_NAME; (None, {}) when the name is not in the list."""
    province = find_province(settings.PROVINCE_NAME)
    if province is None:
        return None, {}
    return f"{int(province.code):02d}", wards_of_province(settings.PROVINCE_NAME)


def commune_code(unit: Unit) -> str | None:
    return format_ward_code(unit.admin_code) if unit.admin_code.isdigit() else None


def persons_for_user(user, *, unit_id: int | None = None):
    queryset = people_for_user(user)
    if unit_id is not None:
        queryset = queryset.filter(unit=get_unit_for_user(user, unit_id))
    return queryset


def get_person(user, pk) -> Person:
    person = get_person_for_user(user, pk)
    if person.merged_into_id:  # merged duplicates are hidden, as in the screens
        raise Http404
    return person


def personal_fields(user, person: Person) -> dict:
    """Birth date and the full citizen ID only where the user may see them (as the person page decides);
    otherwise the year of birth and the masked ID."""
    if get_scope(user).can_see_personal_data(person.unit_id):
        return {"personal_data": True, "birth_date": person.birth_date, "national_id": person.national_id or None}
    return {"personal_data": False, "birth_date": None,
            "national_id": mask_national_id(person.national_id) if person.national_id else None}


def log_personal_access(user, rows: list[dict], where: str) -> None:
    """One bulk insert per page: the persons whose full ID or birth date this answer reveals."""
    record_personal_access(user, ((row["id"], row["full_name"], revealed(
        row["national_id"] if row["personal_data"] else None, row["birth_date"])) for row in rows),
        via=API, where=where)


def awards_for_user(user, *, person_id: int | None = None, unit_id: int | None = None):
    """Award records whose recipient (a person, a collective, a household) belongs to a unit the user may see;
    `person_id` / `unit_id`: that recipient's history (404 when the user may not see the recipient)."""
    scope = get_scope(user)
    queryset = AwardRecord.objects.select_related("person", "unit", "household", "award_type")
    if person_id is not None:
        queryset = queryset.filter(person=get_person_for_user(user, person_id))
    if unit_id is not None:
        queryset = queryset.filter(unit=get_unit_for_user(user, unit_id))
    if not scope.read_all:
        readable = scope.readable_unit_ids
        queryset = queryset.filter(Q(person__unit_id__in=readable) | Q(unit_id__in=readable)
                                   | Q(household__unit_id__in=readable))
    return queryset


# The columns of an award record in the API (/api/v1/awards), read as values: a page of 1,000 records must not build
# 4,000 model instances (a full sync reads 100,000 of them; bench/bench_api_sync.py).
AWARD_COLUMNS = ("id", "person_id", "unit_id", "household_id", "person__full_name", "unit__name",
                 "household__head_name", "award_type_id", "award_type__name", "basis", "year", "school_year",
                 "period_from", "period_to", "decision_number", "decision_date", "decision_issuer", "source",
                 "person_group", "is_enterprise", "updated_at")


def award_rows_for_user(user, *, person_id: int | None = None, unit_id: int | None = None):
    """awards_for_user as dictionaries of AWARD_COLUMNS (one query a page, no model instances)."""
    return awards_for_user(user, person_id=person_id, unit_id=unit_id).select_related(None).values(*AWARD_COLUMNS)


def issued_decisions_for_user(user):
    """Signed and published decisions the user may read, with the lines the user may see (two queries)."""
    scope = get_scope(user)
    queryset = Decision.objects.filter(state__in=ISSUED_STATES).select_related("authority", "award_type")
    if not scope.read_all:
        queryset = queryset.filter(pk__in=decisions_for_user(user).values("pk"))
    return queryset.prefetch_related(Prefetch("lines", queryset=visible_lines(user), to_attr="visible_lines"))


def get_issued_decision(user, pk) -> tuple[Decision, list]:
    """A signed or published decision the user may read (404 otherwise), with the lines the user may see."""
    decision = get_decision_for_user(user, pk)
    if decision.state not in ISSUED_STATES:
        raise Http404
    return decision, lines_for_user(user, decision)
