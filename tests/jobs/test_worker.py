"""The production path: jobs and the daily sweeps through the django-tasks-db queue and `run_worker`.

These tests switch TASKS to the database backend (the rest of the suite runs tasks inline) and run the
worker in-process with --batch: it does its periodic duties once, runs every ready task, and exits."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tdkt.jobs import schedule, services
from tdkt.jobs.enums import JobState
from tdkt.jobs.models import Job, ScheduledRun
from tests.factories import make_user
from tests.jobs import support

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_queue(settings):
    settings.TASKS = DB_TASKS
    settings.JOBS_SWEEP_TIME = "00:00"  # whatever the hour the test runs at, today's sweeps are due


def statuses(task_name):
    return sorted(DBTaskResult.objects.filter(task_path__endswith=task_name).values_list("status", flat=True))


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_job_from_the_database_queue(db_queue):
    user = make_user("vanthu.a")
    job = services.start_job("tests.report", by=user, params={"rows": 2})  # autocommit: enqueued at once
    assert (Job.objects.get(pk=job.pk).state, statuses("run_job_task"), support.CALLS) == (
        JobState.QUEUED, ["READY"], [])
    call_command("run_worker", "--batch", "--no-schedule")
    job.refresh_from_db()
    assert (job.state, job.progress_done, job.result_name, support.CALLS) == (
        JobState.SUCCEEDED, 2, "bao-cao.csv", [job.pk])
    assert statuses("run_job_task") == ["SUCCESSFUL"]
    call_command("run_worker", "--batch", "--no-schedule")  # nothing left: the job is not run twice
    assert [job.pk] == support.CALLS


@pytest.mark.django_db(transaction=True)
def test_the_worker_enqueues_and_runs_each_daily_sweep_once_a_day(db_queue):
    call_command("run_worker", "--batch")
    call_command("run_worker", "--batch")  # a second worker (or the same one later that day)
    today = timezone.localdate()
    assert sorted(ScheduledRun.objects.filter(day=today).values_list("name", flat=True)) == sorted(schedule.SWEEPS)
    assert statuses("run_sweep_task") == ["SUCCESSFUL"] * len(schedule.SWEEPS)
    assert sorted(r.args_kwargs["args"][0] for r in DBTaskResult.objects.filter(
        task_path__endswith="run_sweep_task")) == sorted(schedule.SWEEPS)


@pytest.mark.django_db(transaction=True)
def test_the_worker_sweeps_dead_jobs(db_queue):
    user = make_user("vanthu.a")
    now = timezone.now()
    job = Job.objects.create(kind="tests.report", title="x", created_by=user, state=JobState.RUNNING, attempts=1,
                             started_at=now - datetime.timedelta(minutes=12),
                             heartbeat_at=now - datetime.timedelta(minutes=11))
    call_command("run_worker", "--batch")  # sweep: re-queued; then the queue: run again
    job.refresh_from_db()
    assert (job.state, job.attempts, support.CALLS) == (JobState.SUCCEEDED, 2, [job.pk])


@pytest.mark.django_db
def test_the_worker_refuses_to_start_without_the_database_backend():
    with pytest.raises(CommandError, match="not django_tasks_db.DatabaseBackend"):
        call_command("run_worker", "--batch")


@pytest.mark.django_db
def test_no_sweep_is_enqueued_before_the_sweep_time(settings):
    settings.JOBS_SWEEP_TIME = "07:15"
    early = timezone.make_aware(datetime.datetime(2026, 12, 2, 7, 14))
    assert schedule.enqueue_due_sweeps(early) == []
    assert ScheduledRun.objects.count() == 0


@pytest.mark.django_db
def test_each_sweep_is_enqueued_once_a_day_even_with_two_workers(db_queue, settings):
    settings.JOBS_SWEEP_TIME = "07:15"
    morning = timezone.make_aware(datetime.datetime(2026, 12, 2, 7, 15))
    # Another worker already enqueued one sweep today: the unique (sweep, day) row makes this one skip it.
    ScheduledRun.objects.create(name="send_reminders", day=datetime.date(2026, 12, 2))
    assert schedule.enqueue_due_sweeps(morning) == [name for name in schedule.SWEEPS if name != "send_reminders"]
    assert schedule.enqueue_due_sweeps(morning + datetime.timedelta(hours=3)) == []
    assert statuses("run_sweep_task") == ["READY"] * (len(schedule.SWEEPS) - 1)
    next_day = morning + datetime.timedelta(days=1)
    assert schedule.enqueue_due_sweeps(next_day) == list(schedule.SWEEPS)
    assert ScheduledRun.objects.count() == 2 * len(schedule.SWEEPS)


@pytest.mark.django_db
def test_the_sweep_commands_stay_idempotent_by_hand():
    for name in schedule.SWEEPS:
        call_command(name)
        call_command(name)


def test_the_sweep_task_runs_only_scheduled_commands():
    with pytest.raises(ValueError, match="'flush' is not a scheduled sweep"):
        schedule.run_sweep_task.call("flush")
