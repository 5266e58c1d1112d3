from django.db import migrations

# Partial indexes over live persons (merged duplicates are hidden from every list) for the people page's
# search (tdkt.people.queries.search_page): the ordered walk in (name_folded, id) reads no table row, and a
# clerk's units are read through (unit_id, name_folded, id). SQLite has no INCLUDE: naming id (its rowid)
# and unit_id as key columns does the same there.
INDEXES = {
    "postgresql": (
        "CREATE INDEX IF NOT EXISTS people_person_live_name ON people_person (name_folded, id) INCLUDE (unit_id) "
        "WHERE merged_into_id IS NULL",
        "CREATE INDEX IF NOT EXISTS people_person_live_unit_name ON people_person (unit_id, name_folded, id) "
        "WHERE merged_into_id IS NULL",
    ),
    "sqlite": (
        "CREATE INDEX IF NOT EXISTS people_person_live_name ON people_person (name_folded, id, unit_id) "
        "WHERE merged_into_id IS NULL",
        "CREATE INDEX IF NOT EXISTS people_person_live_unit_name ON people_person (unit_id, name_folded, id) "
        "WHERE merged_into_id IS NULL",
    ),
}


def create(apps, schema_editor):
    for statement in INDEXES.get(schema_editor.connection.vendor, ()):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor in INDEXES:
        schema_editor.execute("DROP INDEX IF EXISTS people_person_live_name")
        schema_editor.execute("DROP INDEX IF EXISTS people_person_live_unit_name")


class Migration(migrations.Migration):
    dependencies = [("people", "0004_person_merged_into")]
    operations = [migrations.RunPython(create, drop)]
