"""The decision's declared state machine: every transition by its persona (another persona refused),
every state reachable from draft, history rows (by, from, to, reason), and the race refusal."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.decisions import services
from tdkt.decisions.enums import DecisionState as S
from tdkt.decisions.models import Decision, DecisionEvent
from tdkt.decisions.transitions import DECISION
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, make_dossier, pdf_bytes


@pytest.fixture
def draft(world):
    dossier = make_dossier(world.unit_a)
    lines = [approved(dossier, person=world.person_a, position=1)]
    (decision,) = services.draft_decisions(lines, by=world.users["specialist"], authority=make_authority(),
                                           date=datetime.date(2026, 7, 1))
    return decision


def _to(world, decision, state):
    """Walk `decision` from draft to `state` through the machine."""
    if state in (S.APPROVED_FOR_SIGNING, S.SIGNED, S.PUBLISHED):
        services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    if state in (S.SIGNED, S.PUBLISHED):
        services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    if state == S.PUBLISHED:
        services.publish_decision(decision, by=world.users["specialist"])
    return Decision.objects.get(pk=decision.pk)


def _do(name, decision, user, reason):
    if name == "approve":  # its own page (confirmation, fresh second factor): the domain function directly
        return services.approve_for_signing(cite_proposal(decision), by=user)
    if name == "take_number":
        return services.assign_number(decision, by=user)
    if name == "sign":
        return services.sign_decision(decision, by=user, signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    return DECISION.run(decision, name, by=user, reason=reason)


# transition, source state, allowed persona, refused persona, target, reason
CASES = [
    ("send_to_signer", S.DRAFT, "specialist", "signer", S.DRAFT, "Kính trình Chủ tịch"),
    ("approve", S.DRAFT, "signer", "specialist", S.APPROVED_FOR_SIGNING, ""),
    ("return_to_draft", S.APPROVED_FOR_SIGNING, "signer", "clerk_a", S.DRAFT, "Sửa lại căn cứ"),
    ("take_number", S.APPROVED_FOR_SIGNING, "specialist", "council_member", S.APPROVED_FOR_SIGNING, ""),
    ("sign", S.APPROVED_FOR_SIGNING, "signer", "clerk_a", S.SIGNED, ""),
    ("publish", S.SIGNED, "specialist", "signer", S.PUBLISHED, ""),
]


def test_every_transition_is_tested():
    assert {case[0] for case in CASES} == {item.name for item in DECISION.transitions}


@pytest.mark.parametrize(("name", "source", "allowed", "refused", "target", "reason"), CASES,
                         ids=[case[0] for case in CASES])
def test_transition_by_persona(world, draft, name, source, allowed, refused, target, reason):
    decision = _to(world, draft, source)
    assert not DECISION.may(world.users[refused], decision, name)
    with pytest.raises(PermissionDenied, match=r"^Anh/chị\ không\ được\ thực\ hiện\ thao\ tác\ này\ đối\ với\ quyết\ định\ này\.$"):
        _do(name, decision, world.users[refused], reason)
    assert Decision.objects.get(pk=decision.pk).state == source
    assert DECISION.may(world.users[allowed], decision, name)
    _do(name, Decision.objects.get(pk=decision.pk), world.users[allowed], reason)
    assert Decision.objects.get(pk=decision.pk).state == target
    event = DecisionEvent.objects.filter(decision=decision).latest("id")
    assert (event.by, event.from_state, event.to_state) == (world.users[allowed], source, target)
    if reason:
        assert event.reason == reason


def test_every_state_is_reachable_from_the_initial_state():
    reached, frontier = {DECISION.initial}, [DECISION.initial]
    while frontier:
        state = frontier.pop()
        for item in DECISION.transitions:
            if state in item.sources and item.target and item.target not in reached:
                reached.add(item.target)
                frontier.append(item.target)
    assert reached == set(S.values)


def test_history_keeps_by_from_to_and_reason(world, draft):
    decision = _to(world, draft, S.APPROVED_FOR_SIGNING)
    services.return_to_draft(decision, by=world.users["signer"], reason="Sửa lại căn cứ")
    rows = list(DecisionEvent.objects.filter(decision=decision).values_list("by__username", "from_state",
                                                                            "to_state", "reason"))
    assert rows[1:] == [("chutich", "draft", "approved_for_signing", ""),
                        ("chutich", "approved_for_signing", "draft", "Sửa lại căn cứ")]


def test_the_reason_is_required_to_return_to_draft(world, draft):
    decision = _to(world, draft, S.APPROVED_FOR_SIGNING)
    with pytest.raises(ValidationError, match=r"^\{'reason':\ \['Hãy\ ghi\ lý\ do:\ đơn\ vị\ sẽ\ nhận\ được\ và\ lịch\ sử\ hồ\ sơ\ lưu\ lại\.'\]\}$"):
        DECISION.run(decision, "return_to_draft", by=world.users["signer"], reason="  ")


def test_a_racing_second_click_is_told_someone_else_acted_first(world, draft):
    first, second = Decision.objects.get(pk=draft.pk), Decision.objects.get(pk=draft.pk)
    services.approve_for_signing(cite_proposal(first), by=world.users["signer"])
    with pytest.raises(ValidationError, match=r"^\['Người\ khác\ đã\ thay\ đổi\ quyết\ định\ này\ trước:\ hiện\ ở\ trạng\ thái\ “Đã\ duyệt\ trình\ ký”\.\ Hãy\ tải\ lại\ trang\ và\ thử\ lại\.'\]$") as error:
        DECISION.perform(second, "approve", by=world.users["signer"])
    assert error.value.messages[0].startswith("Người khác đã thay đổi quyết định này trước: hiện ở trạng thái “")
    assert DecisionEvent.objects.filter(decision=draft, to_state=S.APPROVED_FOR_SIGNING).count() == 1


def test_sign_is_refused_without_its_page(world, draft):
    decision = _to(world, draft, S.APPROVED_FOR_SIGNING)
    with pytest.raises(ValidationError, match=r"^\['Hãy\ ghi\ nhận\ bản\ đã\ ký\ ở\ trang\ riêng:\ tải\ lên\ tệp\ PDF\ đã\ ký\ và\ ngày\ ký\.'\]$"):
        DECISION.run(decision, "sign", by=world.users["specialist"])
    assert Decision.objects.get(pk=decision.pk).state == S.APPROVED_FOR_SIGNING


def test_the_api_lists_and_takes_the_declared_actions(world, draft):
    from django.test import Client

    from tdkt.api.models import ApiToken

    def client(persona):
        _row, raw = ApiToken.issue(world.users[persona], "QLVB")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    signer = client("signer")
    assert [a["name"] for a in signer.get(f"/api/v1/decision/{draft.pk}/actions").json()] == ["approve"]
    assert [a["name"] for a in client("specialist").get(f"/api/v1/decision/{draft.pk}/actions").json()] == [
        "send_to_signer"]
    assert client("clerk_a").get(f"/api/v1/decision/{draft.pk}/actions").status_code == 404  # a draft is hidden
    # Approving asks for a confirmation and a fresh second factor: never through a token.
    answer = signer.post(f"/api/v1/decision/{draft.pk}/actions/approve", {"reason": ""}, content_type="application/json")
    assert answer.status_code == 400
    assert "trang riêng" in str(answer.json())
    assert Decision.objects.get(pk=draft.pk).state == S.DRAFT


def test_the_generic_action_page_performs_a_step(world, draft):
    from django.urls import reverse

    from tests.conftest import client_for

    decision = _to(world, draft, S.SIGNED)
    page = client_for(world, "specialist")
    url = reverse("workflow:act", args=["decision", decision.pk, "publish"])
    assert page.get(url).status_code == 200
    assert page.post(url, {"reason": ""}).status_code == 302
    assert Decision.objects.get(pk=decision.pk).state == S.PUBLISHED
    assert client_for(world, "signer").get(url).status_code == 403
