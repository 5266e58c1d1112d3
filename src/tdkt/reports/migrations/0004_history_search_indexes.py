"""Indexes of the award history search (tdkt.reports.search), created by plain CREATE INDEX: on SQLite an index
declared on awards_awardrecord's model would be added the same way, but keeping it here leaves the awards app's
migrations alone; either way the table (which carries triggers: signed records are immutable) is not rebuilt.

- awards_awardrecord (decision_issuer): the distinct issuing authorities are read by a skip scan of it
  (tdkt.reports.search.filters.distinct_issuers), a few hundred index probes instead of a million rows.
- awards_awardrecord (decision_date DESC NULLS LAST, id) (PostgreSQL): the page's order, newest decision first
  and undated records last, walked in order and stopped at the page's end. PostgreSQL reads an ascending index
  backwards as DESC NULLS FIRST only; SQLite, whose NULLs sort first, reads award_record_decided backwards in
  exactly this order.
- people_household name_folded trigram (PostgreSQL): a household head's name typed in the search, as
  people_person's (people 0002)."""

from django.db import migrations

ISSUER = "CREATE INDEX IF NOT EXISTS award_record_issuer ON awards_awardrecord (decision_issuer)"
DECIDED_DESC = ("CREATE INDEX IF NOT EXISTS award_record_decided_desc "
                "ON awards_awardrecord (decision_date DESC NULLS LAST, id)")
HOUSEHOLD_TRGM = ("CREATE INDEX IF NOT EXISTS people_household_name_folded_trgm "
                  "ON people_household USING gin (name_folded gin_trgm_ops)")


def create(apps, schema_editor):
    schema_editor.execute(ISSUER)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DECIDED_DESC)
        schema_editor.execute(HOUSEHOLD_TRGM)


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS award_record_issuer")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS award_record_decided_desc")
        schema_editor.execute("DROP INDEX IF EXISTS people_household_name_folded_trgm")


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_equity_target"), ("awards", "0009_award_record_statistics"),
                    ("core", "0001_postgres_extensions")]
    operations = [migrations.RunPython(create, drop)]
