"""The job pages as each persona sees them: the owner's list and page, the result download re-checked."""

import re

import pytest
from django.urls import reverse

from tdkt.jobs import services
from tdkt.jobs.enums import JobState
from tdkt.jobs.models import Job
from tests.conftest import client_for
from tests.jobs import support

pytestmark = pytest.mark.django_db


def finished_report(world, capture, persona="clerk_a"):
    with capture(execute=True):
        job = services.start_job("tests.report", by=world.users[persona], params={"rows": 2}, title="Báo cáo năm")
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    return job


def test_the_owner_sees_a_running_job_with_its_progress_bar_and_the_page_refreshes(world):
    job = services.claim_job(Job.objects.create(kind="tests.report", title="Bản PDF quyết định",
                                                created_by=world.users["clerk_a"]).pk)
    Job.objects.filter(pk=job.pk).update(progress_done=1, progress_total=4)
    response = client_for(world, "clerk_a").get(reverse("jobs:detail", args=[job.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in html
    assert '<progress id="job-progress" max="4" value="1">25%</progress>' in html
    assert '<span id="job-count">1 / 4</span>' in html
    assert '<b id="job-state" data-state="running">Đang chạy</b>' in html
    # The refresh is the meta tag's: the only scripts are the shared static ones (confirm questions, person
    # pickers, session warning and drafts), no inline code.
    assert "job-download" not in html and "style=" not in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/tdkt/app.js" defer>',
                                                   '<script src="/static/tdkt/picker.js" defer>',
                                                   '<script src="/static/tdkt/nav.js" defer>',
                                                   '<script src="/static/tdkt/session.js" defer data-session-url="/session/">']


def test_a_finished_job_offers_its_file_and_stops_refreshing(world, django_capture_on_commit_callbacks):
    job = finished_report(world, django_capture_on_commit_callbacks)
    client = client_for(world, "clerk_a")
    html = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "http-equiv" not in html
    assert '<progress id="job-progress" max="2" value="2">100%</progress>' in html
    assert f'<a class="button" id="job-download" href="/jobs/{job.pk}/download/">Tải về bao-cao.csv</a>' in html
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao.csv"'
    assert b"".join(response.streaming_content).decode() == "1;Nguyễn Văn An\n2;Nguyễn Văn An\n"


def test_a_failed_job_shows_its_message(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_job("tests.refuse", by=world.users["clerk_a"], params={})
    html = client_for(world, "clerk_a").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert '<p class="errors" role="alert" id="job-error">Tệp không đúng mẫu: thiếu cột Họ và tên.</p>' in html
    assert '<b id="job-state" data-state="failed">Thất bại</b>' in html


@pytest.mark.parametrize(("persona", "status"), [("clerk_a", 200), ("clerk_b", 404), ("specialist", 404),
                                                 ("admin", 404)])
def test_only_the_owner_sees_a_job_and_downloads_its_result(world, django_capture_on_commit_callbacks, persona,
                                                            status):
    job = finished_report(world, django_capture_on_commit_callbacks)
    client = client_for(world, persona)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == status
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == status


def test_anonymous_is_sent_to_sign_in(world, django_capture_on_commit_callbacks):
    job = finished_report(world, django_capture_on_commit_callbacks)
    client = client_for(world, "anonymous")
    for url in (reverse("jobs:list"), reverse("jobs:detail", args=[job.pk]), reverse("jobs:download", args=[job.pk])):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, f"/login/?next={url}")


def test_the_download_is_refused_once_the_user_lost_access(world, django_capture_on_commit_callbacks):
    job = finished_report(world, django_capture_on_commit_callbacks)
    support.REVOKED.add(world.users["clerk_a"].pk)
    client = client_for(world, "clerk_a")
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 200  # the page itself stays


def test_the_result_file_is_not_under_a_served_url(world, django_capture_on_commit_callbacks, settings):
    job = finished_report(world, django_capture_on_commit_callbacks)
    assert job.result_file.path.startswith(str(settings.MEDIA_ROOT))
    assert client_for(world, "clerk_a").get("/media/" + job.result_file.name).status_code == 404


def test_my_jobs_lists_only_mine_newest_first(world, django_capture_on_commit_callbacks):
    first = finished_report(world, django_capture_on_commit_callbacks)
    second = Job.objects.create(kind="tests.report", title="Bản PDF tờ trình", created_by=world.users["clerk_a"])
    Job.objects.create(kind="tests.report", title="Của người khác", created_by=world.users["clerk_b"])
    response = client_for(world, "clerk_a").get(reverse("jobs:list"))
    assert [job.pk for job in response.context["page"]] == [second.pk, first.pk]
    html = response.content.decode()
    assert "Của người khác" not in html and "Tác vụ của tôi" in html and "Đang chờ" in html


# Session, user, memberships and the shell's badges, then one query for the page: the same for 1 or 3 jobs.
FIXED_QUERIES = 6


@pytest.mark.parametrize("count", [1, 3])
def test_my_jobs_query_count_does_not_grow(world, django_assert_num_queries, count):
    for number in range(count):
        Job.objects.create(kind="tests.report", title=f"Báo cáo {number}", created_by=world.users["clerk_a"])
    client = client_for(world, "clerk_a")
    client.get(reverse("jobs:list"))  # warm the session
    with django_assert_num_queries(FIXED_QUERIES):
        response = client.get(reverse("jobs:list"))
    assert len(response.context["page"].items) == count

