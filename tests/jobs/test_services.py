"""The job primitive: start → claim → run → result, failures, progress, retries, the sweeps, notifications."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tdkt.jobs import services
from tdkt.jobs.enums import JobState
from tdkt.jobs.models import Job
from tdkt.jobs.progress import JobTimeLimitExceeded, Progress
from tdkt.notifications.models import Notification
from tests.jobs import support

pytestmark = pytest.mark.django_db


def start_and_run(kind, user, capture, params=None, **kwargs):
    with capture(execute=True):
        job = services.start_job(kind, by=user, params=params or {}, **kwargs)
    job.refresh_from_db()
    return job


def test_a_job_succeeds_with_its_result_file_progress_and_a_notification(
        world, django_capture_on_commit_callbacks):
    clerk = world.users["clerk_a"]
    job = start_and_run("tests.report", clerk, django_capture_on_commit_callbacks, {"rows": 3},
                        title="Báo cáo quý IV")
    assert (job.state, job.title, job.attempts, job.error) == (JobState.SUCCEEDED, "Báo cáo quý IV", 1, "")
    assert (job.progress_done, job.progress_total, job.percent) == (3, 3, 100)
    assert job.result_name == "bao-cao.csv"
    assert job.result_file.name.startswith("jobs/") and job.result_file.name.endswith("/bao-cao.csv")
    with job.result_file.open("rb") as handle:
        assert handle.read().decode() == "1;Nguyễn Văn An\n2;Nguyễn Văn An\n3;Nguyễn Văn An\n"
    assert job.started_at <= job.finished_at
    assert list(Notification.objects.filter(user=clerk).values_list("text", "url", "key")) == [
        ("Đã xong: Báo cáo quý IV.", f"/jobs/{job.pk}/", f"job:{job.pk}")]


def test_a_job_is_queued_until_the_transaction_commits(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.start_job("tests.report", by=world.users["clerk_a"], params={})
    assert (job.state, job.title, len(callbacks), support.CALLS) == (JobState.QUEUED, "Báo cáo thử", 1, [])


def test_start_job_refuses_a_user_without_access(world):
    support.REVOKED.add(world.users["clerk_a"].pk)
    with pytest.raises(PermissionDenied, match=r"^$"):
        services.start_job("tests.report", by=world.users["clerk_a"], params={})
    assert Job.objects.count() == 0


def test_start_job_refuses_an_unknown_kind(world):
    with pytest.raises(LookupError, match="no job kind 'tests.nothing' is registered"):
        services.start_job("tests.nothing", by=world.users["clerk_a"], params={})


def test_a_validation_error_is_shown_as_is(world, django_capture_on_commit_callbacks):
    job = start_and_run("tests.refuse", world.users["clerk_a"], django_capture_on_commit_callbacks)
    assert (job.state, job.error, job.result_file.name) == (
        JobState.FAILED, "Tệp không đúng mẫu: thiếu cột Họ và tên.", "")
    assert Notification.objects.get(user=world.users["clerk_a"]).text == (
        "Không thành công: Nhập thử. Tệp không đúng mẫu: thiếu cột Họ và tên.")


def test_an_unexpected_error_shows_a_generic_vietnamese_message_and_logs(
        world, django_capture_on_commit_callbacks, caplog):
    job = start_and_run("tests.boom", world.users["clerk_a"], django_capture_on_commit_callbacks)
    assert (job.state, job.attempts) == (JobState.FAILED, 1)
    assert job.error == ("Tác vụ gặp lỗi ngoài dự kiến. Vui lòng thử lại sau hoặc liên hệ quản trị hệ thống.")
    assert "disk on fire" in caplog.text and f"job {job.pk} (tests.boom) failed" in caplog.text


def test_a_retry_safe_job_is_retried_after_an_unexpected_error(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_job("tests.flaky", by=world.users["clerk_a"], params={})
        support.FLAKY_FAILURES[job.pk] = 1
    job.refresh_from_db()
    assert (job.state, job.attempts, job.result_link, support.CALLS) == (
        JobState.SUCCEEDED, 2, "/awards/", [job.pk, job.pk])


def test_retries_are_bounded(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_job("tests.flaky", by=world.users["clerk_a"], params={})
        support.FLAKY_FAILURES[job.pk] = 10
    job.refresh_from_db()
    assert (job.state, job.attempts, len(support.CALLS)) == (JobState.FAILED, services.MAX_ATTEMPTS, 3)
    assert job.error.startswith("Tác vụ gặp lỗi ngoài dự kiến.")


def test_of_two_workers_claiming_the_same_job_exactly_one_gets_it(world):
    job = Job.objects.create(kind="tests.report", title="x", created_by=world.users["clerk_a"])
    first = services.claim_job(job.pk)
    assert (first.state, first.attempts) == (JobState.RUNNING, 1)
    assert services.claim_job(job.pk) is None
    assert services.run_job(job.pk) is None  # a second worker's task does nothing
    assert support.CALLS == []
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.RUNNING, 1)


def test_progress_writes_are_throttled(world, django_assert_num_queries):
    job = Job.objects.create(kind="tests.report", title="x", created_by=world.users["clerk_a"])
    job = services.claim_job(job.pk)
    now = [100.0]
    progress = Progress(job, clock=lambda: now[0])
    with django_assert_num_queries(1):
        progress.set_total(1000)
    with django_assert_num_queries(0):
        for _ in range(9):  # less than 1 % and no time passed
            progress.advance()
    with django_assert_num_queries(1):
        progress.advance()  # 10 rows = 1 %
    now[0] += 0.6
    with django_assert_num_queries(1):
        progress.advance()  # half a second passed
    job.refresh_from_db()
    assert (job.progress_done, job.progress_total) == (11, 1000)


def test_progress_stops_a_job_past_its_time_limit(world):
    job = services.claim_job(Job.objects.create(kind="tests.slow", title="x", created_by=world.users["clerk_a"]).pk)
    now = [0.0]
    progress = Progress(job, time_limit=60, clock=lambda: now[0])
    progress.advance()
    now[0] = 61.0
    with pytest.raises(JobTimeLimitExceeded, match=r"quá thời gian cho phép \(1 phút\)"):
        progress.advance()


def _running(user, kind, *, started_ago, heartbeat_ago, attempts=1):
    now = timezone.now()
    return Job.objects.create(kind=kind, title="Báo cáo", created_by=user, state=JobState.RUNNING, attempts=attempts,
                              started_at=now - datetime.timedelta(seconds=started_ago),
                              heartbeat_at=now - datetime.timedelta(seconds=heartbeat_ago))


def test_a_stale_retry_safe_job_is_requeued(world, django_capture_on_commit_callbacks):
    job = _running(world.users["clerk_a"], "tests.report", started_ago=700, heartbeat_ago=650)
    fresh = _running(world.users["clerk_a"], "tests.report", started_ago=700, heartbeat_ago=30)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.sweep_jobs() == {"requeued": 1, "failed": 0}
    job.refresh_from_db()
    fresh.refresh_from_db()
    assert (job.state, job.attempts, len(callbacks), fresh.state) == (JobState.QUEUED, 1, 1, JobState.RUNNING)
    callbacks[0]()  # the worker runs it again
    job.refresh_from_db()
    assert (job.state, job.attempts, job.progress_done) == (JobState.SUCCEEDED, 2, 3)


def test_a_stale_job_that_is_not_retry_safe_is_marked_failed(world, django_capture_on_commit_callbacks):
    job = _running(world.users["clerk_a"], "tests.refuse", started_ago=700, heartbeat_ago=650)
    spent = _running(world.users["clerk_b"], "tests.report", started_ago=700, heartbeat_ago=650,
                     attempts=services.MAX_ATTEMPTS)
    assert services.sweep_jobs() == {"requeued": 0, "failed": 2}
    job.refresh_from_db()
    assert (job.state, job.error) == (JobState.FAILED, "Tiến trình chạy tác vụ đã dừng trước khi xong; chưa có thay "
                                                        "đổi nào được ghi. Vui lòng chạy lại.")
    assert Job.objects.get(pk=spent.pk).state == JobState.FAILED
    assert Notification.objects.get(user=world.users["clerk_a"]).key == f"job:{job.pk}"
    assert support.CALLS == []


def test_the_time_limit_sweep_fails_a_job_running_too_long(world):
    # tests.slow: 60 s limit, plus the sweep's grace of two heartbeats.
    late = _running(world.users["clerk_a"], "tests.slow", started_ago=60 + 121, heartbeat_ago=10)
    in_grace = _running(world.users["clerk_a"], "tests.slow", started_ago=60 + 100, heartbeat_ago=10)
    assert services.sweep_jobs() == {"requeued": 0, "failed": 1}
    late.refresh_from_db()
    assert (late.state, late.error) == (JobState.FAILED, "Tác vụ chạy quá thời gian cho phép (1 phút) nên đã bị dừng.")
    assert Job.objects.get(pk=in_grace.pk).state == JobState.RUNNING


def test_a_result_arriving_after_the_sweep_failed_the_job_is_discarded(world):
    job = services.claim_job(Job.objects.create(kind="tests.report", title="x", created_by=world.users["clerk_a"]).pk)
    Job.objects.filter(pk=job.pk).update(state=JobState.FAILED, error="dừng")
    ended = services.run_claimed(job)
    assert (ended.state, ended.error, ended.result_file.name) == (JobState.FAILED, "dừng", "")
