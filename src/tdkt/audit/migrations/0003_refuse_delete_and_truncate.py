"""The audit log refuses UPDATE and DELETE on both databases and, on PostgreSQL, TRUNCATE by anyone but its owner.

PostgreSQL: the row trigger of 0002 already refuses UPDATE and DELETE whatever the role; a statement trigger
now refuses TRUNCATE unless the current role is (a member of) the table's owner. The application role has
no TRUNCATE privilege anyway (tdkt.audit.dbroles); the trigger is the second lock. `tdkt_refuse_truncate()`
is shared by the other immutable tables (decisions 0006). Trigger functions pin their search_path to the
schema and pg_temp last, so a TEMP table cannot shadow a table they read.

SQLite: a DELETE trigger joins the UPDATE trigger of 0002. It is a guard against bugs, not a security
boundary (whoever can write the file can do anything). Its one exception is the test suite's flush
(tests/conftest.py), which creates the TEMP table `tdkt_test_flush` on its own connection for the length
of the flush: a TEMP table exists only on the connection that made it, and no setting creates it."""

from django.db import migrations

# SQLite triggers cannot name the temp schema; the table-valued pragma can look into it.
SQLITE_NOT_FLUSHING = ("NOT EXISTS (SELECT 1 FROM pragma_table_list "
                       "WHERE schema = 'temp' AND name = 'tdkt_test_flush')")

SQLITE = [
    f"""CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
        WHEN {SQLITE_NOT_FLUSHING}
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]


def postgres(schema: str) -> list[str]:
    return [
        f"""CREATE OR REPLACE FUNCTION tdkt_refuse_truncate() RETURNS trigger AS $$
            BEGIN
              IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
                RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' can be emptied only by its owner',
                  ERRCODE = 'insufficient_privilege';
              END IF;
              RETURN NULL;
            END; $$ LANGUAGE plpgsql SET search_path = "{schema}", pg_temp""",
        f"""ALTER FUNCTION audit_event_refuse_change() SET search_path = "{schema}", pg_temp""",
        """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
           FOR EACH STATEMENT EXECUTE FUNCTION tdkt_refuse_truncate()""",
    ]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        statements = SQLITE
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            statements = postgres(cursor.fetchone()[0])
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent")
        schema_editor.execute("DROP FUNCTION IF EXISTS tdkt_refuse_truncate()")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(forwards, backwards)]
