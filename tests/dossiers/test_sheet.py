"""A large dossier decided as a sheet (dossiers.bulk, jobs.DECIDE_SHEET) and the primitive's bulk form
(workflow.primitive.change_states): per line the same history row, audit row and conditional update as
one line at a time, in a fixed number of queries per batch."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.dossiers import bulk
from tdkt.dossiers.models import DossierEvent, Nomination
from tdkt.dossiers.transitions import NOMINATION
from tdkt.jobs.models import Job
from tdkt.jobs.services import run_job
from tests.conftest import client_for
from tests.dossiers.support import in_appraisal, store_verdict
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _sheet(world, eligible=4, others=2):
    people = [world.person_a] + [make_person(f"Người Bảng {index:02d}", unit=world.unit_a)
                                 for index in range(eligible + others - 1)]
    dossier, lines = in_appraisal(world, people=people)
    store_verdict(lines[:eligible])
    store_verdict(lines[eligible:], "needs_review")
    return dossier, lines


def _events(line):
    return list(DossierEvent.objects.filter(nomination=line, to_state__in=["accepted", "rejected"]).values_list(
        "from_state", "to_state", "reason", "extra"))


def test_every_eligible_line_and_each_exception_with_its_reason_are_decided(world):
    dossier, lines = _sheet(world)
    specialist = world.users["specialist"]
    outcome = bulk.decide_sheet(dossier, by=specialist, exceptions={lines[4].pk: "Đã bổ sung xác nhận."},
                                rejections={lines[3].pk: "Chưa đủ thời gian công tác."})
    assert (outcome.accepted, outcome.rejected) == (4, 1)
    assert [(line.pk, why) for line, why in outcome.left] == [
        (lines[5].pk, "“Hội đồng xem xét”: chưa nêu lý do chấp thuận.")]
    states = dict(Nomination.objects.filter(dossier=dossier).values_list("id", "state"))
    assert [states[line.pk] for line in lines] == ["accepted"] * 3 + ["rejected", "accepted", "proposed"]
    assert _events(lines[0]) == [("proposed", "accepted", "", {})]
    kept = "Chấp nhận dù “Hội đồng xem xét”, đã xác nhận: Đã bổ sung xác nhận."
    assert _events(lines[4]) == [("proposed", "accepted", kept, {"override_verdict": "needs_review",
                                                                  "confirmed": True})]
    assert _events(lines[3]) == [("proposed", "rejected", "Chưa đủ thời gian công tác.", {})]
    assert Nomination.objects.get(pk=lines[4].pk).decision_reason == "Đã bổ sung xác nhận."
    audit = AuditEvent.objects.filter(object_type="dossiers.nomination", object_id=str(lines[4].pk)).last()
    assert audit.changes == {"state": ["proposed", "accepted"], "reason": kept,
                             "decision_reason": "Đã bổ sung xác nhận."}
    assert audit.actor_id == specialist.pk
    assert dossier.events.filter(kind="note", reason__startswith="Đã chấp thuận 4 dòng").count() == 1


def test_a_rejection_without_reason_changes_nothing(world):
    dossier, lines = _sheet(world)
    with pytest.raises(ValidationError, match="Nêu lý do không chấp thuận dòng"):
        bulk.decide_sheet(dossier, by=world.users["specialist"], rejections={lines[0].pk: " "})
    assert set(Nomination.objects.filter(dossier=dossier).values_list("state", flat=True)) == {"proposed"}


def test_a_line_moved_by_someone_else_meanwhile_stops_the_whole_batch(world):
    _dossier, lines = _sheet(world)
    stale = list(Nomination.objects.filter(pk__in=[line.pk for line in lines[:3]]).order_by("position"))
    NOMINATION.perform(Nomination.objects.get(pk=lines[1].pk), "reject", by=world.users["specialist"],
                       reason="Trùng lặp.")
    with pytest.raises(ValidationError, match="Người khác vừa thay đổi dòng đề nghị này: hiện ở trạng thái “Không đạt”"):
        NOMINATION.perform_many(stale, "accept", by=world.users["specialist"])
    states = dict(Nomination.objects.filter(pk__in=[line.pk for line in stale]).values_list("id", "state"))
    assert states == {lines[0].pk: "proposed", lines[1].pk: "rejected", lines[2].pk: "proposed"}
    assert DossierEvent.objects.filter(nomination__in=stale, to_state="accepted").count() == 0


def test_only_the_lines_actor_may_decide_them_in_bulk(world):
    _dossier, lines = _sheet(world)
    with pytest.raises(PermissionDenied, match=r"^Chỉ cán bộ của cơ quan tiếp nhận hồ sơ được cho ý kiến về từng dòng\.$"):
        NOMINATION.perform_many(lines[:2], "accept", by=world.users["clerk_a"])  # the province's dossier
    assert set(Nomination.objects.filter(pk__in=[line.pk for line in lines[:2]]).values_list("state", flat=True)) == {
        "proposed"}


@pytest.mark.parametrize("size", [3, 12])
def test_the_bulk_form_takes_a_fixed_number_of_queries(world, size):
    _dossier, lines = _sheet(world, eligible=size, others=0)
    fresh = list(Nomination.objects.filter(pk__in=[line.pk for line in lines]).select_related(
        "person", "unit", "household", "award_type"))
    for line in fresh:  # as dossiers.bulk.undecided_lines gives them: their one dossier already read
        line._state.fields_cache["dossier"] = _dossier
    NOMINATION.perform_many(fresh[:1], "accept", by=world.users["specialist"])  # the scope, cached
    with CaptureQueriesContext(connection) as queries:
        NOMINATION.perform_many(fresh[1:], "accept", by=world.users["specialist"],
                                fields={"decision_reason": {line.pk: "" for line in fresh[1:]}})
    writes = [q["sql"].split()[0] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert writes == ["UPDATE", "INSERT", "INSERT"]


def test_the_sheet_page_starts_the_job_which_decides_the_lines(world):
    dossier, lines = _sheet(world)
    client = client_for(world, "specialist")
    url = reverse("dossiers:decide_sheet", kwargs={"pk": dossier.pk})
    page = client.get(url).content.decode()
    assert "4 dòng đề nghị đủ điều kiện và sẽ được chấp thuận." in page
    assert page.count('name="reason-') == 2
    page = client.post(url, {f"choice-{lines[4].pk}": "accept", f"reason-{lines[4].pk}": ""}).content.decode()
    position = Nomination.objects.get(pk=lines[4].pk).position
    assert f"Dòng {position} (Người Bảng 03): nêu lý do của quyết định này." in page
    assert Job.objects.count() == 0
    response = client.post(url, {f"choice-{lines[4].pk}": "accept", f"reason-{lines[4].pk}": "Đã bổ sung.",
                                 f"choice-{lines[5].pk}": "reject", f"reason-{lines[5].pk}": "Không đạt."})
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", kwargs={"pk": job.pk})
    assert job.params == {"dossier": dossier.pk, "exceptions": {str(lines[4].pk): "Đã bổ sung."},
                          "rejections": {str(lines[5].pk): "Không đạt."}}
    job = run_job(job.pk)
    assert (job.state, job.progress_done, job.progress_total) == ("succeeded", 6, 6)
    assert job.result_link == reverse("dossiers:appraise", kwargs={"pk": dossier.pk})
    states = [Nomination.objects.get(pk=line.pk).state for line in lines]
    assert states == ["accepted"] * 5 + ["rejected"]


def test_another_units_clerk_gets_404_and_own_clerk_403(world):
    dossier, _lines = _sheet(world)
    url = reverse("dossiers:decide_sheet", kwargs={"pk": dossier.pk})
    assert client_for(world, "clerk_b").post(url).status_code == 404
    assert client_for(world, "clerk_a").post(url).status_code == 403
    assert Job.objects.count() == 0
