"""The register's change marks and the stored figures checked against them (tdkt.reports.models_figures).

Triggers move the version whenever what the dashboards count changes: any write to awards_awardrecord, and
updates of the columns the figures read (a person's unit, gender, ethnicity or group; a household's unit; a
unit's area flags; an award type's name or level). Inserting a person, household or unit changes no figure
(they have no awards yet); deleting one with awards is refused (PROTECT).

PostgreSQL: each trigger call INSERTs a mark, so two writers never wait on each other (an UPDATE of one
counter row would make every writer wait for the longest open transaction that changed the register);
statement-level on the award records (a bulk insert is one mark), row-level with a WHEN on the others.
SQLite: row triggers increment one row (SQLite has one writer at a time)."""

from django.db import migrations, models

WATCHED = [  # (table, the change that matters, for row-level triggers; None: every write)
    ("awards_awardrecord", None),
    ("people_person", "OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.gender IS DISTINCT FROM NEW.gender OR "
                      "OLD.ethnicity IS DISTINCT FROM NEW.ethnicity OR "
                      "OLD.statistical_group IS DISTINCT FROM NEW.statistical_group"),
    ("people_household", "OLD.unit_id IS DISTINCT FROM NEW.unit_id"),
    ("orgs_unit", "OLD.is_remote IS DISTINCT FROM NEW.is_remote OR OLD.is_border IS DISTINCT FROM NEW.is_border OR "
                  "OLD.is_especially_difficult IS DISTINCT FROM NEW.is_especially_difficult OR "
                  "OLD.is_ethnic_minority_area IS DISTINCT FROM NEW.is_ethnic_minority_area"),
    ("awards_awardtype", "OLD.name IS DISTINCT FROM NEW.name OR OLD.level IS DISTINCT FROM NEW.level"),
]

PG_FUNCTION = """CREATE OR REPLACE FUNCTION reports_register_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO reports_registerchange (serial) VALUES (1);
    RETURN NULL;
END $$"""

SQLITE_BODY = ("BEGIN INSERT OR IGNORE INTO reports_registerchange (id, serial) VALUES (1, 0); "
               "UPDATE reports_registerchange SET serial = serial + 1 WHERE id = 1; END")


def _postgresql(table: str, when: str | None) -> list[str]:
    name = f"{table}_register_changed"
    if when is None:
        return [f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION reports_register_changed()"]
    return [f"CREATE TRIGGER {name} AFTER UPDATE ON {table} FOR EACH ROW WHEN ({when}) "
            "EXECUTE FUNCTION reports_register_changed()"]


def _sqlite(table: str, when: str | None) -> list[str]:
    """Row triggers. A later migration that makes SQLite rebuild one of these tables drops its triggers: the
    test tests/reports/dash/test_stored_figures.py checks that they are all there after every migration."""
    if when is None:
        return [f"CREATE TRIGGER {table}_register_changed_{event.lower()} AFTER {event} ON {table} {SQLITE_BODY}"
                for event in ("INSERT", "UPDATE", "DELETE")]
    when = when.replace(" IS DISTINCT FROM ", " IS NOT ")  # SQLite's null-safe comparison
    return [f"CREATE TRIGGER {table}_register_changed_update AFTER UPDATE ON {table} WHEN {when} {SQLITE_BODY}"]


def create(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(PG_FUNCTION)
    for table, when in WATCHED:
        for statement in (_postgresql if postgresql else _sqlite)(table, when):
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for table, when in WATCHED:
        if postgresql:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_register_changed ON {table}")
        else:
            events = ("insert", "update", "delete") if when is None else ("update",)
            for event in events:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_register_changed_{event}")
    if postgresql:
        schema_editor.execute("DROP FUNCTION IF EXISTS reports_register_changed()")


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_history_search_indexes'),
        ('awards', '0009_award_record_statistics'),
        ('people', '0006_person_statistical_group'),
        ('orgs', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='RegisterChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('serial', models.BigIntegerField(default=1)),
            ],
            options={
                'verbose_name': 'register change',
                'verbose_name_plural': 'register changes',
            },
        ),
        migrations.CreateModel(
            name='StoredFigures',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=100, unique=True)),
                ('version', models.CharField(max_length=100)),
                ('data', models.JSONField()),
                ('computed_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'stored figures',
                'verbose_name_plural': 'stored figures',
            },
        ),
        migrations.RunPython(create, drop),
    ]
