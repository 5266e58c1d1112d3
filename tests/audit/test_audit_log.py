"""The audit log: append-only in the application and in the database, before→after of every change,
no citizen ID in clear, and the administrators' filtered list.

Vendor-neutral: runs on SQLite and on PostgreSQL (both have a trigger refusing UPDATE; PostgreSQL also
refuses DELETE, SQLite leaves DELETE to the application because Django's flush deletes rows there).
"""

import datetime
import json

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tdkt.audit.models import AuditEvent
from tdkt.audit.services import record
from tdkt.orgs import services as org_services
from tdkt.orgs.enums import UnitKind
from tdkt.people import services as people_services
from tdkt.people.models import Person
from tests.conftest import client_for

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TABLE = AuditEvent._meta.db_table


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def event(world):
    return record(world.users["specialist"], "update", world.unit_a, changes={"name": ["A", "B"]})


def column(name: str) -> str:
    return connection.ops.quote_name(name)


# --- append-only --------------------------------------------------------------------------------------------


def test_saving_an_existing_row_is_refused(event):
    event.action = "delete"
    with pytest.raises(PermissionError, match=r"^The audit log is append-only$"):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "update"


def test_deleting_a_row_is_refused(event):
    with pytest.raises(PermissionError, match=r"^The audit log is append-only$"):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_and_delete_are_refused(event):
    with pytest.raises(PermissionError, match=r"^The audit log is append-only$"):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionError, match=r"^The audit log is append-only$"):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError, match=r"^The audit log is append-only$"):
        AuditEvent.objects.update(action="x")
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["update"]


def test_raw_sql_update_is_refused_by_the_database(event):
    with pytest.raises(DatabaseError, match=r"^audit log is append-only(\nCONTEXT: .*)?$"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {column(TABLE)} SET {column('action')} = %s", ["x"])
    with pytest.raises(DatabaseError, match=r"^audit log is append-only(\nCONTEXT: .*)?$"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {column(TABLE)} SET {column('changes')} = %s WHERE id = %s", ["{}", event.pk])
    refreshed = AuditEvent.objects.get(pk=event.pk)
    assert (refreshed.action, refreshed.changes) == ("update", {"name": ["A", "B"]})


def test_raw_sql_delete_is_refused_by_the_database(event):
    # SQLite too since audit 0003 (only the test flush's TEMP marker passes; tests/db_roles.py).
    with pytest.raises(DatabaseError, match=r"^audit log is append-only(\nCONTEXT: .*)?$"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {column(TABLE)}")
    assert AuditEvent.objects.count() == 1


def test_appending_is_allowed(event):
    # The triggers refuse changes only: appending is what the log is for.
    assert AuditEvent.objects.count() == 1
    record(None, "login_failed", object_type="accounts.user", object_repr="ai-do")
    assert AuditEvent.objects.count() == 2


# --- what is recorded --------------------------------------------------------------------------------------


def test_creating_a_unit_records_the_after_state(world):
    specialist = world.users["specialist"]
    unit = org_services.create_unit(by=specialist, name="Sở Tư pháp", short_name="STP", code="STP",
                                    kind=UnitKind.DEPARTMENT, parent=world.province,
                                    established_on=datetime.date(2025, 7, 1), is_border=True)
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_id, event.object_repr) == (
        "create", "orgs.unit", str(unit.pk), "Sở Tư pháp",
    )
    assert (event.actor_id, event.actor_name, event.ip_address) == (specialist.pk, "chuyenvien", None)
    assert event.changes == {"after": {
        "id": unit.pk, "name": "Sở Tư pháp", "short_name": "STP", "code": "STP", "kind": "department",
        "parent": world.province.pk, "admin_code": "", "is_remote": False, "is_border": True,
        "is_especially_difficult": False, "is_ethnic_minority_area": False, "established_on": "2025-07-01",
        "dissolved_on": None,
    }}
    assert timezone.now() - event.at < datetime.timedelta(minutes=1)


def test_updating_a_unit_records_only_the_changed_fields_as_old_new(world):
    org_services.update_unit(world.unit_a, by=world.users["specialist"], short_name="SYT", is_remote=True,
                             name="Sở Y tế", code="SYT")
    assert AuditEvent.objects.get().changes == {"short_name": ["", "SYT"], "is_remote": [False, True]}


def test_updating_a_person_records_old_and_new_values(world):
    people_services.update_person(world.person_a, by=world.users["clerk_a"], position="Giám đốc",
                                  birth_date=datetime.date(1985, 3, 5))
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_id, event.actor_name) == (
        "update", "people.person", str(world.person_a.pk), "vanthu.a",
    )
    assert event.changes == {"position": ["", "Giám đốc"], "birth_date": ["1985-03-04", "1985-03-05"]}


def test_a_citizen_id_is_never_stored_in_clear(world):
    person = Person.objects.get(pk=world.person_b.pk)
    assert person.national_id is None
    people_services.update_person(person, by=world.users["specialist"], national_id="001090001235")
    people_services.update_person(person, by=world.users["specialist"], national_id=None)
    created = people_services.create_person(by=world.users["specialist"], full_name="Lò Văn Minh",
                                            unit=world.unit_b, category="farmer", national_id="001090001236")
    assert [e.changes for e in AuditEvent.objects.order_by("id")] == [
        {"national_id": [None, "***"]},
        {"national_id": ["***", None]},
        {"after": {**created_after(created), "national_id": "***"}},
    ]
    dumped = json.dumps(list(AuditEvent.objects.values_list("changes", "object_repr")), ensure_ascii=False)
    for national_id in ("001090001235", "001090001236", "010090001234"):
        assert national_id not in dumped


def created_after(person):
    return {
        "id": person.pk, "full_name": "Lò Văn Minh", "name_folded": "lo van minh", "gender": "",
        "birth_date": None, "birth_year": None, "ethnicity": "", "position": "", "unit": person.unit_id,
        "category": "farmer", "statistical_group": "", "group_confirmed_at": None, "group_confirmed_by": None,
        "created_at": str(person.created_at), "merged_into": None,
    }


def test_changing_a_citizen_id_is_audited_masked(world):
    people_services.update_person(world.person_a, by=world.users["specialist"], national_id="001090001235")
    event = AuditEvent.objects.get()
    assert "national_id" in event.changes
    dumped = json.dumps(event.changes)
    assert "***" in dumped
    assert "010090001234" not in dumped
    assert "001090001235" not in dumped


def test_a_request_records_the_client_address(world):
    client = client_for(world, "specialist")
    client.post(reverse("orgs:group_detail", kwargs={"pk": world.group_year.pk}),
                {"unit": world.home_affairs.pk, "role": "member"}, REMOTE_ADDR="10.20.30.40")
    event = AuditEvent.objects.get(action="create")
    assert (event.object_type, event.ip_address) == ("orgs.emulationgroupmembership", "10.20.30.40")


# --- the administrators' list -------------------------------------------------------------------------------


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


@pytest.fixture
def history(world):
    """Audit rows on fixed days (loaded the way fixtures are: save_base(raw=True) keeps `at`)."""
    rows = [
        (datetime.date(2026, 1, 5), "vanthu.a", "create", "people.person"),
        (datetime.date(2026, 2, 10), "vanthu.a", "export", "people.person"),
        (datetime.date(2026, 2, 20), "chuyenvien", "update", "orgs.unit"),
        (datetime.date(2026, 3, 15), "vanthu.b", "export", "people.person"),
    ]
    events = []
    for day, actor, action, object_type in rows:
        event = AuditEvent(at=_at(day), actor_name=actor, action=action, object_type=object_type,
                           object_repr=f"{action} {day:%d/%m/%Y}")
        event.save_base(raw=True)
        events.append(event)
    assert [e.at for e in AuditEvent.objects.order_by("at")] == [_at(r[0]) for r in rows]
    return events


def listed(response):
    assert response.status_code == 200
    return [e.object_repr for e in response.context["page"] if e.action != "login"]


@pytest.fixture
def admin_client(world):
    client = Client()
    client.force_login(world.users["admin"])
    return client


def test_audit_list_shows_everything_newest_first(history, admin_client):
    assert listed(admin_client.get(reverse("audit:list"))) == [
        "export 15/03/2026", "update 20/02/2026", "export 10/02/2026", "create 05/01/2026",
    ]


def test_audit_list_filters_by_user(history, admin_client):
    response = admin_client.get(reverse("audit:list"), {"user": "vanthu.a"})
    assert listed(response) == ["export 10/02/2026", "create 05/01/2026"]


def test_audit_list_filters_by_action(history, admin_client):
    response = admin_client.get(reverse("audit:list"), {"action": "export"})
    assert listed(response) == ["export 15/03/2026", "export 10/02/2026"]


def test_audit_list_filters_by_date_range_in_dd_mm_yyyy(history, admin_client):
    with translation.override("vi"):
        response = admin_client.get(reverse("audit:list"), {"date_from": "01/02/2026", "date_to": "20/02/2026"})
    assert listed(response) == ["update 20/02/2026", "export 10/02/2026"]
    with translation.override("vi"):
        response = admin_client.get(reverse("audit:list"), {"date_from": "15/03/2026"})
    assert listed(response) == ["export 15/03/2026"]


def test_audit_list_combines_filters(history, admin_client):
    with translation.override("vi"):
        response = admin_client.get(reverse("audit:list"), {
            "user": "vanthu", "action": "export", "date_to": "28/02/2026", "object_type": "person",
        })
    assert listed(response) == ["export 10/02/2026"]


def test_audit_list_refuses_an_end_date_before_the_start_date(history, admin_client):
    response = admin_client.get(reverse("audit:list"), {"date_from": "2026-03-01", "date_to": "2026-02-01"}, **EN)
    assert response.context["form"].errors == {"date_to": ["The end date is before the start date."]}
    assert "The end date is before the start date." in response.content.decode()


def test_audit_list_date_error_in_vietnamese(history, admin_client):
    with translation.override("vi"):
        response = admin_client.get(reverse("audit:list"), {"date_from": "01/03/2026", "date_to": "01/02/2026"})
        assert response.context["form"].errors == {"date_to": [gettext("The end date is before the start date.")]}


@pytest.mark.parametrize("persona", ["specialist", "clerk_a", "council_member", "signer"])
def test_only_administrators_see_the_audit_log(world, persona):
    assert client_for(world, persona).get(reverse("audit:list")).status_code == 403
