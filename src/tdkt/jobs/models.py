import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.jobs.enums import ACTIVE_STATES, JobState


def result_upload_to(instance, filename: str) -> str:
    # A random folder: the name is never guessable, and MEDIA_ROOT is never served directly anyway.
    return f"jobs/{timezone.now():%Y/%m}/{uuid.uuid4().hex}/{filename}"


class Job(models.Model):
    """One piece of background work started by a user (tdkt.jobs.services.start_job), run by the worker.

    The row is the truth shown to the user: state, progress, result file or link, failure message."""

    kind = models.CharField(_("kind"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.CASCADE,
                                   related_name="jobs")
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    result_file = models.FileField(_("result file"), upload_to=result_upload_to, max_length=500, blank=True)
    result_name = models.CharField(_("result file name"), max_length=255, blank=True)
    result_link = models.CharField(_("result link"), max_length=500, blank=True)
    error = models.TextField(_("failure message"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["created_by", "-created_at"], name="job_user_newest"),
            models.Index(fields=["state", "heartbeat_at"], name="job_state_heartbeat"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)


class ScheduledRun(models.Model):
    """One daily sweep enqueued for one day: the unique constraint lets only one of several workers enqueue it."""

    name = models.CharField(_("sweep"), max_length=100)
    day = models.DateField(_("day"))
    enqueued_at = models.DateTimeField(_("enqueued at"), default=timezone.now)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="scheduled_run_once_a_day")]

    def __str__(self):
        return f"{self.name} {self.day:%d/%m/%Y}"


class ImportCommit(models.Model):
    """One committed import, found by its idempotency key (tdkt.jobs.idempotency).

    Written in the import's own transaction, so it exists exactly when the import does: a retried commit
    (a lost response, a double submit, the browser's back button) finds it and shows its result instead of
    importing again. The unique key decides between two commits racing."""

    key = models.UUIDField(_("idempotency key"), unique=True)
    kind = models.CharField(_("kind"), max_length=100)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("imported at"), default=timezone.now)
    result_url = models.CharField(_("result page"), max_length=500)
    summary = models.CharField(_("result"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("committed import")
        verbose_name_plural = _("committed imports")

    def __str__(self):
        return f"{self.kind} {self.key}"
