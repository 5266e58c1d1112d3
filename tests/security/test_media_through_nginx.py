"""Behind nginx (settings.MEDIA_ACCEL_PREFIX, deploy/nginx) every stored file a view hands out goes by
X-Accel-Redirect after the view's own access check: no body from Django, the file named under the internal
prefix, an attachment's name kept, a photo shown inline; someone without access still gets a 404 and no header.
Without the prefix the same views stream the file (their own tests)."""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.awards.archive.support import decision_pdf, stored_read_batch
from tests.conftest import client_for
from tests.exemplars.support import leader_of as exemplar_leader
from tests.exemplars.support import published
from tests.jobs.support import register_test_kinds, unregister_test_kinds
from tests.jobs.test_views import finished_report
from tests.news.support import make_article

PREFIX = "/_protected_media/"


@pytest.fixture(autouse=True)
def behind_nginx(settings, tmp_path):
    settings.MEDIA_ACCEL_PREFIX = PREFIX
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _redirected(response, stored_name: str) -> None:
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == PREFIX + stored_name
    assert response.content == b""


@pytest.fixture
def test_job_kinds():
    register_test_kinds()
    yield
    unregister_test_kinds()


def test_a_job_result_is_sent_by_nginx_as_an_attachment(world, test_job_kinds, django_capture_on_commit_callbacks):
    job = finished_report(world, django_capture_on_commit_callbacks)
    url = reverse("jobs:download", args=[job.pk])
    response = client_for(world, "clerk_a").get(url)
    _redirected(response, job.result_file.name)
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao.csv"'
    refused = client_for(world, "clerk_b").get(url)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_an_article_photo_is_sent_by_nginx_inline(world):
    article = make_article(world)
    image = article.images.get()
    url = reverse("news:photo", args=[image.pk])
    response = client_for(world, "clerk_a").get(url)
    _redirected(response, image.file.name)
    assert response["Content-Type"] == "image/jpeg" and "Content-Disposition" not in response
    refused = client_for(world, "anonymous").get(url)  # not published yet
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_an_exemplar_photo_is_sent_by_nginx_inline_to_the_public(world):
    exemplar = published(world, exemplar_leader(world))
    response = client_for(world, "anonymous").get(reverse("exemplars:public_photo", args=[exemplar.pk]))
    _redirected(response, exemplar.photo.name)
    assert response["Content-Type"] == "image/jpeg" and "Content-Disposition" not in response


def test_an_archived_scan_and_its_rendered_page_are_sent_by_nginx(world, settings):
    document = stored_read_batch(world.users["clerk_a"], world.unit_a, pdf=decision_pdf()).documents.get()
    scan = reverse("awards:archive_scan", args=[document.pk])
    response = client_for(world, "clerk_a").get(scan)
    _redirected(response, document.searchable_pdf.name)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    refused = client_for(world, "clerk_b").get(scan)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
    page = client_for(world, "clerk_a").get(reverse("awards:archive_page", args=[document.pk, 1]))
    rendered = Path(settings.MEDIA_ROOT) / "archive" / "pages" / f"{document.sha256}-1.png"
    assert rendered.is_file()
    _redirected(page, f"archive/pages/{document.sha256}-1.png")
    assert page["Content-Type"] == "image/png"
