"""The signer's post, the tờ trình the decision cites, and the snapshot frozen at signing (issue 16).

The new columns of decisions_decision are frozen once signed like the others: PostgreSQL's trigger function
is replaced with the longer column list (the snapshot itself is written by the UPDATE that signs, while the
stored state is still "approved for signing", which the function lets through). On SQLite, adding a column
with a default rebuilds the table, which would drop its triggers (and a line trigger naming the table would
break the rebuild): the triggers of 0002 and 0006 on the two tables are dropped first and created again
after, the frozen list extended."""

import importlib

import django.db.models.deletion
from django.db import migrations, models

from tdkt.decisions.migrations import _immutable as t

FROZEN = t.FROZEN + t.FROZEN_SINCE_0008
STATE_MOVE_OK = "(NEW.state = OLD.state OR (OLD.state = 'signed' AND NEW.state = 'published'))"
# Every SQLite trigger naming decisions_decision (0002 and 0006): the table rebuild fails while one exists.
SQLITE_TABLE_TRIGGERS = ["decision_signed_immutable", "decision_line_insert_immutable",
                         "decision_line_update_immutable", "decision_published_at_frozen",
                         "decision_signed_no_delete", "decision_line_delete_immutable", "line_award_record_no_update",
                         "line_award_record_no_delete", "award_record_signed_no_update",
                         "award_record_signed_no_delete"]


def _sqlite_triggers() -> list[str]:
    m0002 = importlib.import_module("tdkt.decisions.migrations.0002_signed_decisions_immutable")
    m0006 = importlib.import_module("tdkt.decisions.migrations.0006_immutability_without_escape")
    signed = f"""CREATE TRIGGER decision_signed_immutable BEFORE UPDATE ON decisions_decision
        WHEN OLD.state IN {t.ISSUED} AND (NOT {STATE_MOVE_OK} OR {t.frozen_changed(FROZEN, 'IS NOT')})
        BEGIN SELECT RAISE(ABORT, 'a signed decision is immutable'); END"""
    return [signed] + m0002.SQLITE[1:] + m0006.SQLITE


def _postgres(schema: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION decision_refuse_change() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            IF OLD.state IN {t.ISSUED} THEN {t.raise_pg('a signed decision is immutable')} END IF;
            RETURN OLD;
          END IF;
          IF OLD.published_at IS NOT NULL AND NEW.published_at IS DISTINCT FROM OLD.published_at THEN
            {t.raise_pg('the publication time of a decision cannot change')}
          END IF;
          IF OLD.state IN {t.ISSUED} AND (NOT {STATE_MOVE_OK} OR {t.frozen_changed(FROZEN)}) THEN
            {t.raise_pg('a signed decision is immutable')}
          END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql SET search_path = "{schema}", pg_temp"""


def restore_previous_triggers(apps, schema_editor):
    """Backwards: the triggers as 0002 and 0006 left them, without the new columns."""
    connection = schema_editor.connection
    m0002 = importlib.import_module("tdkt.decisions.migrations.0002_signed_decisions_immutable")
    m0006 = importlib.import_module("tdkt.decisions.migrations.0006_immutability_without_escape")
    if connection.vendor == "sqlite":
        for sql in m0002.SQLITE + m0006.SQLITE:
            schema_editor.execute(sql)
    elif connection.vendor == "postgresql":
        schema_editor.execute(m0006.postgres(t.current_schema(connection))[0])


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in SQLITE_TABLE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def create_triggers(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for sql in _sqlite_triggers():
            schema_editor.execute(sql)
    elif connection.vendor == "postgresql":
        schema_editor.execute(_postgres(t.current_schema(connection)))


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0008_line_kind_and_payout_voucher'),
        ('orgs', '0003_issuing_authority_moved'),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, restore_previous_triggers),
        migrations.AddField(
            model_name='decision',
            name='proposal_date',
            field=models.DateField(blank=True, null=True, verbose_name='proposal (tờ trình) date'),
        ),
        migrations.AddField(
            model_name='decision',
            name='proposal_reference',
            field=models.CharField(blank=True, help_text='Number and symbol, for example 45/TTr-SNV.', max_length=64, verbose_name='proposal (tờ trình) number'),
        ),
        migrations.AddField(
            model_name='decision',
            name='signer_post',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='orgs.signerpost', verbose_name="signer's post"),
        ),
        migrations.AddField(
            model_name='decision',
            name='snapshot',
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name='snapshot at signing'),
        ),
        migrations.AddField(
            model_name='decisionline',
            name='snapshot',
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name='snapshot at signing'),
        ),
        migrations.RunPython(create_triggers, drop_sqlite_triggers),
    ]
