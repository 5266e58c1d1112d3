"""Helpers of the workflow tests: API clients with a persona's token, dossiers put in a given state."""

from django.test import Client

from tdkt.api.models import ApiToken
from tdkt.dossiers.models import Dossier, Nomination


def api_client(world, persona) -> Client:
    _row, raw = ApiToken.issue(world.users[persona], "QLVB")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def dossier_in(world, state, *, line_state=None, **fields):
    """A complete dossier of unit A (one line of person A) set to `state` (test set-up: a plain update)."""
    from tests.dossiers.support import ready_draft

    dossier, lines = ready_draft(world)
    Dossier.objects.filter(pk=dossier.pk).update(state=state, **fields)
    if line_state:
        Nomination.objects.filter(pk=lines[0].pk).update(state=line_state)
    dossier.refresh_from_db()
    line = Nomination.objects.select_related("dossier", "award_type").get(pk=lines[0].pk)
    return dossier, line
