"""Leader approval (issue 15, item 1) and accepted lines frozen for the unit (item 2).

The clerk prepares, the unit's leader approves and sends (submit, resubmit); a clerk may send only under a
current delegation from the leader, and the timeline says on whose behalf. While a dossier is returned for
completion, the unit changes only the lines returned to it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.audit.models import AuditEvent
from tdkt.dossiers import workflow
from tdkt.dossiers.delegations import delegate_sending, revoke_delegation
from tdkt.dossiers.enums import DossierState as S
from tdkt.dossiers.enums import NominationState as N
from tdkt.dossiers.models import Dossier, DossierEvent, Nomination, SendingDelegation
from tdkt.dossiers.nominees import services as lines_service
from tests.conftest import client_for
from tests.dossiers.support import award, leader_a, ready_draft, store_verdict
from tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db

FORBIDDEN = r"^Bạn không được thực hiện thao tác này trên hồ sơ này\.$"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _delegate(world, *, valid_from=TODAY, valid_to=TODAY + 30 * DAY):
    return SendingDelegation.objects.create(unit=world.unit_a, leader=leader_a(world), clerk=world.users["clerk_a"],
                                            valid_from=valid_from, valid_to=valid_to)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


# persona -> may the persona approve and send unit A's draft? (delegation: None, "current", "past", "future",
# "revoked")
PERSONAS = [
    ("leader of unit A", "leader_a", None, True),
    ("clerk of unit A, no delegation", "clerk_a", None, False),
    ("clerk of unit A, delegation in its period", "clerk_a", "current", True),
    ("clerk of unit A, delegation over", "clerk_a", "past", False),
    ("clerk of unit A, delegation not yet begun", "clerk_a", "future", False),
    ("clerk of unit A, delegation revoked", "clerk_a", "revoked", False),
    ("specialist", "specialist", None, False),
]


@pytest.mark.parametrize(("label", "persona", "delegation", "allowed"), PERSONAS, ids=[p[0] for p in PERSONAS])
def test_who_approves_and_sends(world, label, persona, delegation, allowed):
    dossier, _lines = ready_draft(world)
    periods = {"current": (TODAY - DAY, TODAY + DAY), "past": (TODAY - 30 * DAY, TODAY - DAY),
               "future": (TODAY + DAY, TODAY + 30 * DAY), "revoked": (TODAY - DAY, TODAY + DAY)}
    if delegation:
        made = _delegate(world, valid_from=periods[delegation][0], valid_to=periods[delegation][1])
        if delegation == "revoked":
            SendingDelegation.objects.filter(pk=made.pk).update(revoked_at=timezone.now())
    user = leader_a(world) if persona == "leader_a" else world.users[persona]
    if not allowed:
        with pytest.raises(PermissionDenied, match=FORBIDDEN):
            workflow.submit_dossier(dossier, by=user)
        assert Dossier.objects.get(pk=dossier.pk).state == S.DRAFT
        return
    workflow.submit_dossier(dossier, by=user)
    event = DossierEvent.objects.get(dossier=dossier, to_state=S.SUBMITTED)
    assert event.by == user
    if delegation:
        assert event.extra["on_behalf_of"] == "Lê Văn Lãnh"
        assert DossierEvent.objects.filter(dossier=dossier, kind="note").latest("pk").reason == (
            f"Gửi thay Lê Văn Lãnh (theo ủy quyền đến hết ngày {TODAY + DAY:%d/%m/%Y}).")
    else:
        assert event.extra == {}


def test_the_clerk_sees_no_send_button_and_the_leader_of_unit_b_gets_404(world):
    dossier, _lines = ready_draft(world)
    page = client_for(world, "clerk_a").get(reverse("dossiers:detail", kwargs={"pk": dossier.pk}))
    assert [t.name for t in page.context["actions"]] == ["send_for_approval", "withdraw"]  # to the leader, not out
    assert ("Chỉ lãnh đạo đơn vị, hoặc văn thư, chuyên viên được lãnh đạo ủy quyền, mới phê duyệt và gửi hồ sơ "
            "này.") in page.content.decode()
    leader_page = _client(leader_a(world)).get(reverse("dossiers:detail", kwargs={"pk": dossier.pk}))
    assert 'id="awaiting-leader"' not in leader_page.content.decode()
    leader_b = make_user("lanhdao.b", role=Role.UNIT_LEADER, unit=world.unit_b)
    act = reverse("dossiers:act", kwargs={"pk": dossier.pk, "action": "submit"})
    assert _client(leader_b).get(act).status_code == 404
    assert _client(leader_b).post(act, {"reason": ""}).status_code == 404
    assert _client(leader_b).post(f"/api/v1/dossiers/{dossier.pk}/submit").status_code in (401, 403, 404)
    assert Dossier.objects.get(pk=dossier.pk).state == S.DRAFT
    sent = _client(leader_a(world)).post(act, {"reason": ""})
    assert sent.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).state == S.SUBMITTED


def test_the_leader_of_a_parent_unit_approves_its_sub_units_dossier(world):
    parent_leader = make_user("lanhdao.tinh", role=Role.UNIT_LEADER, unit=world.province)
    dossier = workflow.create_dossier(unit=world.unit_a_child, title="Bệnh viện", kind="year_end",
                                      by=world.users["clerk_a"], year=2025)
    assert "submit" in [t.name for t in workflow.DOSSIER.allowed(parent_leader, dossier)]
    assert "submit" not in [t.name for t in workflow.DOSSIER.allowed(leader_a(world), Dossier(unit=world.unit_b))]


def test_two_approvals_at_once_one_change_one_clear_refusal(world):
    dossier, _lines = ready_draft(world)
    first, second = Dossier.objects.get(pk=dossier.pk), Dossier.objects.get(pk=dossier.pk)
    _delegate(world)
    workflow.submit_dossier(first, by=leader_a(world))
    second.state = S.DRAFT  # loaded before the first approval
    with pytest.raises(ValidationError, match=r"^\['Người khác vừa thay đổi hồ sơ này: hiện ở trạng thái “Đã gửi”\. "
                                              r"Hãy tải lại trang và thử lại\.'\]$"):
        workflow.submit_dossier(second, by=world.users["clerk_a"])
    assert DossierEvent.objects.filter(dossier=dossier, to_state=S.SUBMITTED).count() == 1


def test_resubmission_needs_the_leader_too(world):
    dossier, lines = ready_draft(world)
    workflow.submit_dossier(dossier, by=leader_a(world))
    workflow.receive_dossier(dossier, by=world.users["specialist"])
    workflow.start_appraisal(dossier, by=world.users["specialist"])
    workflow.return_for_completion(dossier, by=world.users["specialist"], reason="Bổ sung",
                                   line_fixes={lines[0].pk: "Thiếu chữ ký"})
    with pytest.raises(PermissionDenied, match=FORBIDDEN):
        workflow.resubmit_dossier(dossier, by=world.users["clerk_a"])
    workflow.resubmit_dossier(dossier, by=leader_a(world), note="Đã bổ sung.")
    assert (Dossier.objects.get(pk=dossier.pk).state, Nomination.objects.get(pk=lines[0].pk).state) == (
        S.SUBMITTED, N.PROPOSED)


# (who delegates, to whom, period) -> the refusal
DELEGATION_REFUSALS = [
    ("clerk", "clerk_a", (0, 10), PermissionDenied, r"^Chỉ lãnh đạo “Sở Y tế” được ủy quyền gửi hồ sơ của đơn vị\.$"),
    ("leader", "clerk_b", (0, 10), ValidationError, r"vanthu\.b không phải văn thư, chuyên viên của “Sở Y tế”\."),
    ("leader", "specialist", (0, 10), ValidationError, r"không phải văn thư, chuyên viên của “Sở Y tế”"),
    ("leader", "clerk_a", (5, 1), ValidationError, r"Ngày kết thúc ủy quyền phải bằng hoặc sau ngày bắt đầu\."),
    ("leader", "clerk_a", (-10, -1), ValidationError, r"Thời hạn ủy quyền đã kết thúc\."),
]


@pytest.mark.parametrize(("giver", "clerk", "days", "error", "message"), DELEGATION_REFUSALS)
def test_delegation_refusals(world, giver, clerk, days, error, message):
    by = leader_a(world) if giver == "leader" else world.users["clerk_a"]
    with pytest.raises(error, match=message):
        delegate_sending(unit=world.unit_a, clerk=world.users[clerk], valid_from=TODAY + days[0] * DAY,
                         valid_to=TODAY + days[1] * DAY, by=by)
    assert not SendingDelegation.objects.exists()


def test_delegation_and_its_revocation_are_audited(world):
    delegation = delegate_sending(unit=world.unit_a, clerk=world.users["clerk_a"], valid_from=TODAY,
                                  valid_to=TODAY + 10 * DAY, by=leader_a(world))
    revoke_delegation(delegation, by=leader_a(world))
    with pytest.raises(ValidationError, match=r"Ủy quyền này đã được thu hồi trước đó\."):
        revoke_delegation(delegation, by=leader_a(world))
    rows = AuditEvent.objects.filter(object_type="dossiers.sendingdelegation").order_by("pk")
    assert [(row.action, sorted(row.changes)) for row in rows] == [
        ("create", ["clerk", "leader", "unit", "valid_from", "valid_to"]), ("update", ["revoked_at"])]
    dossier, _lines = ready_draft(world)
    with pytest.raises(PermissionDenied, match=FORBIDDEN):
        workflow.submit_dossier(dossier, by=world.users["clerk_a"])


# --- accepted lines frozen while the dossier is returned ----------------------------------------------------------

@pytest.fixture
def returned(world):
    """A returned dossier of unit A: line 1 accepted, line 2 returned to the unit with a fix request."""
    second = make_person("Trần Thị Bình", unit=world.unit_a)
    dossier, lines = ready_draft(world, people=[world.person_a, second])
    workflow.submit_dossier(dossier, by=leader_a(world))
    workflow.receive_dossier(dossier, by=world.users["specialist"])
    workflow.start_appraisal(dossier, by=world.users["specialist"])
    store_verdict(lines)  # accepting a line not "eligible" needs a reason and a confirmation
    workflow.accept_line(Nomination.objects.get(pk=lines[0].pk), by=world.users["specialist"])
    workflow.return_for_completion(dossier, by=world.users["specialist"], reason="Bổ sung",
                                   line_fixes={lines[1].pk: "Thiếu xác nhận"})
    return Dossier.objects.get(pk=dossier.pk), [Nomination.objects.get(pk=line.pk) for line in lines]


FROZEN = (r"Dòng 1 \(Nguyễn Văn An\) đang ở trạng thái “Đạt qua thẩm định”: khi hồ sơ bị trả lại để bổ "
          r"sung, đơn vị chỉ được sửa các dòng được trả lại\.")
EDITS = [
    ("award", lambda line: {"award_type": award("BK_TINH")}),
    ("summary", lambda line: {"achievement_summary": "Sửa sau khi đã chấp nhận"}),
    ("position", lambda line: {"position_and_unit": "Giám đốc"}),
]


@pytest.mark.parametrize(("field", "changes"), EDITS, ids=[e[0] for e in EDITS])
def test_an_accepted_line_cannot_be_changed_while_returned(world, returned, field, changes):
    _dossier, (accepted, to_fix) = returned
    with pytest.raises(ValidationError, match=FROZEN):
        lines_service.update_nomination(accepted, by=world.users["clerk_a"], **changes(accepted))
    kept = Nomination.objects.get(pk=accepted.pk)
    assert (kept.state, kept.award_type.code, kept.achievement_summary) == (N.ACCEPTED, "LDTT", accepted.achievement_summary)
    lines_service.update_nomination(to_fix, by=world.users["clerk_a"], **changes(to_fix))  # the returned line may


def test_an_accepted_line_cannot_be_removed_nor_a_line_added_while_returned(world, returned):
    dossier, (accepted, _to_fix) = returned
    with pytest.raises(ValidationError, match=FROZEN):
        lines_service.remove_nomination(accepted, by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"Hồ sơ bị trả lại để bổ sung không được thêm dòng mới"):
        lines_service.add_nomination(dossier, by=world.users["clerk_a"], award_type=award("BK_TINH"),
                                     person=make_person("Lò Văn Cường", unit=world.unit_a))
    assert Nomination.objects.filter(dossier=dossier).count() == 2


def test_a_forged_edit_form_on_an_accepted_line_is_refused(world, returned):
    _dossier, (accepted, _to_fix) = returned
    client = client_for(world, "clerk_a")
    response = client.post(reverse("nominees:line_edit", kwargs={"pk": accepted.pk}), {
        "award_type": award("BK_TINH").pk, "basis": accepted.basis, "position_and_unit": "Giám đốc",
        "achievement_summary": "Giả mạo"})
    assert response.status_code == 200
    assert "đơn vị chỉ được sửa các dòng được trả lại" in response.content.decode()
    kept = Nomination.objects.get(pk=accepted.pk)
    assert (kept.award_type.code, kept.proposed_award_type.code, kept.position_and_unit) == (
        "LDTT", "LDTT", accepted.position_and_unit)
    removed = client.post(reverse("nominees:line_remove", kwargs={"pk": accepted.pk}), follow=True)
    assert "đơn vị chỉ được sửa các dòng được trả lại" in removed.content.decode()
    assert Nomination.objects.filter(pk=accepted.pk).exists()
