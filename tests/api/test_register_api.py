"""Units, persons, awards, decisions and certificate verification through the API: each persona's token sees
what the screens show it (another unit's person is a 404 or absent), personal data only within its scope,
in a fixed number of queries, page after page by cursor, with ETags."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.awards.models import AwardRecord
from tdkt.decisions.certificates.services import issue_certificates
from tdkt.people.models import Person
from tests.api.support import client, token
from tests.certificates.support import issued_decision
from tests.factories import make_award, make_person


@pytest.fixture
def api(world):
    return lambda persona, *scopes: client(token(world, persona, *scopes))


def unit_a_decision(world, **options):
    """A published decision whose two lines belong to unit A (its clerk sees them)."""
    return issued_decision(world, lines=[
        ("collective", {"unit": world.unit_a, "owner_unit": world.unit_a}, "Sở Y tế", "tỉnh Lào Cai"),
        ("individual", {"person": world.person_a, "owner_unit": world.unit_a}, "Ông Nguyễn Văn An",
         "Trưởng phòng, Sở Y tế")], **options)


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_units_carry_the_national_codes(world, api, settings):
    settings.PROVINCE_NAME = "Lào Cai"
    world.unit_b.admin_code = "02647"
    world.unit_b.save()
    body = api("specialist").get("/api/v1/units?limit=1000").json()
    by_id = {item["id"]: item for item in body["items"]}
    assert by_id[world.unit_b.pk]["province_code"] == "15"
    assert (by_id[world.unit_b.pk]["commune_code"], by_id[world.unit_a.pk]["commune_code"]) == ("02647", None)
    assert by_id[world.unit_b.pk]["commune_name"]
    assert by_id[world.unit_a.pk]["kind_label"] == "Sở, ban, ngành"


@pytest.mark.parametrize(("persona", "sees_a", "sees_b"), [
    ("specialist", True, True), ("clerk_a", True, False), ("clerk_b", False, True), ("council_member", True, True),
    ("signer", True, True)])
def test_each_persona_sees_its_units_and_persons(world, api, persona, sees_a, sees_b):
    units = ids(api(persona).get("/api/v1/units"))
    assert (world.unit_a.pk in units, world.unit_b.pk in units) == (sees_a, sees_b)
    if persona == "council_member" or persona == "signer":
        return  # no personal-data role, no read:persons
    persons = api(persona)
    listed = ids(persons.get("/api/v1/persons"))
    assert (world.person_a.pk in listed, world.person_b.pk in listed) == (sees_a, sees_b)
    assert persons.get(f"/api/v1/persons/{world.person_a.pk}").status_code == (200 if sees_a else 404)
    assert persons.get(f"/api/v1/units/{world.unit_b.pk}").status_code == (200 if sees_b else 404)


def test_personal_data_only_within_the_tokens_scope(world, api):
    full = api("clerk_a").get(f"/api/v1/persons/{world.person_a.pk}").json()
    assert (full["national_id"], full["birth_date"], full["personal_data"]) == ("010090001234", "1985-03-04", True)
    assert AuditEvent.objects.filter(action=AuditAction.VIEW_PERSONAL, object_id=str(world.person_a.pk),
                                     changes__via="api").count() == 1
    # A group head reads unit B's people (its cụm/khối) but not their personal data.
    Person.objects.filter(pk=world.person_b.pk).update(national_id="002095001111", birth_date=datetime.date(1995, 1, 1),
                                                      birth_year=1995)
    world.users["clerk_a"].memberships.create(role="group_head", unit=world.unit_a,
                                              emulation_group=world.group_year.group)
    masked = api("clerk_a").get(f"/api/v1/persons/{world.person_b.pk}").json()
    assert (masked["national_id"], masked["birth_date"], masked["personal_data"]) == ("•••••••••111", None, False)
    assert masked["birth_year"] == 1995


def test_awards_are_a_recipients_history_and_scoped(world, api):
    own = make_award(person=world.person_a, year=2023)
    make_award(person=world.person_a, code="CSTD_CS", year=2024)
    other = make_award(person=world.person_b, year=2024)
    collective = make_award(unit=world.unit_a, code="BK_TINH", year=2024)
    assert sorted(ids(api("clerk_a").get("/api/v1/awards"))) == sorted(
        AwardRecord.objects.exclude(pk=other.pk).values_list("pk", flat=True))
    history = api("clerk_a").get(f"/api/v1/awards?person_id={world.person_a.pk}").json()["items"]
    assert [(item["award_type"], item["year"], item["recipient_name"]) for item in history][:1] == [
        (own.award_type.name, 2023, "Nguyễn Văn An")]
    assert ids(api("clerk_a").get(f"/api/v1/awards?unit_id={world.unit_a.pk}")) == [collective.pk]
    assert api("clerk_a").get(f"/api/v1/awards?person_id={world.person_b.pk}").status_code == 404
    assert api("clerk_b").get("/api/v1/awards").json()["items"][0]["id"] == other.pk


def test_decisions_with_lines_documents_and_unit_scope(world, api):
    decision = unit_a_decision(world)
    body = api("specialist").get("/api/v1/decisions").json()
    [item] = body["items"]
    assert (item["number"], item["decision_date"], item["state"]) == ("123/QĐ-UBND", "2026-12-15", "published")
    assert [line["display_name"] for line in item["lines"]] == ["Sở Y tế", "Ông Nguyễn Văn An"]
    assert item["documents"] == []
    assert ids(api("clerk_a").get("/api/v1/decisions")) == [decision.pk]
    assert ids(api("clerk_b").get("/api/v1/decisions")) == []
    assert api("clerk_b").get(f"/api/v1/decisions/{decision.pk}").status_code == 404
    assert api("clerk_b").get(f"/api/v1/decisions/{decision.pk}/signed.pdf").status_code == 404


def test_a_draft_decision_is_not_in_the_api(world, api):
    draft = issued_decision(world, state="draft")
    assert ids(api("specialist").get("/api/v1/decisions")) == []
    assert api("specialist").get(f"/api/v1/decisions/{draft.pk}").status_code == 404


def test_certificate_verification_as_the_public_page(world, api):
    certificate = issue_certificates(issued_decision(world), by=world.users["specialist"])[0]
    genuine = api("clerk_b", "read:awards").get(f"/api/v1/certificates/{certificate.code_text}").json()
    assert (genuine["status"], genuine["recipient"], genuine["decision_number"]) == (
        "genuine", certificate.line.display_name, "123/QĐ-UBND")
    unknown = api("clerk_b", "read:awards").get("/api/v1/certificates/ZZZZ-ZZZZ").json()
    assert (unknown["status"], unknown["recipient"]) == ("unknown", None)


def test_cursor_walks_every_row_once_and_resumes_after_changes(world, api):
    people = [make_person(f"Người Thứ {n}", unit=world.unit_a) for n in range(5)]
    reader = api("specialist")
    seen, cursor = [], ""
    while True:
        body = reader.get(f"/api/v1/persons?limit=2&cursor={cursor}").json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    assert sorted(seen) == sorted(Person.objects.values_list("pk", flat=True)) and len(seen) == len(set(seen))
    assert reader.get(f"/api/v1/persons?cursor={cursor}").json()["items"] == []
    people[1].position = "Phó Giám đốc"
    people[1].save()
    assert ids(reader.get(f"/api/v1/persons?cursor={cursor}")) == [people[1].pk]
    since = people[1].updated_at.isoformat().replace("+00:00", "Z")
    assert ids(reader.get("/api/v1/persons", {"updated_since": since})) == [people[1].pk]


def test_bad_cursor_and_naive_time_are_400_in_vietnamese(world, api):
    reader = api("specialist")
    response = reader.get("/api/v1/awards?cursor=not-a-cursor")
    assert (response.status_code, response.json()["detail"]) == (
        400, "Con trỏ trang (cursor) không hợp lệ: dùng next_cursor của trang trước.")
    response = reader.get("/api/v1/awards?updated_since=2026-01-01T00:00:00")
    assert response.json()["detail"] == "updated_since phải có múi giờ, ví dụ 2026-12-01T00:00:00+07:00."
    response = reader.get("/api/v1/awards?limit=0")
    assert (response.status_code, response.json()["detail"]) == (422, "Dữ liệu không hợp lệ ở: query.limit.")


def test_etag_and_if_none_match(world, api):
    reader = api("specialist")
    first = reader.get("/api/v1/units")
    etag = first["ETag"]
    assert etag and "Authorization" in first["Vary"]
    assert reader.get("/api/v1/units", HTTP_IF_NONE_MATCH=etag).status_code == 304
    world.unit_a.short_name = "SYT"
    world.unit_a.save()
    assert reader.get("/api/v1/units", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/units", "/api/v1/persons", "/api/v1/awards", "/api/v1/decisions"])
def test_lists_run_a_fixed_number_of_queries(world, api, path):
    reader = api("clerk_a")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert reader.get(path).status_code == 200
        return len(captured)

    make_award(person=world.person_a, year=2020)
    unit_a_decision(world, number=1)
    few = count()
    for n in range(6):
        person = make_person(f"Người Mới {n}", unit=world.unit_a, national_id=f"0010900{n:05d}")
        make_award(person=person, year=2021)
        unit_a_decision(world, number=10 + n)
    assert count() == few


@pytest.mark.parametrize(("since", "found"), [
    ("1057-01-14T07:52:19.1-21:26", True),  # an offset PostgreSQL refuses (beyond ±16 h): found by the schema fuzz
    ("0001-01-01T00:00:00+23:59", True),  # before the first moment once in UTC: everything
    ("9999-12-31T23:59:59-23:59", False),  # after the last: nothing
    ("2000-01-01T00:00:00+07:00", True),
])
def test_any_offset_python_reads_is_compared_in_utc(world, api, since, found):
    response = api("specialist").get("/api/v1/persons", {"updated_since": since})
    assert response.status_code == 200
    assert bool(response.json()["items"]) is found
