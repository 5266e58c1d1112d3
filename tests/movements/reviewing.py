"""Builders of the movement-award tests: dossiers of a movement whose lines a signed decision awarded."""

import datetime

from django.utils import timezone

from tdkt.decisions import services
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, make_dossier, pdf_bytes
from tests.movements.support import make_movement


def running_movement(name="Phong trào Chuyển đổi số", **extra):
    """A movement running today (the tests do not depend on the day they run)."""
    today = timezone.localdate()
    extra.setdefault("start_date", today - datetime.timedelta(days=300))
    extra.setdefault("end_date", today + datetime.timedelta(days=60))
    return make_movement(name, **extra)


def award_through_decision(world, nominations, *, authority=None):
    """Draft, approve, sign and publish one decision over `nominations` (one award type): the award records."""
    decision = services.draft_decisions(nominations, by=world.users["specialist"],
                                        authority=authority or make_authority(), date=datetime.date(2026, 7, 1))[0]
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    services.publish_decision(decision, by=world.users["specialist"])
    decision.refresh_from_db()
    return decision


def awarded_movement(world, *, lines=1, movement=None, call=None):
    """A movement with one dossier of unit A (`lines` persons/units awarded a Bằng khen by one decision) and
    one dossier of unit B proposing one more line, not decided."""
    movement = movement or running_movement()
    dossier = make_dossier(world.unit_a, movement=movement, call=call)
    recipients = [{"person": world.person_a}, {"unit": world.unit_a_child}, {"person": world.person_a_child}]
    nominations = [approved(dossier, position=i + 1, **recipients[i]) for i in range(lines)]
    decision = award_through_decision(world, nominations)
    other = make_dossier(world.unit_b, movement=movement, call=call)
    approved(other, person=world.person_b, code="BK_TINH")
    return movement, dossier, decision
