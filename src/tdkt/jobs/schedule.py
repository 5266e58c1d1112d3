"""The daily sweeps, scheduled by the worker instead of cron.

Each worker calls `enqueue_due_sweeps()` about once a minute. From JOBS_SWEEP_TIME (default 07:15, local
time Asia/Ho_Chi_Minh) each sweep of SWEEPS is enqueued once that day: a ScheduledRun row per (sweep, day)
with a unique constraint is written in the same transaction as the task, so of several workers exactly one
enqueues it, and a worker started later in the day catches up. The commands themselves are idempotent
and can still be run by hand. `run_sweep_task` is the worker's task for one sweep."""

import datetime
import logging

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone

from tdkt.jobs.models import ScheduledRun

logger = logging.getLogger(__name__)

SWEEPS = (
    "send_reminders",
    "send_dossier_reminders",
    "flag_overdue_consultations",
    "close_public_notices",
    "send_movement_reminders",
    "refresh_verdicts",
    "adopt_initiatives",  # initiatives recorded per person (history import, person page) enter the register
    "send_inspection_reminders",
)


@task
def run_sweep_task(command: str) -> None:
    """The worker's task for one daily sweep command."""
    if command not in SWEEPS:  # only the scheduled commands, whatever the queue holds
        raise ValueError(f"{command!r} is not a scheduled sweep")
    call_command(command)


def sweep_time() -> datetime.time:
    return datetime.time.fromisoformat(getattr(settings, "JOBS_SWEEP_TIME", "07:15"))


def enqueue_due_sweeps(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue the sweeps due today and not enqueued yet; returns their names."""
    local = timezone.localtime(now or timezone.now())
    if local.time() < sweep_time():
        return []
    day = local.date()
    done = set(ScheduledRun.objects.filter(day=day, name__in=SWEEPS).values_list("name", flat=True))
    enqueued = []
    for name in SWEEPS:
        if name in done:
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=name, day=day)
                run_sweep_task.enqueue(name)
        except IntegrityError:  # another worker was first
            continue
        logger.info("enqueued the daily sweep %s for %s", name, day)
        enqueued.append(name)
    return enqueued
