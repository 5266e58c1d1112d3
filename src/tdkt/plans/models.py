"""Annual TĐKT plans (kế hoạch công tác thi đua, khen thưởng), their tasks, and following them up.

Plan → PlanTask (period, due dates, state, kind) → PlanTaskUnit (lead / coordinating units as written
and as matched to the registry), TaskUpdate (progress with evidence), TaskStateChange (history).
PlanDraft keeps an import preview between requests; UnitPlanRequirement / UnitPlanSubmission track the
units' own plans; Reminder is the log that makes the daily reminders idempotent.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.plans.enums import (
    DeadlineKind,
    DraftState,
    Period,
    Recurrence,
    ReminderKind,
    Resolution,
    SubmissionState,
    TaskKind,
    TaskState,
    UnitRole,
)
from tdkt.workflow.models import StateChange

SOURCE_EXTENSIONS = (".docx", ".pdf", ".txt", ".md", ".html", ".htm")


def _extension(filename: str, allowed=SOURCE_EXTENSIONS) -> str:
    suffix = PurePosixPath(filename.lower()).suffix
    return suffix if suffix in allowed else ".bin"


def plan_source_path(instance, filename: str) -> str:
    """Under MEDIA_ROOT/plans/sources/, named by content hash; served only through an access-checked view."""
    return f"plans/sources/{instance.source_sha256[:2]}/{instance.source_sha256}{_extension(filename)}"


class Plan(models.Model):
    """An annual TĐKT plan of the province or a unit (kế hoạch công tác thi đua, khen thưởng năm …)."""

    issuer = models.CharField(_("issuer"), max_length=255, blank=True)
    number = models.CharField(_("number"), max_length=64, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    title = models.CharField(_("plan title"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"))
    legal_bases = models.JSONField(_("legal bases"), default=list, blank=True)  # ["Căn cứ …;", …]
    # [{"heading": "I. MỤC ĐÍCH, YÊU CẦU", "part": "purpose", "paragraphs": ["…", …]}, …]
    sections = models.JSONField(_("narrative sections"), default=list, blank=True)
    import_warnings = models.JSONField(default=list, blank=True, editable=False)  # [{"line", "message"}]
    source_file = models.FileField(_("source file"), upload_to=plan_source_path, max_length=255, blank=True)
    source_name = models.CharField(_("file name"), max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    # Loaded by `seed_demo` with the demo province, and deleted with it (seed_demo --reset).
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.title


class PlanTask(models.Model):
    """One task of a plan (nhiệm vụ): what, when, by whom, and where it stands."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    period = models.CharField(_("period"), max_length=12, choices=Period.choices)
    number = models.CharField(_("number as written"), max_length=16, blank=True)
    content = models.TextField(_("content"))
    due_text = models.CharField(_("deadline as written"), max_length=255, blank=True)
    due_date = models.DateField(_("last due date"), null=True, blank=True)  # the last of due_dates
    recurrence = models.CharField(_("recurrence"), max_length=10, choices=Recurrence.choices, blank=True,
                                  default=Recurrence.NONE)
    state = models.CharField(_("status"), max_length=12, choices=TaskState.choices,
                             default=TaskState.NOT_STARTED)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=TaskKind.choices, default=TaskKind.ORDINARY)
    kind_data = models.JSONField(_("details of the kind"), default=dict, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        ordering = ["plan", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="plan_task_progress_max_100"),
            models.CheckConstraint(
                condition=(Q(state=TaskState.DONE, completed_on__isnull=False)
                           | (~Q(state=TaskState.DONE) & Q(completed_on__isnull=True))),
                name="plan_task_completed_on_iff_done",
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "period", "sort_order"], name="plan_task_board_idx"),
            models.Index(fields=["state", "due_date"], name="plan_task_due_idx"),
        ]

    def __str__(self):
        label = f"{self.number}. " if self.number else ""
        return f"{label}{self.content[:80]}"

    def is_overdue(self, today=None) -> bool:
        """Past its last due date and neither done nor cancelled (computed; the sweep stores it)."""
        today = today or timezone.localdate()
        return bool(self.due_date and self.due_date < today
                    and self.state not in (TaskState.DONE, TaskState.CANCELLED))


class TaskDueDate(models.Model):
    """One due date of a task ("Tháng 3, tháng 8/2026" gives two)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="due_dates")
    on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("due date")
        verbose_name_plural = _("due dates")
        ordering = ["on"]
        constraints = [models.UniqueConstraint(fields=["task", "on"], name="task_due_date_unique")]
        indexes = [models.Index(fields=["on"], name="task_due_date_on_idx")]

    def __str__(self):
        return f"{self.task_id}: {self.on:%d/%m/%Y}"


class PlanTaskUnit(models.Model):
    """A lead or coordinating unit of a task, as written and as matched to the registry.

    A name that matches no single unit (several candidates, a group such as "các sở, ban, ngành", or
    nothing) is kept with unit empty and flagged until a person resolves it."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="plan_tasks")
    role = models.CharField(_("role"), max_length=12, choices=UnitRole.choices)
    raw_text = models.CharField(_("as written"), max_length=255)
    resolution = models.CharField(_("match"), max_length=12, choices=Resolution.choices)
    candidates = models.JSONField(default=list, blank=True)  # [[unit id, name], …] for ambiguous names
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("task unit")
        verbose_name_plural = _("task units")
        ordering = ["task", "role", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(resolution=Resolution.RESOLVED, unit__isnull=False)
                           | (~Q(resolution=Resolution.RESOLVED) & Q(unit__isnull=True))),
                name="plan_task_unit_resolved_iff_unit",
            ),
            models.UniqueConstraint(fields=["task", "role", "unit"], condition=Q(unit__isnull=False),
                                    name="plan_task_unit_once_per_role"),
        ]
        indexes = [models.Index(fields=["unit", "task"], name="plan_task_unit_unit_idx")]

    def __str__(self):
        return str(self.unit) if self.unit_id else self.raw_text

    @property
    def label(self) -> str:
        return self.unit.name if self.unit_id else self.raw_text


class TaskStateChange(StateChange):
    """History of a task's state (tdkt.workflow): who, from, to, when, why (append-only)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(_("from status"), max_length=32, blank=True, choices=TaskState.choices)
    to_state = models.CharField(_("to status"), max_length=32, blank=True, choices=TaskState.choices)

    class Meta(StateChange.Meta):
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["task", "at", "id"]

    def __str__(self):
        return f"{self.task_id}: {self.from_state} → {self.to_state}"


def evidence_path(instance, filename: str) -> str:
    return (f"plans/evidence/{instance.task_id}/{instance.evidence_sha256}"
            f"{_extension(filename, ('.pdf', '.docx', '.xlsx', '.jpg', '.jpeg', '.png'))}")


class TaskUpdate(models.Model):
    """A progress report on a task by one of its units, with an optional evidence file."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="updates")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"))
    percent = models.PositiveSmallIntegerField(_("progress (%)"))
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, max_length=255, blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["task", "-at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(percent__lte=100), name="task_update_percent_max_100")]

    def __str__(self):
        return f"{self.task_id}: {self.percent}%"


class PlanDraft(models.Model):
    """An import preview kept between requests, so that corrections survive reloads.

    `data` is the plan as it will be saved: {"document": {…}, "legal_bases": […], "sections": […],
    "warnings": […], "tasks": [{"key", "period", "number", "content", "due": {"text", "dates",
    "recurrence"}, "kind", "line", "lead": [unit], "coordinating": [unit]}]} where a unit is
    {"text", "status", "unit_id", "unit_name", "candidates"} (tdkt.plans.drafting)."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    state = models.CharField(_("status"), max_length=10, choices=DraftState.choices, default=DraftState.OPEN)
    source_file = models.FileField(_("source file"), upload_to=plan_source_path, max_length=255)
    source_name = models.CharField(_("file name"), max_length=255)
    source_sha256 = models.CharField(max_length=64, editable=False)
    data = models.JSONField(default=dict)
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")

    class Meta:
        verbose_name = _("plan import draft")
        verbose_name_plural = _("plan import drafts")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.source_name


class PlanDraftStateChange(StateChange):
    """History of an import preview's state (tdkt.workflow): open → saved | discarded (append-only)."""

    draft = models.ForeignKey(PlanDraft, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        verbose_name = _("plan import draft state change")
        verbose_name_plural = _("plan import draft state changes")


class UnitPlanRequirement(models.Model):
    """A plan's request that units send their own plan, by a date or within N working days of issue."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="unit_plan_requirements")
    deadline_kind = models.CharField(_("deadline"), max_length=14, choices=DeadlineKind.choices)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("working days"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)  # computed when created
    # A plan without an issue date (a draft, an imported text without its date): the working days count from
    # this date, asked for by the form, and the page warns that the deadline is not counted from an issue date.
    counted_from = models.DateField(_("working days counted from"), null=True, blank=True)
    groups = models.ManyToManyField("orgs.EmulationGroup", verbose_name=_("emulation groups"), blank=True,
                                    related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unit plan requirement")
        verbose_name_plural = _("unit plan requirements")
        ordering = ["plan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(deadline_kind=DeadlineKind.FIXED_DATE, due_on__isnull=False)
                           | Q(deadline_kind=DeadlineKind.WORKING_DAYS, working_days__gt=0)),
                name="unit_plan_requirement_has_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.plan} — {self.get_deadline_kind_display()}"

    @property
    def counted_without_issue_date(self) -> bool:
        """The deadline counts working days from a date given by hand: the plan had no issue date."""
        return self.deadline_kind == DeadlineKind.WORKING_DAYS and self.counted_from is not None


def unit_plan_path(instance, filename: str) -> str:
    return (f"plans/unit-plans/{instance.requirement_id}/{instance.unit_id}-{instance.file_sha256[:16]}"
            f"{_extension(filename, ('.pdf', '.docx'))}")


class UnitPlanSubmission(models.Model):
    """One required unit's own plan: empty until the unit uploads it."""

    requirement = models.ForeignKey(UnitPlanRequirement, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("file"), upload_to=unit_plan_path, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")

    class Meta:
        verbose_name = _("unit plan")
        verbose_name_plural = _("unit plans")
        ordering = ["requirement", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["requirement", "unit"], name="unit_plan_once_per_unit")]

    def __str__(self):
        return f"{self.unit} — {self.requirement_id}"

    def state(self, today=None) -> str:
        deadline = self.requirement.deadline
        if self.submitted_at:
            sent_on = timezone.localdate(self.submitted_at)
            return SubmissionState.SENT_LATE if deadline and sent_on > deadline else SubmissionState.SENT
        today = today or timezone.localdate()
        return SubmissionState.LATE if deadline and today > deadline else SubmissionState.PENDING


class Reminder(models.Model):
    """A reminder sent (or due) to a unit: one row per task/unit plan, unit, kind and date (the key)."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(PlanTask, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders")
    submission = models.ForeignKey(UnitPlanSubmission, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="reminders")
    about_date = models.DateField(_("due date concerned"))
    sent_on = models.DateField(_("sent on"))
    recipients = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_on", "-id"]

    def __str__(self):
        return self.key
