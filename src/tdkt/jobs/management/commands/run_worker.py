"""`manage.py run_worker`: the background worker. It runs the tasks and jobs of the database queue
(django-tasks-db; several workers on several machines share it, each task is taken by exactly one), and
about once a minute it sweeps jobs past their time limit or left by a dead worker and enqueues the daily
sweeps that are due (tdkt.jobs.schedule). Stops cleanly on SIGINT/SIGTERM after the current task."""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from tdkt.jobs.schedule import enqueue_due_sweeps
from tdkt.jobs.services import sweep_jobs
from tdkt.notifications.outbox import deliver_due

logger = logging.getLogger("tdkt.jobs.worker")

TICK_SECONDS = 60


def tick() -> None:
    """The worker's periodic duties; errors are logged, never fatal to the worker. Apps above this one add
    theirs by name in settings.WORKER_DUTIES (this app may not import them)."""
    extra = tuple(import_string(name) for name in getattr(settings, "WORKER_DUTIES", ()))
    for duty in (sweep_jobs, enqueue_due_sweeps, deliver_due, *extra):  # deliver_due: e-mails to retry
        try:
            duty()
        except Exception:
            logger.exception("worker duty %s failed", duty.__name__)
    close_old_connections()


class Command(BaseCommand):
    help = "Run the background worker: queued tasks and jobs, job sweeps and the daily sweeps."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0,
                            help="seconds to wait when the queue is empty (default 1)")
        parser.add_argument("--batch", action="store_true",
                            help="do the periodic duties once, run every task ready now, then exit")
        parser.add_argument("--worker-id", default="", help="unique id of this worker (default: random)")
        parser.add_argument("--no-schedule", action="store_true",
                            help="do not sweep jobs nor enqueue the daily sweeps (another worker does)")

    def handle(self, *, interval, batch, worker_id, no_schedule, verbosity, **options):
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            raise CommandError("TASKS 'default' is not django_tasks_db.DatabaseBackend: tasks run where they are "
                               "enqueued and there is nothing for a worker to do (unset TASKS_BACKEND).")
        if verbosity < 2:  # the library logs each batch pass at INFO
            logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
        worker = Worker(queue_names=["*"], interval=0, batch=True, backend_name=DEFAULT_TASK_BACKEND_ALIAS,
                        startup_delay=False, max_tasks=None, worker_id=(worker_id or get_random_string(32))[:64],
                        excluded_queue_names=[])
        if not batch:
            worker.configure_signals()
            self.stdout.write(f"Worker {worker.worker_id} started (Ctrl+C stops it).")
        last_tick = None
        while worker.running:
            if not no_schedule and (last_tick is None or time.monotonic() - last_tick >= TICK_SECONDS):
                tick()
                last_tick = time.monotonic()
            worker.run()  # every task ready now, then back here
            if batch:
                return
            time.sleep(interval)
