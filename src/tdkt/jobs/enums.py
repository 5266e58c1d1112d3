from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    """queued → running → succeeded | failed (a retry-safe job may go back from running to queued)."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)
