"""Unit-plan requirements counted in working days from an issue date their plan did not have were left
without a deadline. They now count from the day they were made (recorded in counted_from, so the page warns
that the deadline does not come from an issue date); the plan's issue date wins where it has one since."""

from django.db import migrations, models
from django.utils import timezone

from tdkt.lib.workdays import add_working_days


def fill_missing_deadlines(apps, schema_editor):
    Requirement = apps.get_model("plans", "UnitPlanRequirement")
    rows = Requirement.objects.filter(deadline__isnull=True, deadline_kind="working_days", working_days__gt=0)
    for requirement in rows.select_related("plan").iterator():
        if requirement.plan.issued_on:
            requirement.deadline = add_working_days(requirement.plan.issued_on, requirement.working_days)
        else:
            requirement.counted_from = timezone.localdate(requirement.created_at)
            requirement.deadline = add_working_days(requirement.counted_from, requirement.working_days)
        requirement.save(update_fields=["deadline", "counted_from"])


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0003_draft_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="unitplanrequirement",
            name="counted_from",
            field=models.DateField(blank=True, null=True, verbose_name="working days counted from"),
        ),
        migrations.RunPython(fill_missing_deadlines, migrations.RunPython.noop),
    ]
