"""Workflow vocabulary (issue 11): PlanTask.status → state, TaskStatusChange → TaskStateChange (a
tdkt.workflow StateChange: from_state/to_state, extra). Renames only: every row is kept."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="plantask", name="plan_task_completed_on_iff_done"),
        migrations.RemoveIndex(model_name="plantask", name="plan_task_due_idx"),
        migrations.RenameField(model_name="plantask", old_name="status", new_name="state"),
        migrations.AddIndex(
            model_name="plantask",
            index=models.Index(fields=["state", "due_date"], name="plan_task_due_idx"),
        ),
        migrations.AddConstraint(
            model_name="plantask",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("completed_on__isnull", False), ("state", "done")),
                                   models.Q(models.Q(("state", "done"), _negated=True), ("completed_on__isnull", True)),
                                   _connector="OR"),
                name="plan_task_completed_on_iff_done"),
        ),
        migrations.RenameModel(old_name="TaskStatusChange", new_name="TaskStateChange"),
        migrations.RenameField(model_name="taskstatechange", old_name="from_status", new_name="from_state"),
        migrations.RenameField(model_name="taskstatechange", old_name="to_status", new_name="to_state"),
        migrations.AddField(
            model_name='taskstatechange',
            name='extra',
            field=models.JSONField(blank=True, default=dict, verbose_name='details'),
        ),
        migrations.AlterField(
            model_name='taskstatechange',
            name='at',
            field=models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='at'),
        ),
        migrations.AlterField(
            model_name='taskstatechange',
            name='from_state',
            field=models.CharField(blank=True, choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('done', 'Done'), ('overdue', 'Overdue'), ('cancelled', 'Cancelled')], max_length=32, verbose_name='from status'),
        ),
        migrations.AlterField(
            model_name='taskstatechange',
            name='task',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='state_changes', to='plans.plantask'),
        ),
        migrations.AlterField(
            model_name='taskstatechange',
            name='to_state',
            field=models.CharField(blank=True, choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('done', 'Done'), ('overdue', 'Overdue'), ('cancelled', 'Cancelled')], max_length=32, verbose_name='to status'),
        ),
    ]
