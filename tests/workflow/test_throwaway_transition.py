"""Adding a transition is one declaration: a throw-away transition appended to DOSSIER at test time (no
other file changed) gets its button for the allowed persona only, its API action, its action page (the
dossier's and the generic one) and its row in the docs table."""

import pytest
from django.urls import reverse

from tdkt.dossiers.enums import DossierState, EventKind
from tdkt.dossiers.models import Dossier, DossierEvent
from tdkt.dossiers.transitions import DOSSIER, PROVINCE
from tdkt.notifications.models import Notification
from tdkt.workflow import docs
from tdkt.workflow.machine import Notice, transition
from tests.conftest import client_for
from tests.workflow.support import api_client, dossier_in

pytestmark = pytest.mark.django_db

NAME = "shelve_draft"


def _notify_creator(dossier, item):
    return [Notice(users=[dossier.created_by_id], text=f"Shelved: {dossier.title}", url=dossier.get_absolute_url())]


@pytest.fixture
def shelve(monkeypatch):
    """Specialists may shelve a draft (draft → withdrawn), with a reason; the creator is notified."""
    item = transition(NAME, "Shelve the draft", {DossierState.DRAFT}, DossierState.WITHDRAWN, PROVINCE,
                      reason_required=True, notifies=_notify_creator)
    monkeypatch.setattr(DOSSIER, "transitions", [*DOSSIER.transitions, item])
    return item


def _buttons(world, persona, dossier):
    response = client_for(world, persona).get(reverse("dossiers:detail", kwargs={"pk": dossier.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_its_button_appears_for_the_specialist_only(world, shelve):
    dossier, _line = dossier_in(world, DossierState.DRAFT)
    assert f'data-action="{NAME}"' in _buttons(world, "specialist", dossier)
    assert reverse("dossiers:act", args=[dossier.pk, NAME]) in _buttons(world, "specialist", dossier)
    assert f'data-action="{NAME}"' not in _buttons(world, "clerk_a", dossier)
    assert f'data-action="{NAME}"' not in _buttons(world, "council_member", dossier)


def test_without_the_declaration_there_is_no_button(world):
    dossier, _line = dossier_in(world, DossierState.DRAFT)
    assert f'data-action="{NAME}"' not in _buttons(world, "specialist", dossier)


def test_the_api_lists_and_performs_it(world, shelve):
    dossier, _line = dossier_in(world, DossierState.DRAFT)
    specialist, clerk = api_client(world, "specialist"), api_client(world, "clerk_a")
    listed = specialist.get(f"/api/v1/dossier/{dossier.pk}/actions")
    assert listed.status_code == 200
    assert {"name": NAME, "label": "Shelve the draft", "target": "withdrawn", "reason_required": True} in listed.json()
    assert NAME not in [action["name"] for action in clerk.get(f"/api/v1/dossier/{dossier.pk}/actions").json()]
    assert clerk.post(f"/api/v1/dossier/{dossier.pk}/actions/{NAME}", {"reason": "x"},
                      content_type="application/json").status_code == 403
    assert api_client(world, "clerk_b").get(f"/api/v1/dossier/{dossier.pk}/actions").status_code == 404
    refused = specialist.post(f"/api/v1/dossier/{dossier.pk}/actions/{NAME}", {}, content_type="application/json")
    assert refused.status_code == 400
    done = specialist.post(f"/api/v1/dossier/{dossier.pk}/actions/{NAME}", {"reason": "Trùng hồ sơ"},
                           content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "withdrawn"
    event = DossierEvent.objects.filter(dossier=dossier).latest("id")
    assert (event.kind, event.from_state, event.to_state, event.reason, event.by) == (
        EventKind.STATE, "draft", "withdrawn", "Trùng hồ sơ", world.users["specialist"])
    assert Notification.objects.filter(user=world.users["clerk_a"], text=f"Shelved: {dossier.title}").exists()


@pytest.mark.parametrize("url_name", ["dossiers:act", "workflow:act"])
def test_the_action_page_performs_it(world, shelve, url_name):
    dossier, _line = dossier_in(world, DossierState.DRAFT)
    args = [dossier.pk, NAME] if url_name == "dossiers:act" else ["dossier", dossier.pk, NAME]
    url = reverse(url_name, args=args)
    assert client_for(world, "clerk_a").get(url).status_code == 403
    specialist = client_for(world, "specialist")
    page = specialist.get(url)
    assert page.status_code == 200
    assert "Shelve the draft" in page.content.decode()
    assert specialist.post(url, {"reason": ""}).status_code == 200  # the reason is required: the form again
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT
    response = specialist.post(url, {"reason": "Trùng hồ sơ"})
    assert response.status_code == 302
    assert response["Location"] == reverse("dossiers:detail", args=[dossier.pk])
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.WITHDRAWN


def test_the_docs_table_contains_it(shelve):
    table = docs.table(DOSSIER)
    assert f"| `{NAME}` — Shelve the draft | `draft` | `withdrawn` | receiver | required | yes |" in table
