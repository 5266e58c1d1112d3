"""A call for dossiers may be the award round of a movement's review (tdkt.movements.reviews)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0009_basis_resistance'),
        ('movements', '0005_movement_scope'),
    ]

    operations = [
        migrations.AddField(
            model_name='dossiercall',
            name='movement',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='calls', to='movements.movement', verbose_name='movement'),
        ),
    ]
