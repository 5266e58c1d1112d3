from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Trigram index: makes "contains" search on the folded name fast on millions of rows.
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS people_person_name_folded_trgm "
            "ON people_person USING gin (name_folded gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS people_person_name_folded_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial"), ("core", "0001_postgres_extensions")]
    operations = [migrations.RunPython(create, drop)]
