"""A verdict refresh running while other transactions hold the lines (PostgreSQL, two real connections): it
never waits for them, never fails them, writes no line that closed meanwhile and no immutable row (signed
decision's lines, award records: their triggers would refuse it), and tries the locked lines again later."""

import threading
from unittest import mock

import pytest
from django.db import connection, transaction

from tdkt.awards.models import AwardRecord
from tdkt.decisions import services
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import Decision
from tdkt.dossiers import verdicts
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Nomination
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, pdf_bytes
from tests.decisions.support import make_dossier as decided_dossier
from tests.nominees.helpers import make_dossier, make_line

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keeps the seeded catalogue
    pytest.mark.skipif("connection.vendor != 'postgresql'",
                       reason="row locks held by one connection while another works need PostgreSQL (the SQLite "
                              "test database refuses a second writer at once)"),
]
WAIT = 30  # seconds: only reached when the test fails


def _in_thread(target):
    errors = []

    def run():
        try:
            target()
        except Exception as exc:  # noqa: BLE001 - collected and asserted by the test
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_a_refresh_during_a_signing_neither_waits_nor_fails_it(world):
    """The signing holds its lines and award records until it commits; the refresh of the same recipient
    meanwhile writes the recipient's open line elsewhere, leaves the line being awarded alone, and the
    signing then commits as if nothing happened."""
    authority = make_authority()
    being_awarded = approved(decided_dossier(world.unit_a), person=world.person_a)
    other = make_line(make_dossier(world.unit_a, state=DossierState.RECEIVED, title="Hồ sơ khác"), person=world.person_a)
    (decision,) = services.draft_decisions([being_awarded], by=world.users["specialist"], authority=authority)
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    inside, release = threading.Event(), threading.Event()
    settle = services._settle_nominations

    def settle_then_wait(lines, **kwargs):
        settle(lines, **kwargs)
        inside.set()  # records written, the line awarded, nothing committed yet
        assert release.wait(WAIT)

    def sign():
        with mock.patch.object(services, "_settle_nominations", settle_then_wait):
            services.sign_decision(Decision.objects.get(pk=decision.pk), by=world.users["specialist"],
                                   signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)

    thread, errors = _in_thread(sign)
    try:
        assert inside.wait(WAIT)
        assert verdicts.recompute(person_ids=[world.person_a.pk]) == 1  # returns while the signing holds its rows
    finally:
        release.set()
        thread.join(WAIT)
    assert errors == []
    assert Decision.objects.get(pk=decision.pk).state == DecisionState.SIGNED
    assert AwardRecord.objects.filter(person=world.person_a).count() == 1
    awarded = Nomination.objects.get(pk=being_awarded.pk)
    assert (awarded.state, awarded.verdict_live) == (NominationState.AWARDED, None)
    # the refresh queued by the signing itself (after its commit) saw the new award record
    refreshed = Nomination.objects.get(pk=other.pk)
    assert refreshed.verdict_live["award"] == "LDTT"
    assert refreshed.verdict_live_at is not None


def test_a_line_locked_elsewhere_is_skipped_at_once_and_tried_again(world):
    dossier = make_dossier(world.unit_a, state=DossierState.IN_APPRAISAL)
    locked_line = make_line(dossier, person=world.person_a, position=1)
    free_line = make_line(dossier, person=world.person_b, position=2)
    locked, release = threading.Event(), threading.Event()

    def withdraw_slowly():
        with transaction.atomic():
            Nomination.objects.select_for_update().filter(pk=locked_line.pk).update(state=NominationState.WITHDRAWN)
            locked.set()
            assert release.wait(WAIT)

    thread, errors = _in_thread(withdraw_slowly)
    try:
        assert locked.wait(WAIT)
        with mock.patch.object(verdicts, "enqueue") as enqueue:
            written = verdicts.recompute(person_ids=[world.person_a.pk, world.person_b.pk])
    finally:
        release.set()
        thread.join(WAIT)
    assert errors == []
    assert written == 1
    assert enqueue.call_args_list == [mock.call(person_ids={world.person_a.pk}, unit_ids=set(), household_ids=set(),
                                                attempt=2)]
    assert Nomination.objects.get(pk=free_line.pk).verdict_live["verdict"]
    # tried again once the other transaction committed: the line is withdrawn now, so it is left alone
    assert verdicts.recompute(person_ids=[world.person_a.pk], attempt=2) == 0
    assert Nomination.objects.get(pk=locked_line.pk).verdict_live is None
