"""A decision line's kind (award / contest prize) and the contest it names; a payout's voucher number, payer and
the kind of line it pays (award bonuses and contest prizes are posted apart, each once per decision).

On SQLite, adding a NOT NULL column rebuilds the table, which drops its triggers and trips over the triggers of
other tables that read it: every trigger naming decisions_decisionline (0002, 0006) is kept aside, dropped, and
created again unchanged after the rebuild."""

from django.conf import settings
from django.db import migrations, models

LINE_TABLE = "decisions_decisionline"
_kept: list[tuple[str, str]] = []


def keep_line_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (tbl_name = %s OR sql LIKE %s)",
                       [LINE_TABLE, f"%{LINE_TABLE}%"])
        _kept[:] = cursor.fetchall()
    for name, _sql in _kept:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def restore_line_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name, sql in _kept:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(sql)


def earlier_payouts_paid_awards(apps, schema_editor):
    apps.get_model("decisions", "RewardFundEntry").objects.filter(decision__isnull=False).update(line_kind="award")


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0007_issuing_authority_moved'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(keep_line_triggers, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='rewardfundentry',
            name='fund_entry_decision_paid_once',
        ),
        migrations.AddField(
            model_name='decisionline',
            name='contest',
            field=models.CharField(blank=True, help_text='For a contest prize: the contest, as the annex heading names it.', max_length=500, verbose_name='contest'),
        ),
        migrations.AddField(
            model_name='decisionline',
            name='kind',
            field=models.CharField(choices=[('award', 'Award'), ('contest_prize', 'Prize for high achievement in a contest')], default='award', max_length=16, verbose_name='kind of line'),
        ),
        migrations.AddField(
            model_name='rewardfundentry',
            name='line_kind',
            field=models.CharField(blank=True, choices=[('award', 'Award'), ('contest_prize', 'Prize for high achievement in a contest')], max_length=16, verbose_name='kind of line paid'),
        ),
        migrations.AddField(
            model_name='rewardfundentry',
            name='payer',
            field=models.CharField(blank=True, max_length=150, verbose_name='paid by'),
        ),
        migrations.AddField(
            model_name='rewardfundentry',
            name='voucher_number',
            field=models.CharField(blank=True, max_length=50, verbose_name='voucher number'),
        ),
        migrations.AddConstraint(
            model_name='rewardfundentry',
            constraint=models.UniqueConstraint(condition=models.Q(('decision__isnull', False)), fields=('decision', 'line_kind'), name='fund_entry_decision_paid_once'),
        ),
        migrations.RunPython(earlier_payouts_paid_awards, migrations.RunPython.noop),
        migrations.RunPython(restore_line_triggers, migrations.RunPython.noop),
    ]
