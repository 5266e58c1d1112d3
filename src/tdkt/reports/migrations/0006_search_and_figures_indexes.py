"""More indexes of the award history search on PostgreSQL (see 0004 for why plain CREATE INDEX):

- (year, decision_date DESC NULLS LAST, id): an achievement year's records in the page's order. Without it a
  year long past was found by walking every newer decision first (the year and the decision date go together,
  which the planner does not know).
- trigram GIN on UPPER(decision_number): part of a decision number, in any case (the search's icontains).
- (person_group) for records with a frozen group: a rare statistical group's records without a walk.

And of the dashboards (tdkt.reports.dashboards.awards): award_record_figures holds every column the equity
shares read from a record, so that a statistical year's records are counted from the index alone."""

from django.db import migrations

INDEXES = {
    "award_record_year_decided": "ON awards_awardrecord (year, decision_date DESC NULLS LAST, id)",
    "award_record_number_trgm": "ON awards_awardrecord USING gin (UPPER(decision_number) gin_trgm_ops)",
    "award_record_frozen_group": "ON awards_awardrecord (person_group) WHERE person_group <> ''",
    "award_record_figures": ("ON awards_awardrecord (decision_date) "
                             "INCLUDE (id, person_id, unit_id, household_id, basis, person_group)"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_register_changes")]
    operations = [migrations.RunPython(create, drop)]
