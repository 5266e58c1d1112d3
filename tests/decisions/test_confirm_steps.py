""""Duyệt trình ký" and "Cấp số" on confirmation pages, with a fresh second factor for the signer: a stale
session is asked for the code, a wrong code refuses, a fresh session (or a good code) passes."""

import datetime

import pyotp
import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts import freshness
from tdkt.accounts.models import User
from tdkt.decisions import services
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import Decision
from tests.conftest import client_for
from tests.decisions.support import approved, cite_proposal, make_authority, make_dossier

SECRET = pyotp.random_base32()


@pytest.fixture
def draft(world):
    User.objects.filter(pk=world.users["signer"].pk).update(totp_secret=SECRET, totp_confirmed_at=timezone.now())
    (decision,) = services.draft_decisions([approved(make_dossier(world.unit_a), person=world.person_a)],
                                           by=world.users["specialist"], authority=make_authority())
    return cite_proposal(decision)


def _signer(world, *, verified_minutes_ago=None):
    client = client_for(world, "signer")
    if verified_minutes_ago is not None:
        session = client.session
        at = timezone.now() - datetime.timedelta(minutes=verified_minutes_ago)
        session[freshness.SESSION_SECOND_FACTOR_AT] = at.timestamp()
        session.save()
    return client


def _state(decision):
    return Decision.objects.get(pk=decision.pk).state


def test_a_stale_session_is_asked_for_the_code(world, draft, settings):
    settings.SIGNER_FRESH_SECOND_FACTOR_MINUTES = 5
    url = reverse("decisions:approve", args=[draft.pk])
    for client in (_signer(world), _signer(world, verified_minutes_ago=6)):
        page = client.get(url)
        assert page.status_code == 200 and page.context["needs_code"] is True
        assert "code" in page.context["form"].fields
        answer = client.post(url, {"confirm": "on"})
        assert answer.status_code == 200
        assert answer.context["form"].errors == {"code": ["Trường này là bắt buộc."]}
        assert _state(draft) == DecisionState.DRAFT


def test_a_wrong_code_refuses(world, draft):
    url = reverse("decisions:approve", args=[draft.pk])
    answer = _signer(world, verified_minutes_ago=30).post(url, {"confirm": "on", "code": "000000"})
    assert answer.status_code == 200
    assert answer.context["form"].errors == {"code": ["Mã không đúng hoặc đã hết hạn."]}
    assert _state(draft) == DecisionState.DRAFT


def test_a_good_code_passes_and_freshens_the_session(world, draft):
    client = _signer(world, verified_minutes_ago=30)
    answer = client.post(reverse("decisions:approve", args=[draft.pk]),
                         {"confirm": "on", "code": pyotp.TOTP(SECRET).now()})
    assert answer.status_code == 302 and answer["Location"] == reverse("decisions:detail", args=[draft.pk])
    assert _state(draft) == DecisionState.APPROVED_FOR_SIGNING
    # Within the window the number is taken with a confirmation only.
    page = client.get(reverse("decisions:number", args=[draft.pk]))
    assert page.context["needs_code"] is False and "code" not in page.context["form"].fields


def test_a_fresh_session_passes_with_the_confirmation_alone(world, draft):
    client = _signer(world, verified_minutes_ago=1)
    url = reverse("decisions:approve", args=[draft.pk])
    unconfirmed = client.post(url, {})
    assert unconfirmed.context["form"].errors == {"confirm": ["Trường này là bắt buộc."]}
    assert _state(draft) == DecisionState.DRAFT
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert _state(draft) == DecisionState.APPROVED_FOR_SIGNING
    number = client.post(reverse("decisions:number", args=[draft.pk]), {"confirm": "on"})
    assert number.status_code == 302
    assert Decision.objects.get(pk=draft.pk).number_text == "01/QĐ-UBND"


def test_the_specialist_takes_the_number_on_confirmation_without_a_code(world, draft):
    services.approve_for_signing(draft, by=world.users["signer"])
    client = client_for(world, "specialist")
    url = reverse("decisions:number", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["needs_code"] is False
    assert client.post(url, {}).status_code == 200  # not confirmed: nothing happens
    assert Decision.objects.get(pk=draft.pk).number is None
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert Decision.objects.get(pk=draft.pk).number_text == "01/QĐ-UBND"


def test_the_detail_page_links_to_the_confirmation_pages(world, draft):
    page = _signer(world).get(reverse("decisions:detail", args=[draft.pk]))
    assert f'href="{reverse("decisions:approve", args=[draft.pk])}"' in page.content.decode()


def test_sign_in_with_the_code_marks_the_session_fresh(world):
    from tdkt.accounts.middleware import SESSION_PENDING_SECOND_FACTOR

    User.objects.filter(pk=world.users["signer"].pk).update(totp_secret=SECRET, totp_confirmed_at=timezone.now())
    client = client_for(world, "signer")
    session = client.session
    session[SESSION_PENDING_SECOND_FACTOR] = True
    session.save()
    answer = client.post(reverse("accounts:second_factor"), {"code": pyotp.TOTP(SECRET).now()})
    assert answer.status_code == 302
    assert isinstance(client.session[freshness.SESSION_SECOND_FACTOR_AT], float)
