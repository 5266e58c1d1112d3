"""Starting, running and sweeping background jobs. The kinds are in tdkt.jobs.registry.

start_job (in the request: a row, enqueued when the transaction commits) → run_job (in the worker:
claim, run, store the result, notify) → sweep_jobs (in the worker, every minute: time limits and jobs
whose worker died)."""

import logging
import threading
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tdkt.jobs import registry
from tdkt.jobs.enums import JobState
from tdkt.jobs.models import Job
from tdkt.jobs.progress import JobTimeLimitExceeded, Progress, time_limit_message
from tdkt.notifications.services import notify

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
HEARTBEAT_SECONDS = 60
# The sweep leaves a job this long past its time limit, so that the job stops itself first (Progress.advance
# raises inside the job's transaction, which rolls back).
TIME_LIMIT_GRACE = timedelta(seconds=2 * HEARTBEAT_SECONDS)


def stale_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "JOBS_STALE_AFTER", 600))


def start_job(kind: str, *, by, params: dict, title: str | None = None) -> Job:
    """Create the job row and enqueue it when the current transaction commits. PermissionDenied when
    `by` may not run this kind of job with these parameters."""
    spec = registry.get(kind)
    if not spec.can_access(by, params):
        raise PermissionDenied
    job = Job.objects.create(kind=kind, title=str(title or spec.title)[:300], created_by=by, params=params)
    transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(job_id: int) -> None:
    run_job_task.enqueue(job_id)


def claim_job(job_id: int) -> Job | None:
    """Take a queued job for this worker: one conditional UPDATE, so of two workers exactly one gets it."""
    now = timezone.now()
    taken = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1,
        progress_done=0, error="")
    return Job.objects.select_related("created_by").get(pk=job_id) if taken else None


class _Heartbeat(threading.Thread):
    """While a job runs in the worker, its row shows a sign of life every HEARTBEAT_SECONDS, written on the
    thread's own connection (so even inside the job's long transaction). A dead worker stops it."""

    def __init__(self, job: Job):
        super().__init__(name=f"job-{job.pk}-heartbeat", daemon=True)
        self.job = job
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                try:
                    Job.objects.filter(pk=self.job.pk, state=JobState.RUNNING, attempts=self.job.attempts).update(
                        heartbeat_at=timezone.now())
                except DatabaseError:  # SQLite busy with the job's own transaction: the next beat will do
                    logger.warning("job %s: heartbeat not written", self.job.pk, exc_info=True)
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=5)


def run_job(job_id: int, *, heartbeat: bool = False) -> Job | None:
    """Run one job by id (the worker's task calls this, with `heartbeat`). Returns the job as it ended,
    None when it was gone or not queued (another worker has it)."""
    job = claim_job(job_id)
    if job is None:
        logger.info("job %s is not queued any more; nothing to do", job_id)
        return None
    beat = _Heartbeat(job) if heartbeat else None
    if beat:
        beat.start()
    try:
        return run_claimed(job)
    finally:
        if beat:
            beat.stop()


@task
def run_job_task(job_id: int) -> None:
    """The worker's task: runs any job by id."""
    run_job(job_id, heartbeat=True)


def run_claimed(job: Job) -> Job:
    """Run a job this worker has claimed (claim_job) to its end: succeeded, failed or re-queued."""
    with translation.override(settings.LANGUAGE_CODE):
        spec = registry.find(job.kind)
        if spec is None:
            logger.error("job %s: no kind %r is registered", job.pk, job.kind)
            return _finish_failed(job, _("This kind of job is no longer available."))
        progress = Progress(job, time_limit=spec.time_limit)
        try:
            spec.run(job, progress)
        except JobTimeLimitExceeded as exc:
            return _finish_failed(job, " ".join(exc.messages))
        except ValidationError as exc:
            return _finish_failed(job, " ".join(exc.messages))
        except Exception:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            if spec.retry_safe and job.attempts < MAX_ATTEMPTS and _requeue(job):
                return Job.objects.get(pk=job.pk)
            return _finish_failed(job, _("The job failed because of an unexpected error. Please try again later "
                                         "or contact the administrator."))
        else:
            return _finish_succeeded(job, progress)
        finally:
            progress.cleanup()


def _still_mine(job: Job):
    return Job.objects.filter(pk=job.pk, state=JobState.RUNNING, attempts=job.attempts)


def _finish_succeeded(job: Job, progress: Progress) -> Job:
    stored = ""
    if progress.result is not None and progress.result.exists():
        with progress.result.open("rb") as handle:
            stored = job.result_file.storage.save(job.result_file.field.generate_filename(job, progress.result.name),
                                                  File(handle))
    now = timezone.now()
    done = max(progress.done, progress.total)
    changed = _still_mine(job).update(
        state=JobState.SUCCEEDED, finished_at=now, heartbeat_at=now, result_file=stored,
        result_name=progress.result.name if stored else "", result_link=progress.link,
        progress_done=done, progress_total=max(progress.total, done))
    if not changed:  # the sweep took it for dead meanwhile: its verdict stands
        if stored:
            job.result_file.storage.delete(stored)
        return Job.objects.get(pk=job.pk)
    job.refresh_from_db()
    _notify(job)
    return job


def _finish_failed(job: Job, message: str) -> Job:
    now = timezone.now()
    if _still_mine(job).update(state=JobState.FAILED, finished_at=now, heartbeat_at=now, error=message):
        job.refresh_from_db()
        _notify(job)
        return job
    return Job.objects.get(pk=job.pk)


_ANY = object()


def _requeue(job: Job, heartbeat_at=_ANY) -> bool:
    """Put a running job back in the queue, conditional on the attempt (and, for the sweep, on the sign of
    life it saw); enqueued on commit."""
    running = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, attempts=job.attempts)
    if heartbeat_at is not _ANY:
        running = running.filter(heartbeat_at=heartbeat_at)
    changed = running.update(state=JobState.QUEUED, heartbeat_at=None)
    if changed:
        transaction.on_commit(lambda: enqueue(job.pk))
    return bool(changed)


def _notify(job: Job) -> None:
    if job.state == JobState.SUCCEEDED:
        text = _("Finished: %(title)s.") % {"title": job.title}
    else:
        text = _("Failed: %(title)s. %(error)s") % {"title": job.title, "error": job.error}
    notify([job.created_by_id], text=text[:1000], url=reverse("jobs:detail", args=[job.pk]), key=f"job:{job.pk}")


def sweep_jobs(now=None) -> dict:
    """Time limits and dead workers: a running job past its kind's time limit is marked failed; a running
    job without a sign of life for JOBS_STALE_AFTER is re-queued when retry-safe (bounded attempts), else
    marked failed. Every change is conditional on the state read, so a job that moves on meanwhile is left."""
    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0}
    stale_before = now - stale_after()
    with translation.override(settings.LANGUAGE_CODE):
        for job in Job.objects.filter(state=JobState.RUNNING).select_related("created_by"):
            spec = registry.find(job.kind)
            limit = spec.time_limit if spec else registry.DEFAULT_TIME_LIMIT
            condition = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, attempts=job.attempts,
                                           heartbeat_at=job.heartbeat_at)
            if job.started_at and job.started_at < now - timedelta(seconds=limit) - TIME_LIMIT_GRACE:
                message = time_limit_message(limit)
            elif job.heartbeat_at is None or job.heartbeat_at < stale_before:
                if spec and spec.retry_safe and job.attempts < MAX_ATTEMPTS:
                    if _requeue(job, job.heartbeat_at):
                        counts["requeued"] += 1
                    continue
                message = _("The worker running this job stopped before it finished; nothing was changed. "
                            "Please start it again.")
            else:
                continue
            if condition.update(state=JobState.FAILED, finished_at=now, error=message):
                job.state, job.error = JobState.FAILED, message
                _notify(job)
                counts["failed"] += 1
    return counts


def result_filename(job: Job) -> str:
    return job.result_name or Path(job.result_file.name).name
