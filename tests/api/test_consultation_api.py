"""Hiệp y through the API: the standing body sends, the consulted agency answers from its own system."""

import pytest
from django.test import Client

from tdkt.api.models import ApiToken
from tdkt.dossiers.enums import NominationState
from tdkt.dossiers.models import Nomination
from tests.consultations.support import dossier_with_two_lines, police


@pytest.fixture
def api(world):
    def client(persona):
        _row, raw = ApiToken.issue(world.users[persona], "QLVB")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_send_then_the_agency_objects_to_one_nominee(world, api):
    dossier, first, second = dossier_with_two_lines(world)
    agency = police(world.unit_b)  # the police answer through unit B's clerk
    sent = api("specialist").post(f"/api/v1/dossiers/{dossier.pk}/consultations",
                                  {"agency_ids": [agency.pk], "nomination_ids": [first.pk, second.pk]},
                                  content_type="application/json")
    assert sent.status_code == 201, sent.content
    [request] = sent.json()
    inbox = api("clerk_b").get("/api/v1/consultations").json()
    assert [(r["id"], [n["name"] for n in r["nominees"]]) for r in inbox] == [
        (request["id"], ["Nguyễn Văn An", "Đặng Thị Đào"])]
    assert "010090001234" not in str(inbox)  # no citizen ID for the agency
    answered = api("clerk_b").post(f"/api/v1/consultations/{request['id']}/answer",
                                   {"objection": True, "text": "Đang bị xem xét vi phạm giao thông",
                                    "objected_nomination_ids": [first.pk]}, content_type="application/json")
    assert answered.status_code == 200, answered.content
    assert answered.json()["answer"] == "objection"
    assert Nomination.objects.get(pk=first.pk).state == NominationState.ON_HOLD
    assert Nomination.objects.get(pk=second.pk).state == NominationState.ACCEPTED


def test_only_the_standing_body_sends_and_only_the_addressed_agency_answers(world, api):
    dossier, first, _second = dossier_with_two_lines(world)
    agency = police(world.unit_b)
    refused = api("clerk_a").post(f"/api/v1/dossiers/{dossier.pk}/consultations",
                                  {"agency_ids": [agency.pk], "nomination_ids": [first.pk]},
                                  content_type="application/json")
    assert refused.status_code == 403
    request_id = api("specialist").post(f"/api/v1/dossiers/{dossier.pk}/consultations",
                                        {"agency_ids": [agency.pk], "nomination_ids": [first.pk]},
                                        content_type="application/json").json()[0]["id"]
    assert api("clerk_a").get("/api/v1/consultations").json() == []
    assert api("clerk_a").post(f"/api/v1/consultations/{request_id}/answer", {"objection": False},
                               content_type="application/json").status_code == 404
