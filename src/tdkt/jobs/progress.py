"""What a running job reports through: progress counts (throttled writes), its result file or link."""

import shutil
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.jobs.enums import JobState
from tdkt.jobs.models import Job

MIN_WRITE_INTERVAL_S = 0.5


class JobTimeLimitExceeded(ValidationError):
    """Raised by Progress.advance once the job has run longer than its kind's time limit."""


class Progress:
    def __init__(self, job: Job, *, time_limit: int | None = None, clock=time.monotonic):
        self.job = job
        self.done = 0
        self.total = 0
        self.link = ""
        self.time_limit = time_limit
        self._clock = clock
        self._started = clock()
        self._last_write = None
        self._written_done = 0
        self._tmpdir: Path | None = None
        self.result: Path | None = None

    # --- counts ---------------------------------------------------------------------------------
    def set_total(self, n: int) -> None:
        self.total = max(0, int(n))
        self._write(force=True)

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._check_time()
        self._write()

    def flush(self) -> None:
        self._write(force=True)

    def _check_time(self) -> None:
        if self.time_limit and self._clock() - self._started > self.time_limit:
            raise JobTimeLimitExceeded(time_limit_message(self.time_limit))

    def _write(self, force: bool = False) -> None:
        now = self._clock()
        one_percent = self.total and (self.done - self._written_done) * 100 >= self.total
        due = self._last_write is None or now - self._last_write >= MIN_WRITE_INTERVAL_S
        if not (force or due or one_percent):
            return
        self._last_write, self._written_done = now, self.done
        Job.objects.filter(pk=self.job.pk, state=JobState.RUNNING, attempts=self.job.attempts).update(
            progress_done=self.done, progress_total=self.total, heartbeat_at=timezone.now())
        self.job.progress_done, self.job.progress_total = self.done, self.total

    # --- result ---------------------------------------------------------------------------------
    def result_path(self, filename: str) -> Path:
        """A path in a private temporary folder; write the result there, it is stored when the job succeeds."""
        name = Path(filename).name
        if not name or name in {".", ".."}:
            raise ValueError("a plain file name is needed")
        if self._tmpdir is None:
            base = Path(settings.MEDIA_ROOT) / "jobs" / "tmp"
            base.mkdir(parents=True, exist_ok=True)
            self._tmpdir = Path(tempfile.mkdtemp(prefix="job-", dir=base))
        self.result = self._tmpdir / name
        return self.result

    def set_link(self, url: str) -> None:
        self.link = url[:500]

    def cleanup(self) -> None:
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None


def time_limit_message(limit: int) -> str:
    minutes = max(1, round(limit / 60))
    return _("The job ran longer than its time limit (%(minutes)s minutes) and was stopped.") % {"minutes": minutes}
