"""How the generated buttons are drawn: a link to the confirm page by default; a one-click POST form (with the
CSRF token), with the reason input inline, posting to the transition's own view (`post_url`) when declared;
ids, classes and `shown_if` from the declaration. Throw-away transitions appended to DOSSIER at test time."""

import re

import pytest
from django.urls import reverse

from tdkt.dossiers.enums import DossierState
from tdkt.dossiers.transitions import DOSSIER, PROVINCE
from tdkt.workflow.machine import transition
from tests.conftest import client_for
from tests.workflow.support import dossier_in

pytestmark = pytest.mark.django_db


def _declare(monkeypatch, *items):
    monkeypatch.setattr(DOSSIER, "transitions", [*DOSSIER.transitions, *items])


def _page(world, persona, dossier):
    response = client_for(world, persona).get(reverse("dossiers:detail", kwargs={"pk": dossier.pk}))
    assert response.status_code == 200
    return response.content.decode()


def _form_of(page, name):
    match = re.search(rf'<form method="post" action="([^"]+)" class="inline" data-action="{name}">(.*?)</form>',
                      page, re.S)
    assert match, f"no form for {name}"
    return match.group(1), match.group(2)


def test_a_one_click_transition_is_a_post_form_to_the_action_view(world, monkeypatch):
    _declare(monkeypatch, transition("shelve_draft", "Shelve the draft", {DossierState.DRAFT}, DossierState.WITHDRAWN,
                                     PROVINCE, one_click=True, button_id="shelve", primary=True, danger=True))
    dossier, _line = dossier_in(world, DossierState.DRAFT)
    action, body = _form_of(_page(world, "specialist", dossier), "shelve_draft")
    assert action == reverse("dossiers:act", args=[dossier.pk, "shelve_draft"])
    assert 'name="csrfmiddlewaretoken"' in body
    assert '<button id="shelve" class="primary danger">Shelve the draft</button>' in body
    assert 'name="reason"' not in body
    assert 'data-action="shelve_draft"' not in _page(world, "clerk_a", dossier)
    # The action view performs on POST.
    response = client_for(world, "specialist").post(action)
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == DossierState.WITHDRAWN


def test_an_inline_reason_transition_draws_the_input(world, monkeypatch):
    _declare(monkeypatch, transition("shelve_draft", "Shelve the draft", {DossierState.DRAFT}, DossierState.WITHDRAWN,
                                     PROVINCE, reason_required=True, inline_reason=True))
    dossier, _line = dossier_in(world, DossierState.DRAFT)
    action, body = _form_of(_page(world, "specialist", dossier), "shelve_draft")
    assert action == reverse("dossiers:act", args=[dossier.pk, "shelve_draft"])
    assert re.search(r'<input name="reason" required placeholder="[^"]+"', body)
    assert "<button>Shelve the draft</button>" in body


def test_post_url_is_the_form_target_when_given(world, monkeypatch):
    _declare(monkeypatch, transition("shelve_draft", "Shelve the draft", {DossierState.DRAFT}, DossierState.WITHDRAWN,
                                     PROVINCE, one_click=True, post_url="dossiers:detail"))
    dossier, _line = dossier_in(world, DossierState.DRAFT)
    action, _body = _form_of(_page(world, "specialist", dossier), "shelve_draft")
    assert action == reverse("dossiers:detail", args=[dossier.pk])


def test_by_default_a_link_and_shown_if_hides_it(world, monkeypatch):
    _declare(monkeypatch,
             transition("shelve_draft", "Shelve the draft", {DossierState.DRAFT}, DossierState.WITHDRAWN, PROVINCE,
                        post_url="dossiers:detail"),
             transition("hidden_one", "Hidden", {DossierState.DRAFT}, DossierState.WITHDRAWN, PROVINCE,
                        one_click=True, shown_if=lambda dossier: False))
    dossier, _line = dossier_in(world, DossierState.DRAFT)
    page = _page(world, "specialist", dossier)
    assert f'href="{reverse("dossiers:act", args=[dossier.pk, "shelve_draft"])}" data-action="shelve_draft"' in page
    assert 'data-action="hidden_one"' not in page
