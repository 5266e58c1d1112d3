"""The PDF copies of a decision and of a Tờ trình are made by the worker (a job), not in the request."""

import pytest
from django.urls import reverse

from tdkt.decisions.jobs import DECISION_PDF
from tdkt.jobs.enums import JobState
from tdkt.jobs.models import Job
from tests.conftest import client_for
from tests.decisions.support import approved, make_authority, make_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    from tdkt.decisions import services

    (decision,) = services.draft_decisions([approved(make_dossier(world.unit_a), person=world.person_a)],
                                           by=world.users["specialist"], authority=make_authority())
    return decision


def test_the_pdf_button_starts_a_job_whose_page_offers_the_file(world, draft, django_capture_on_commit_callbacks):
    client = client_for(world, "specialist")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("decisions:pdf", args=[draft.pk]))
    job = Job.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/jobs/{job.pk}/")
    assert (job.kind, job.params, job.state, job.title, job.progress_done, job.progress_total) == (
        DECISION_PDF, {"decision": draft.pk}, JobState.SUCCEEDED, "Bản PDF của quyết định dự thảo", 1, 1)
    assert job.result_name.endswith(".pdf")
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert 'id="make-pdf"' in client.get(reverse("decisions:detail", args=[draft.pk])).content.decode()


def test_a_unit_clerk_cannot_start_a_pdf_of_a_draft(world, draft):
    assert client_for(world, "clerk_a").post(reverse("decisions:pdf", args=[draft.pk])).status_code == 404
    assert Job.objects.count() == 0


def test_a_get_does_not_start_a_job(world, draft):
    assert client_for(world, "specialist").get(reverse("decisions:pdf", args=[draft.pk])).status_code == 405
    assert Job.objects.count() == 0
