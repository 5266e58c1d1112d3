"""Signed decisions, their lines and the award records signing created: no role of the application can change
them, and no setting opens an escape.

PostgreSQL: the functions of 0002 are replaced without the `tdkt.purge_decisions` switch of 0004 — no trigger
function reads current_setting(), so no `SET tdkt.*` changes anything. The publication time is frozen once
set. The award records a signed line created (decisions_lineawardrecord links them) and those links refuse
UPDATE and DELETE, except what a signed amendment does inside its own signing (tdkt.decisions.amendments):
a signed revocation of the line deletes its record and link; a signed correction of the line updates its
record and moves the link to the correcting line. A statement trigger refuses TRUNCATE of the four tables
to every role but their owner (audit 0003, tdkt_refuse_truncate). The functions belong to the migrating
(owner) role, pin their search_path (a TEMP table cannot shadow what they read), and the application role
(tdkt.audit.dbroles) can neither replace them nor disable or drop the triggers.

SQLite: the same rules, DELETE included, as a guard against bugs rather than a security boundary; the test
flush alone passes (audit 0003 explains the TEMP table `tdkt_test_flush`)."""

from django.db import migrations

from tdkt.decisions.migrations import _immutable as t

SQLITE = [
    """CREATE TRIGGER decision_published_at_frozen BEFORE UPDATE ON decisions_decision
       WHEN OLD.published_at IS NOT NULL AND NEW.published_at IS NOT OLD.published_at
       BEGIN SELECT RAISE(ABORT, 'the publication time of a decision cannot change'); END""",
    f"""CREATE TRIGGER decision_signed_no_delete BEFORE DELETE ON decisions_decision
        WHEN OLD.state IN {t.ISSUED} AND {t.SQLITE_NOT_FLUSHING}
        BEGIN SELECT RAISE(ABORT, 'a signed decision is immutable'); END""",
    f"""CREATE TRIGGER decision_line_delete_immutable BEFORE DELETE ON decisions_decisionline
        WHEN (SELECT state FROM decisions_decision WHERE id = OLD.decision_id) IN {t.ISSUED}
         AND {t.SQLITE_NOT_FLUSHING}
        BEGIN SELECT RAISE(ABORT, 'the lines of a signed decision are immutable'); END""",
    f"""CREATE TRIGGER line_award_record_no_update BEFORE UPDATE ON decisions_lineawardrecord
        WHEN NOT (NEW.award_record_id = OLD.award_record_id AND {t.amended_by('OLD.line_id', 'correction', 'NEW.line_id')})
        BEGIN SELECT RAISE(ABORT, 'an award record created by signing is immutable'); END""",
    f"""CREATE TRIGGER line_award_record_no_delete BEFORE DELETE ON decisions_lineawardrecord
        WHEN NOT {t.amended_by('OLD.line_id', 'revocation')} AND {t.SQLITE_NOT_FLUSHING}
        BEGIN SELECT RAISE(ABORT, 'an award record created by signing is immutable'); END""",
    f"""CREATE TRIGGER award_record_signed_no_update BEFORE UPDATE ON awards_awardrecord
        WHEN {t.LINK_OF_OLD} IS NOT NULL AND NOT {t.amended_by(t.LINK_OF_OLD, 'correction')}
        BEGIN SELECT RAISE(ABORT, 'an award record created by signing is immutable'); END""",
    f"""CREATE TRIGGER award_record_signed_no_delete BEFORE DELETE ON awards_awardrecord
        WHEN {t.LINK_OF_OLD} IS NOT NULL AND NOT {t.amended_by(t.LINK_OF_OLD, 'revocation')}
         AND {t.SQLITE_NOT_FLUSHING}
        BEGIN SELECT RAISE(ABORT, 'an award record created by signing is immutable'); END""",
]
SQLITE_TRIGGERS = ["decision_published_at_frozen", "decision_signed_no_delete", "decision_line_delete_immutable",
                   "line_award_record_no_update", "line_award_record_no_delete", "award_record_signed_no_update",
                   "award_record_signed_no_delete"]

STATE_MOVE_OK = "(NEW.state = OLD.state OR (OLD.state = 'signed' AND NEW.state = 'published'))"


def postgres(schema: str) -> list[str]:
    pinned = f'SET search_path = "{schema}", pg_temp'
    return [
        f"""CREATE OR REPLACE FUNCTION decision_refuse_change() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                IF OLD.state IN {t.ISSUED} THEN {t.raise_pg('a signed decision is immutable')} END IF;
                RETURN OLD;
              END IF;
              IF OLD.published_at IS NOT NULL AND NEW.published_at IS DISTINCT FROM OLD.published_at THEN
                {t.raise_pg('the publication time of a decision cannot change')}
              END IF;
              IF OLD.state IN {t.ISSUED} AND (NOT {STATE_MOVE_OK} OR {t.frozen_changed()}) THEN
                {t.raise_pg('a signed decision is immutable')}
              END IF;
              RETURN NEW;
            END; $$ LANGUAGE plpgsql {pinned}""",
        f"""CREATE OR REPLACE FUNCTION decision_line_refuse_change() RETURNS trigger AS $$
            BEGIN
              IF TG_OP IN ('UPDATE', 'DELETE') AND
                 (SELECT state FROM decisions_decision WHERE id = OLD.decision_id) IN {t.ISSUED} THEN
                {t.raise_pg('the lines of a signed decision are immutable')}
              END IF;
              IF TG_OP IN ('UPDATE', 'INSERT') AND
                 (SELECT state FROM decisions_decision WHERE id = NEW.decision_id) IN {t.ISSUED} THEN
                {t.raise_pg('the lines of a signed decision are immutable')}
              END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END; $$ LANGUAGE plpgsql {pinned}""",
        f"""CREATE OR REPLACE FUNCTION line_award_record_refuse_change() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                IF NOT {t.amended_by('OLD.line_id', 'revocation')} THEN
                  {t.raise_pg('an award record created by signing is immutable')}
                END IF;
                RETURN OLD;
              END IF;
              IF NOT (NEW.award_record_id = OLD.award_record_id
                      AND {t.amended_by('OLD.line_id', 'correction', 'NEW.line_id')}) THEN
                {t.raise_pg('an award record created by signing is immutable')}
              END IF;
              RETURN NEW;
            END; $$ LANGUAGE plpgsql {pinned}""",
        """CREATE TRIGGER line_award_record_immutable BEFORE UPDATE OR DELETE ON decisions_lineawardrecord
           FOR EACH ROW EXECUTE FUNCTION line_award_record_refuse_change()""",
        f"""CREATE OR REPLACE FUNCTION award_record_refuse_change() RETURNS trigger AS $$
            DECLARE
              signed_line bigint := {t.LINK_OF_OLD};
            BEGIN
              IF signed_line IS NOT NULL AND NOT {t.amended_by('signed_line',
                                                               "CASE TG_OP WHEN 'DELETE' THEN 'revocation' ELSE 'correction' END")}
              THEN
                {t.raise_pg('an award record created by signing is immutable')}
              END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END; $$ LANGUAGE plpgsql {pinned}""",
        """CREATE TRIGGER award_record_signed_immutable BEFORE UPDATE OR DELETE ON awards_awardrecord
           FOR EACH ROW EXECUTE FUNCTION award_record_refuse_change()""",
    ] + [
        f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION tdkt_refuse_truncate()"""
        for table in t.IMMUTABLE_DECISION_TABLES
    ]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        statements = SQLITE
    elif connection.vendor == "postgresql":
        statements = postgres(t.current_schema(connection))
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif vendor == "postgresql":  # the purge switch of 0004 is deliberately not restored
        for table in t.IMMUTABLE_DECISION_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        schema_editor.execute("DROP TRIGGER IF EXISTS award_record_signed_immutable ON awards_awardrecord")
        schema_editor.execute("DROP TRIGGER IF EXISTS line_award_record_immutable ON decisions_lineawardrecord")
        schema_editor.execute("DROP FUNCTION IF EXISTS award_record_refuse_change()")
        schema_editor.execute("DROP FUNCTION IF EXISTS line_award_record_refuse_change()")


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0005_decision_event_state_change"),
        ("awards", "0004_import_batch_state"),
        ("audit", "0003_refuse_delete_and_truncate"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
