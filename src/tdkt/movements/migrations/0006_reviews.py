"""Reviews (sơ kết / tổng kết) become award rounds: the MovementReview table, and every review milestone recorded
so far becomes a review with its own call for dossiers (kind "movement review", tied to the movement; open while
its date has not passed), linked to the milestone, which stays (reminders and the yearly figures count it)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

REVIEW_KINDS = {"midterm_review": "Sơ kết phong trào", "final_review": "Tổng kết phong trào"}


def milestones_to_reviews(apps, schema_editor):
    Milestone = apps.get_model("movements", "Milestone")
    Review = apps.get_model("movements", "MovementReview")
    Call = apps.get_model("dossiers", "DossierCall")
    today = timezone.localdate()
    for milestone in (Milestone.objects.filter(kind__in=list(REVIEW_KINDS)).select_related("movement")
                      .order_by("id").iterator()):
        movement = milestone.movement
        period_from = min(movement.start_date, milestone.on)
        period_to = max(period_from, min(milestone.on, movement.end_date or milestone.on))
        call = Call.objects.create(name=f"{REVIEW_KINDS[milestone.kind]} {movement.name}"[:255],
                                   year=milestone.on.year, kind="movement_review", cut_off=milestone.on,
                                   note=milestone.note, is_open=milestone.on >= today, movement=movement)
        Review.objects.create(movement=movement, kind=milestone.kind, held_on=milestone.on, period_from=period_from,
                              period_to=period_to, call=call, milestone=milestone, note=milestone.note)


def reviews_to_milestones(apps, schema_editor):
    """Backwards: the milestones are still there; the rounds made from them go with their reviews."""
    Review = apps.get_model("movements", "MovementReview")
    Call = apps.get_model("dossiers", "DossierCall")
    call_ids = list(Review.objects.values_list("call_id", flat=True))
    Review.objects.all().delete()
    Call.objects.filter(pk__in=call_ids, dossiers__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0010_call_movement'),
        ('movements', '0005_movement_scope'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='MovementReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('midterm_review', 'Mid-term review'), ('final_review', 'Final review')], max_length=16, verbose_name='kind')),
                ('held_on', models.DateField(verbose_name='review date')),
                ('period_from', models.DateField(verbose_name='period reviewed from')),
                ('period_to', models.DateField(verbose_name='period reviewed to')),
                ('note', models.CharField(blank=True, max_length=500, verbose_name='note')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('call', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='movement_review', to='dossiers.dossiercall', verbose_name='award round')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('milestone', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='review', to='movements.milestone')),
                ('movement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='movements.movement')),
            ],
            options={
                'verbose_name': 'movement review',
                'verbose_name_plural': 'movement reviews',
                'ordering': ['movement', 'held_on', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('period_to__gte', models.F('period_from'))), name='movement_review_period_in_order')],
            },
        ),
        migrations.RunPython(milestones_to_reviews, reviews_to_milestones),
    ]
