"""The kinds of background job, registered by the apps that own them: each app's `jobs` module calls
`register` at module level, and JobsConfig.ready() autodiscovers those modules.

    register("awards.import_commit", title=_("Import award history"), run=run, can_access=can_access,
             retry_safe=False, time_limit=1800)

Contract of `run(job, progress)`:
- it reads what it needs from `job.params` (ids and plain values, JSON) and re-fetches the objects;
- its own work is transactional: it applies everything or nothing (one `transaction.atomic()`, or steps
  each of which is whole and may be repeated). A worker may die halfway; the job is then re-queued (when
  `retry_safe`) or marked failed by the sweep, so a half-applied job must be impossible;
- `retry_safe=True` only when running it again from the start is harmless (it computes a file, or it is
  idempotent); such a job is retried after an unexpected error or a dead worker, at most MAX_ATTEMPTS times;
- it reports progress with `progress.set_total(n)` and `progress.advance(n=1)` (writes are throttled).
  Advancing also enforces `time_limit` (seconds): past it `advance` raises, the job's transaction rolls
  back and the job fails. A job that never advances is failed by the worker's sweep a little after its
  time limit (its late result is then discarded), so call `advance` regularly in long work;
- the worker writes a sign of life every minute while the job runs; a running job without one for
  JOBS_STALE_AFTER (10 minutes) had its worker die: the sweep re-queues it when `retry_safe`, else
  marks it failed ("nothing was changed" — true only because the work is transactional);
- a result file is written to `progress.result_path(filename)` (stored privately when the job succeeds),
  a result page is given with `progress.set_link(url)`;
- a `django.core.exceptions.ValidationError` is a refusal the user can act on: its message (Vietnamese)
  is shown as is. Any other exception shows a generic message; the traceback goes to the log.

`can_access(user, params)` says whether `user` may start the job and fetch its result; it is asked again
when the result is downloaded (a user who lost access in the meantime gets 404)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DEFAULT_TIME_LIMIT = 900


@dataclass(frozen=True)
class JobKind:
    kind: str
    title: Any  # str or lazy translation
    run: Callable
    can_access: Callable
    retry_safe: bool = False
    time_limit: int = DEFAULT_TIME_LIMIT


_KINDS: dict[str, JobKind] = {}


def register(kind: str, *, title, run: Callable, can_access: Callable, retry_safe: bool = False,
             time_limit: int = DEFAULT_TIME_LIMIT) -> None:
    """Declare a kind of job (registering the same kind again replaces it)."""
    if not kind or len(kind) > 100:
        raise ValueError("kind must be 1 to 100 characters")
    if time_limit <= 0:
        raise ValueError("time_limit must be positive")
    _KINDS[kind] = JobKind(kind, title, run, can_access, retry_safe, time_limit)


def unregister(kind: str) -> None:
    """For tests: forget a kind."""
    _KINDS.pop(kind, None)


def get(kind: str) -> JobKind:
    """The registered kind; LookupError when no app registered it."""
    try:
        return _KINDS[kind]
    except KeyError:
        raise LookupError(f"no job kind {kind!r} is registered") from None


def find(kind: str) -> JobKind | None:
    return _KINDS.get(kind)
