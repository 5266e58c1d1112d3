"""The transition table and the workflow functions agree: for every action and every state, the function
succeeds exactly when the table lists the state as a source (and lands on the table's target)."""

import pytest
from django.core.exceptions import ValidationError

from tdkt.dossiers import workflow
from tdkt.dossiers.enums import DossierState
from tdkt.dossiers.models import Dossier, DossierDocument, Nomination
from tdkt.dossiers.transitions import DOSSIER
from tdkt.workflow.machine import SYSTEM
from tests.dossiers.support import award, leader_a

pytestmark = pytest.mark.django_db

# The dossier's own transitions (those of other aggregates' steps are tested with their apps).
TRANSITIONS = {t.name: t for t in DOSSIER.transitions if t.actor != SYSTEM}

CALLS = {
    "send_for_approval": lambda d, w: workflow.send_for_approval(d, by=w.users["clerk_a"]),
    "approve_and_send": lambda d, w: workflow.approve_and_send(d, by=leader_a(w)),
    "send_back": lambda d, w: workflow.send_back(d, by=leader_a(w), reason="Xem lại"),
    "submit": lambda d, w: workflow.submit_dossier(d, by=leader_a(w)),
    "resubmit": lambda d, w: workflow.resubmit_dossier(d, by=leader_a(w)),
    "withdraw": lambda d, w: workflow.withdraw_dossier(d, by=w.users["clerk_a"]),
    "receive": lambda d, w: workflow.receive_dossier(d, by=w.users["specialist"]),
    "return_incomplete": lambda d, w: workflow.return_incomplete(d, by=w.users["specialist"], reason="Thiếu"),
    "assign": lambda d, w: workflow.assign_specialist(d, w.users["specialist"], by=w.users["specialist"]),
    "start_appraisal": lambda d, w: workflow.start_appraisal(d, by=w.users["specialist"]),
    "return_for_completion": lambda d, w: workflow.return_for_completion(d, by=w.users["specialist"],
                                                                         reason="Bổ sung"),
    "put_on_hold": lambda d, w: workflow.put_on_hold(d, by=w.users["specialist"], reason="Thanh tra"),
    "release_hold": lambda d, w: workflow.release_hold(d, by=w.users["specialist"]),
    "mark_ready": lambda d, w: workflow.mark_ready_for_council(d, by=w.users["specialist"]),
}


def _dossier_in(world, state, index):
    """A complete dossier of unit A in `state`, with one accepted line (files as rows: only presence counts)."""
    dossier = Dossier.objects.create(unit=world.unit_a, title=f"Hồ sơ {index}", year=2000 + index, state=state,
                                     held_from_state=DossierState.IN_APPRAISAL if state == DossierState.ON_HOLD else "")
    kind = award("LDTT")
    line = Nomination.objects.create(dossier=dossier, person=world.person_a, proposed_award_type=kind,
                                     award_type=kind, state="accepted", position=1)
    for document_type, nomination in (("cover_letter", None), ("council_minutes", None),
                                      ("achievement_report", line)):
        DossierDocument.objects.create(dossier=dossier, nomination=nomination, document_type=document_type,
                                       file=f"dossiers/x/{index}-{document_type}.pdf", original_name="x.pdf",
                                       content_type="application/pdf", size=1, sha256="0" * 64)
    return dossier


def test_every_action_succeeds_exactly_from_its_source_states(world):
    outcomes, expected = {}, {}
    index = 0
    for action, transition in TRANSITIONS.items():
        for state in DossierState.values:
            index += 1
            dossier = _dossier_in(world, state, index)
            try:
                CALLS[action](dossier, world)
            except ValidationError:
                outcomes[action, state] = None
            else:
                outcomes[action, state] = Dossier.objects.get(pk=dossier.pk).state
            allowed = state in transition.sources
            # release_hold: the state before the hold; send_back: a dossier never submitted goes back to draft
            target = transition.target or {"release_hold": DossierState.IN_APPRAISAL,
                                           "send_back": DossierState.DRAFT}.get(action, state)
            expected[action, state] = target if allowed else None
    assert outcomes == expected
