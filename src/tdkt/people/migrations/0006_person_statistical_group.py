# The statistical person group (tdkt.people.groups). SQLite rebuilds the table to add a foreign key, which
# drops the raw live-name indexes of 0005: they are made again (IF NOT EXISTS: a no-op on PostgreSQL).

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def recreate_live_indexes(apps, schema_editor):
    live = importlib.import_module("tdkt.people.migrations.0005_live_name_indexes")
    live.create(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0005_live_name_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='group_confirmed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='group confirmed at'),
        ),
        migrations.AddField(
            model_name='person',
            name='group_confirmed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='group confirmed by'),
        ),
        migrations.AddField(
            model_name='person',
            name='statistical_group',
            field=models.CharField(blank=True, choices=[('province_leader', 'Leader of ministry or province rank and above'), ('department_leader', 'Leader of department rank'), ('business', 'Business person'), ('manager', 'Other manager, deputy head of division and above'), ('direct_worker', 'Person who works directly')], max_length=20, verbose_name='statistical group'),
        ),
        migrations.RunPython(recreate_live_indexes, migrations.RunPython.noop),
    ]
