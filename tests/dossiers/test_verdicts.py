"""Stored verdicts kept current (tdkt.dossiers.verdicts): a change of facts queues one recomputation after
commit for the recipients' open lines, across dossiers; the pages, exports and the API read what is stored
and run no rule while rendering; a refresh never touches a line that closed meanwhile."""

import datetime
from unittest import mock

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver

from tdkt.api.models import ApiToken
from tdkt.awards import services as award_services
from tdkt.awards.enums import DisciplineLevel
from tdkt.decisions import services as decisions
from tdkt.dossiers import verdicts, workflow
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Nomination
from tests.conftest import client_for
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, pdf_bytes
from tests.decisions.support import make_dossier as decided_dossier
from tests.dossiers.support import award, in_appraisal
from tests.nominees.helpers import make_dossier, make_line, make_people


def _rate(world, person, *, year=2025, level="HTTNV"):
    return award_services.create_rating(by=world.users["specialist"], person=person, year=year, level=level)


def _code(line):
    return verdicts.current_code(Nomination.objects.get(pk=line.pk))


def test_a_rating_turns_the_open_line_eligible_without_resubmission(world, django_capture_on_commit_callbacks):
    dossier, lines = in_appraisal(world)
    line = Nomination.objects.get(pk=lines[0].pk)
    assert line.verdict_at_submission["verdict"] == "ineligible"
    assert [f["code"] for f in line.verdict_live["findings"] if f["passed"] is False] == ["rating"]
    assert _code(line) == "ineligible"

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _rate(world, world.person_a)
    assert len(callbacks) == 1  # one task for the transaction
    line.refresh_from_db()
    assert _code(line) == "eligible"
    assert line.verdict_at_submission["verdict"] == "ineligible"  # what held at submission is kept
    assert line.verdict_live_at is not None
    assert Nomination.objects.get(pk=line.pk).dossier.state == DossierState.IN_APPRAISAL


def test_many_changes_in_one_transaction_queue_one_task(world, django_capture_on_commit_callbacks):
    people = make_people(world.unit_a, 3)
    dossier = make_dossier(world.unit_a)
    for index, person in enumerate(people):
        make_line(dossier, person=person, position=index + 1)
    with (mock.patch.object(verdicts, "enqueue") as enqueue, django_capture_on_commit_callbacks(execute=True),
          transaction.atomic()):  # one transaction, committed (its callbacks run) as the block ends
        for person in people:
            _rate(world, person)
        award_services.create_discipline(
            by=world.users["specialist"], person=world.person_b, level=DisciplineLevel.KHIEN_TRACH,
            start=datetime.date(2025, 3, 1), end=datetime.date(2026, 3, 1))
    assert enqueue.call_args_list == [mock.call(person_ids={p.pk for p in people} | {world.person_b.pk},
                                                unit_ids=set(), household_ids=set())]


def test_a_rolled_back_transaction_queues_nothing_and_does_not_swallow_the_next(
        world, django_capture_on_commit_callbacks):
    with mock.patch.object(verdicts, "enqueue") as enqueue, django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                verdicts.facts_changed(person_ids=[world.person_a.pk])
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        with transaction.atomic():
            verdicts.facts_changed(person_ids=[world.person_b.pk])
    assert enqueue.call_args_list == [mock.call(person_ids={world.person_b.pk}, unit_ids=set(), household_ids=set())]


def test_only_open_lines_of_open_dossiers_are_recomputed_across_dossiers(world):
    person = world.person_a
    draft = make_dossier(world.unit_a, title="Hồ sơ nháp")
    received = make_dossier(world.unit_a, title="Hồ sơ đã tiếp nhận", state=DossierState.RECEIVED)
    decided = make_dossier(world.unit_a, title="Hồ sơ đã quyết định", state=DossierState.DECIDED)
    considered = make_dossier(world.unit_a, title="Hồ sơ đã xét", state=DossierState.CONSIDERED)
    open_draft = make_line(draft, person=person)
    open_received = make_line(received, person=person, state=NominationState.ACCEPTED)
    rejected = make_line(make_dossier(world.unit_a, title="Hồ sơ khác", state=DossierState.IN_APPRAISAL),
                         person=person, state=NominationState.REJECTED)
    awarded = make_line(decided, person=person, state=NominationState.AWARDED)
    approved = make_line(considered, person=person, state=NominationState.APPROVED)
    other_person = make_line(draft, person=world.person_b, position=2)
    _rate(world, person)  # in the test's transaction: its task waits for a commit that never comes
    assert verdicts.recompute(person_ids=[person.pk]) == 2
    stored = dict(Nomination.objects.values_list("pk", "verdict_live"))
    assert stored[open_draft.pk]["verdict"] == "eligible"
    assert stored[open_received.pk]["verdict"] == "eligible"
    assert [stored[line.pk] for line in (rejected, awarded, approved, other_person)] == [None, None, None, None]


@pytest.mark.parametrize("count", [2, 40])
def test_recompute_runs_a_fixed_number_of_queries(world, count, django_assert_num_queries):
    people = make_people(world.unit_a, count)
    for year, title in ((2025, "Hồ sơ năm 2025"), (2024, "Hồ sơ năm 2024")):
        dossier = make_dossier(world.unit_a, year=year, title=title)
        for index, person in enumerate(people):
            make_line(dossier, person=person, position=index + 1)
    ids = [person.pk for person in people]
    # lines with their dossiers, award codes, then per achievement year (2) the histories (7); the write:
    # savepoint, lock, update, release
    with django_assert_num_queries(1 + 1 + 2 * 7 + 4):
        assert verdicts.recompute(person_ids=ids) == 2 * count


def test_a_line_closed_while_the_engine_ran_is_left_as_it_is(world):
    """A decision signed (its lines awarded) while a refresh computes: the refresh writes only the lines
    still open, conditional on their state, so the signed line keeps what it had."""
    dossier = make_dossier(world.unit_a, state=DossierState.IN_APPRAISAL)
    signed = make_line(dossier, person=world.person_a, position=1)
    still_open = make_line(dossier, person=world.person_b, position=2)
    real = verdicts.evaluate_lines

    def engine_while_signing(lines, **kwargs):
        Nomination.objects.filter(pk=signed.pk).update(state=NominationState.AWARDED)
        return real(lines, **kwargs)

    with mock.patch.object(verdicts, "evaluate_lines", engine_while_signing):
        written = verdicts.recompute(person_ids=[world.person_a.pk, world.person_b.pk])
    assert written == 1
    assert Nomination.objects.get(pk=signed.pk).verdict_live is None
    assert Nomination.objects.get(pk=still_open.pk).verdict_live["verdict"]


def test_changing_the_award_at_appraisal_recomputes_the_line(world, django_capture_on_commit_callbacks):
    _dossier, lines = in_appraisal(world)
    with django_capture_on_commit_callbacks(execute=True):
        _rate(world, world.person_a, level="HTXSNV")
    assert Nomination.objects.get(pk=lines[0].pk).verdict_live["award"] == "LDTT"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.change_line_award(lines[0], award("BK_TINH"), by=world.users["specialist"], reason="Đủ thành tích")
    assert Nomination.objects.get(pk=lines[0].pk).verdict_live["award"] == "BK_TINH"


# --- no rule runs while rendering ------------------------------------------------------------------------


def _engine_refuses():
    """Every way a page could run a rule raises: the engine and the history loader where they are defined and
    where they are imported. Every view module is imported first (the URLconf), so that none binds a patched
    function for good by being imported while the patches are active."""
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    def refuse(*args, **kwargs):
        raise AssertionError("a rule ran while rendering")
    return [mock.patch(target, refuse) for target in (
        "tdkt.eligibility.engine.evaluate_many", "tdkt.eligibility.engine.evaluate",
        "tdkt.dossiers.eligibility.evaluate_many", "tdkt.dossiers.eligibility.evaluate_lines",
        "tdkt.dossiers.eligibility.check_nominations", "tdkt.dossiers.verdicts.evaluate_lines",
        "tdkt.awards.queries.load_histories", "tdkt.dossiers.eligibility.load_histories",
        "tdkt.awards.proposals.evaluate_many", "tdkt.awards.proposals.load_histories")]


def test_pages_exports_and_api_show_the_stored_verdict_and_run_no_rule(world):
    dossier, lines = in_appraisal(world)
    _rate(world, world.person_a)
    verdicts.recompute(person_ids=[world.person_a.pk])
    line = Nomination.objects.get(pk=lines[0].pk)
    computed = verdicts.computed_text(line)
    assert computed.startswith("tính lúc ")
    patches = _engine_refuses()
    for patch in patches:
        patch.start()
    try:
        specialist = client_for(world, "specialist")
        for url in (f"/dossiers/{dossier.pk}/", f"/dossiers/{dossier.pk}/lines/", f"/dossiers/{dossier.pk}/appraise/"):
            response = specialist.get(url)
            assert response.status_code == 200, url
            page = response.content.decode()
            assert "Đủ điều kiện" in page, url
            assert computed in page, url
        assert specialist.get("/dossiers/queue/").status_code == 200
        export = specialist.get(f"/dossiers/{dossier.pk}/lines/export.xlsx")
        assert export.status_code == 200
        _row, raw = ApiToken.issue(world.users["specialist"], "QLVB")
        api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(f"/api/v1/dossiers/{dossier.pk}")
        assert api.status_code == 200
        [out] = api.json()["nominations"]
        assert (out["verdict"], out["verdict_computed_at"] is not None) == ("eligible", True)
    finally:
        for patch in patches:
            patch.stop()


def test_a_failing_refresh_never_fails_the_signing_that_queued_it(world, django_capture_on_commit_callbacks):
    authority = make_authority()
    nomination = approved(decided_dossier(world.unit_a), person=world.person_a)
    (decision,) = decisions.draft_decisions([nomination], by=world.users["specialist"], authority=authority)
    decisions.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    with (mock.patch.object(verdicts, "recompute", side_effect=RuntimeError("database gone")) as recompute,
          django_capture_on_commit_callbacks(execute=True)):
        signed = decisions.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(),
                                         signed_on=SIGNED_ON)
    assert recompute.call_count == 1
    assert signed.state == "signed"
    assert Nomination.objects.get(pk=nomination.pk).state == NominationState.AWARDED


def test_the_daily_sweep_refreshes_every_open_line_and_nothing_closed(world):
    from io import StringIO

    from django.core.management import call_command

    from tdkt.jobs.schedule import SWEEPS

    draft = make_dossier(world.unit_a, title="Hồ sơ nháp")
    open_line = make_line(draft, person=world.person_a)
    collective = make_line(draft, unit=world.unit_a_child, position=2, code="TTLDTT")
    awarded = make_line(make_dossier(world.unit_a, title="Hồ sơ đã quyết định", state=DossierState.DECIDED),
                        person=world.person_a, state=NominationState.AWARDED)
    _rate(world, world.person_a)  # its task waits for a commit that never comes in this test: the sweep catches it
    out = StringIO()
    call_command("refresh_verdicts", stdout=out)
    assert out.getvalue() == "2 line(s) refreshed.\n"
    stored = dict(Nomination.objects.values_list("pk", "verdict_live"))
    assert stored[open_line.pk]["verdict"] == "eligible"
    assert stored[collective.pk] is not None and stored[awarded.pk] is None
    assert "refresh_verdicts" in SWEEPS
