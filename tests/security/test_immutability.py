"""Signed decisions, their lines, the award records signing created and the audit log: no role of the
application can change them (issue 14, item 2; docs/operations.md, "Database roles").

On both databases, raw SQL past the application (UPDATE, DELETE) is refused by triggers; the publication
time is frozen; only a signed amendment changes the award record of the line it amends. On PostgreSQL the
suite runs as the application role (tests/db_roles.py), which owns nothing: TRUNCATE, ALTER TABLE … DISABLE
TRIGGER, DROP TRIGGER and CREATE OR REPLACE FUNCTION fail for lack of ownership, no `SET tdkt.*` reopens
the purge switch of migration 0004, and a TEMP table cannot shadow what a trigger reads. On SQLite the same
triggers are a guard against bugs; only the test flush's TEMP marker passes them."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction

from tdkt.audit.models import AuditEvent
from tdkt.awards.models import AwardRecord
from tdkt.decisions import services
from tdkt.decisions.amendments import correct_decision, revoke_decision
from tdkt.decisions.models import Decision, LineAwardRecord
from tests import db_roles
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, make_dossier, pdf_bytes

CONTEXT = r"(\nCONTEXT: .*)?$"
DECISION = r"^a signed decision is immutable" + CONTEXT
LINES = r"^the lines of a signed decision are immutable" + CONTEXT
RECORD = r"^an award record created by signing is immutable" + CONTEXT
AUDIT = r"^audit log is append-only" + CONTEXT
PUBLISHED_AT = r"^the publication time of a decision cannot change" + CONTEXT



def _two_roles() -> bool:
    return connection.vendor == "postgresql" and bool(db_roles.owner_settings())


@pytest.fixture
def signed(world):
    """A published decision of two lines (two award records), and the audit rows its life wrote."""
    dossier = make_dossier(world.unit_a)
    nominations = [approved(dossier, person=world.person_a, position=1),
                   approved(dossier, unit=world.unit_a_child, position=2)]
    decision = services.draft_decisions(nominations, by=world.users["specialist"], authority=make_authority(),
                                        date=datetime.date(2026, 7, 1))[0]
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    services.publish_decision(decision, by=world.users["specialist"])
    decision.refresh_from_db()
    assert AuditEvent.objects.exists() and decision.published_at is not None
    return decision


def _ids(signed) -> dict:
    lines = list(signed.lines.order_by("id").values_list("id", flat=True))
    links = LineAwardRecord.objects.filter(line_id__in=lines).order_by("id")
    return {"decision": signed.pk, "line": lines[0], "other_line": lines[1],
            "record": links[0].award_record_id, "link": links[0].pk,
            "audit": AuditEvent.objects.order_by("id").values_list("id", flat=True).first()}


# (what, SQL with %(…)s ids, refusal) — straight SQL on the application's connection, past every model check.
CHANGES = [
    ("update a signed decision", "UPDATE decisions_decision SET title = 'Khác' WHERE id = {decision}", DECISION),
    ("move a signed decision back to draft", "UPDATE decisions_decision SET state = 'draft' WHERE id = {decision}",
     DECISION),
    ("delete a signed decision", "DELETE FROM decisions_decision WHERE id = {decision}", DECISION),
    ("change the publication time", "UPDATE decisions_decision SET published_at = published_at + interval '1 day' "
     "WHERE id = {decision}", PUBLISHED_AT),
    ("clear the publication time", "UPDATE decisions_decision SET published_at = NULL WHERE id = {decision}",
     PUBLISHED_AT),
    ("clear the snapshot frozen at signing", "UPDATE decisions_decision SET snapshot = NULL WHERE id = {decision}",
     DECISION),
    ("change the tờ trình cited", "UPDATE decisions_decision SET proposal_reference = '99/TTr-SNV' "
     "WHERE id = {decision}", DECISION),
    ("update a line", "UPDATE decisions_decisionline SET amount = 1 WHERE id = {line}", LINES),
    ("clear a line's snapshot", "UPDATE decisions_decisionline SET snapshot = NULL WHERE id = {line}", LINES),
    ("delete a line", "DELETE FROM decisions_decisionline WHERE id = {line}", LINES),
    ("update an award record from signing", "UPDATE awards_awardrecord SET note = 'x' WHERE id = {record}", RECORD),
    ("delete an award record from signing", "DELETE FROM awards_awardrecord WHERE id = {record}", RECORD),
    ("unlink an award record from its line", "DELETE FROM decisions_lineawardrecord WHERE id = {link}", RECORD),
    ("relink an award record to another line",
     "UPDATE decisions_lineawardrecord SET line_id = {other_line} WHERE id = {link}", RECORD),
    ("update an audit row", "UPDATE audit_auditevent SET object_repr = 'x' WHERE id = {audit}", AUDIT),
    ("delete an audit row", "DELETE FROM audit_auditevent WHERE id = {audit}", AUDIT),
]


def _sql(sql: str) -> str:
    if connection.vendor == "sqlite":  # SQLite has no interval type
        sql = sql.replace("published_at + interval '1 day'", "datetime(published_at, '+1 day')")
    return sql


@pytest.mark.parametrize(("what", "sql", "refusal"), CHANGES, ids=[row[0] for row in CHANGES])
def test_every_change_is_refused_by_the_database(signed, what, sql, refusal):
    before = _snapshot(signed)
    with pytest.raises(DatabaseError, match=refusal), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_sql(sql.format(**_ids(signed))))
    assert _snapshot(signed) == before


def _snapshot(signed):
    return (list(Decision.objects.filter(pk=signed.pk).values()), list(signed.lines.order_by("id").values()),
            list(AwardRecord.objects.order_by("id").values()), list(LineAwardRecord.objects.order_by("id").values()),
            AuditEvent.objects.count())


def test_no_tdkt_setting_reopens_the_purge_switch(signed):
    """Migration 0004 let `SET LOCAL tdkt.purge_decisions = 'on'` delete signed decisions; 0006 replaced its
    functions, and no trigger function reads any setting."""
    ids = _ids(signed)
    for sql, refusal in [(f"DELETE FROM decisions_decision WHERE id = {ids['decision']}", DECISION),
                         (f"DELETE FROM decisions_decisionline WHERE id = {ids['line']}", LINES),
                         (f"DELETE FROM awards_awardrecord WHERE id = {ids['record']}", RECORD)]:
        with pytest.raises(DatabaseError, match=refusal), transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for name in ("tdkt.purge_decisions", "tdkt.purge", "tdkt.bypass_triggers"):
                    cursor.execute("SELECT set_config(%s, 'on', true)", [name])
            cursor.execute(sql)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                           "WHERE n.nspname = current_schema() AND p.prosrc ILIKE '%%current_setting%%'")
            assert cursor.fetchall() == []


def test_a_signed_amendment_changes_the_record_of_its_line_and_nothing_else(world, signed):
    """The one exception kept: a signed correction updates the record of the line it corrects (and moves the
    link to the correcting line); a signed revocation deletes it. Afterwards the record is frozen again."""
    person_line = signed.lines.get(person=world.person_a)
    correction = correct_decision(signed, by=world.users["specialist"], reason="Sai tên", lines=[person_line])
    correction.lines.update(person=world.person_b, display_name="Giàng A Páo")
    services.approve_for_signing(cite_proposal(correction), by=world.users["signer"])
    services.sign_decision(correction, by=world.users["specialist"], signed_pdf=pdf_bytes(),
                           signed_on=SIGNED_ON + datetime.timedelta(days=1))
    moved = AwardRecord.objects.get(person=world.person_b)
    with pytest.raises(DatabaseError, match=RECORD), transaction.atomic():
        AwardRecord.objects.filter(pk=moved.pk).update(note="sửa tay")
    unit_line = signed.lines.get(unit=world.unit_a_child)
    revocation = revoke_decision(signed, by=world.users["specialist"], reason="Vi phạm", lines=[unit_line])
    services.approve_for_signing(cite_proposal(revocation), by=world.users["signer"])
    services.sign_decision(revocation, by=world.users["specialist"], signed_pdf=pdf_bytes(),
                           signed_on=SIGNED_ON + datetime.timedelta(days=2))
    assert list(AwardRecord.objects.values_list("person_id", "unit_id")) == [(world.person_b.pk, None)]


def test_sqlite_passes_the_triggers_only_for_the_flush_marker_in_the_temp_schema(signed):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's test-flush marker")
    ids = _ids(signed)
    with connection.cursor() as cursor:  # a main-schema table of the marker's name opens nothing
        cursor.execute("CREATE TABLE tdkt_test_flush (x)")
    with pytest.raises(DatabaseError, match=AUDIT), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM audit_auditevent WHERE id = {ids['audit']}")


# PostgreSQL: the application role against the schema itself. (statement, refusal)
OWNER_ONLY = [
    ("TRUNCATE decisions_decision CASCADE", r"^permission denied for table decisions_decision$"),
    ("TRUNCATE decisions_decisionline CASCADE", r"^permission denied for table decisions_decisionline$"),
    ("TRUNCATE awards_awardrecord CASCADE", r"^permission denied for table awards_awardrecord$"),
    ("TRUNCATE audit_auditevent", r"^permission denied for table audit_auditevent$"),
    ("ALTER TABLE decisions_decision DISABLE TRIGGER decision_signed_immutable",
     r"^must be owner of table decisions_decision$"),
    ("ALTER TABLE decisions_decisionline DISABLE TRIGGER ALL", r"^must be owner of table decisions_decisionline$"),
    ("ALTER TABLE awards_awardrecord DISABLE TRIGGER award_record_signed_immutable",
     r"^must be owner of table awards_awardrecord$"),
    ("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_update", r"^must be owner of table audit_auditevent$"),
    ("DROP TRIGGER decision_signed_immutable ON decisions_decision", r"^must be owner of relation decisions_decision$"),
    ("DROP TRIGGER audit_event_no_update ON audit_auditevent", r"^must be owner of relation audit_auditevent$"),
    ("DROP TRIGGER audit_event_no_truncate ON audit_auditevent", r"^must be owner of relation audit_auditevent$"),
    # Replacing a function needs CREATE on its schema before ownership is even looked at.
    ("CREATE OR REPLACE FUNCTION decision_refuse_change() RETURNS trigger AS $$ BEGIN RETURN OLD; END; $$ "
     "LANGUAGE plpgsql", r"^permission denied for schema public$"),
    ("CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger AS $$ BEGIN RETURN OLD; END; $$ "
     "LANGUAGE plpgsql", r"^permission denied for schema public$"),
    ("CREATE OR REPLACE FUNCTION award_record_refuse_change() RETURNS trigger AS $$ BEGIN RETURN OLD; END; $$ "
     "LANGUAGE plpgsql", r"^permission denied for schema public$"),
    ("ALTER FUNCTION tdkt_refuse_truncate() OWNER TO CURRENT_USER", r"^must be owner of function tdkt_refuse_truncate$"),
    ("ALTER TABLE audit_auditevent OWNER TO CURRENT_USER", r"^must be owner of table audit_auditevent$"),
    ("SET ROLE tdkt_owner", r"^permission denied to set role \"tdkt_owner\"$"),
    ("CREATE TABLE decisions_shadow (id int)", r"^permission denied for schema public"),
]


@pytest.mark.parametrize(("sql", "refusal"), OWNER_ONLY, ids=[row[0][:60] for row in OWNER_ONLY])
def test_the_application_role_cannot_touch_the_schema(signed, sql, refusal):
    if not _two_roles():
        pytest.skip("PostgreSQL with the owner and application roles (make test-postgres)")
    with pytest.raises(DatabaseError, match=refusal), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert Decision.objects.get(pk=signed.pk).state == signed.state


def test_the_application_role_owns_nothing_and_is_no_member_of_the_owner(db):
    if not _two_roles():
        pytest.skip("PostgreSQL with the owner and application roles (make test-postgres)")
    owner = db_roles.owner_settings()["USER"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, pg_has_role(current_user, %s, "
                       "'MEMBER') FROM pg_roles WHERE rolname = current_user", [owner])
        assert cursor.fetchone() == (False, False, False, False, False)
        cursor.execute("SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid), "
                       "(SELECT count(*) FROM pg_proc WHERE proowner = r.oid), "
                       "(SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) "
                       "FROM pg_roles r WHERE rolname = current_user")
        assert cursor.fetchone() == (0, 0, 0)


def test_a_temp_table_cannot_shadow_what_a_trigger_reads(signed):
    """pg_temp comes first in a role's search_path; the trigger functions pin theirs, so a TEMP table named
    decisions_decision saying "draft" does not make a signed line changeable."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL search_path")
    line = _ids(signed)["line"]
    with pytest.raises(DatabaseError, match=LINES), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE decisions_decision (id bigint, state varchar(32))")
        cursor.execute("INSERT INTO decisions_decision VALUES (%s, 'draft')", [signed.pk])
        cursor.execute(f"UPDATE decisions_decisionline SET amount = 1 WHERE id = {line}")


@pytest.mark.django_db(transaction=True)
def test_truncate_is_refused_even_when_the_privilege_is_granted_by_mistake():
    """The second lock: were TRUNCATE granted to the application role, the statement trigger still refuses
    it to everyone but the owner (who empties the tables between transactional tests)."""
    if not _two_roles():
        pytest.skip("PostgreSQL with the owner and application roles (make test-postgres)")
    app_role = connection.settings_dict["USER"]
    # Tables no foreign key points at: TRUNCATE of the others stops earlier, at the referencing tables.
    tables = ["audit_auditevent", "decisions_lineawardrecord"]
    with db_roles.owner_connection() as owner:
        owner.execute(f"GRANT TRUNCATE ON {', '.join(tables)} TO \"{app_role}\"")
    try:
        for table in tables:
            with pytest.raises(DatabaseError, match=rf"^{table} can be emptied only by its owner" + CONTEXT), \
                    transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {table}")
    finally:
        connection.close()
        with db_roles.owner_connection() as owner:
            owner.execute(f"REVOKE TRUNCATE ON {', '.join(tables)} FROM \"{app_role}\"")


def test_the_admin_shows_award_records_from_signing_read_only(world, signed):
    """The superuser's repair pages: a record created by signing can be viewed, not changed or deleted; a
    record entered by hand stays repairable."""
    from django.contrib import admin
    from django.test import RequestFactory

    from tdkt.accounts.models import User
    from tdkt.awards.admin import AwardRecordAdmin
    from tests.factories import make_award

    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("quantri.goc", password="x" * 12)
    model_admin = AwardRecordAdmin(AwardRecord, admin.site)
    from_signing = AwardRecord.objects.get(pk=_ids(signed)["record"])
    by_hand = make_award(person=world.person_b)
    assert [(model_admin.has_view_permission(request, record), model_admin.has_change_permission(request, record),
             model_admin.has_delete_permission(request, record)) for record in (from_signing, by_hand, None)] == [
        (True, False, False), (True, True, True), (True, True, True)]
