"""Indexes of the register's search (bench/bench_initiatives.py: 50,000 works, ≤ 150 ms):

- (created_at DESC, id DESC): the list's order read from an index; without it every page sorted the register.
- trigram GIN on search_text (PostgreSQL; plain CREATE INDEX like reports 0006): the text is already folded
  (no diacritics, lower case: tdkt.lib.vntext.fold, the same fold as the typed words), so each word's
  LIKE '%word%' is answered from the index instead of reading every row."""

from django.db import migrations, models

TRIGRAM = "initiative_work_search_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TRIGRAM} ON initiatives_work "
                              "USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM}")


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0003_claim_used_for'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='work',
            index=models.Index(fields=['-created_at', '-id'], name='initiative_work_newest'),
        ),
        migrations.RunPython(create, drop),
    ]
