"""The approval that waits for the leader (issue 15, item 1): the clerk puts the dossier before the leader
(awaiting approval: nothing in it changes), the leader approves and sends it — as a submission from a draft, a
resubmission from a return — or sends it back with a reason. Notices reach the leaders and, on a send-back, the
clerk (in-app, and by e-mail at a real local SMTP receiver with an absolute link)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.dossiers import documents, workflow
from tdkt.dossiers.enums import DossierState as S
from tdkt.dossiers.enums import NominationState as N
from tdkt.dossiers.models import Dossier, DossierCall, DossierEvent, Nomination, SendingDelegation
from tdkt.dossiers.nominees import services as lines_service
from tdkt.notifications.models import MailState, Notification, OutboxMail
from tdkt.notifications.outbox import deliver_due
from tests.conftest import client_for
from tests.dossiers.support import award, leader_a, pdf, ready_draft
from tests.factories import make_person, make_user
from tests.smtp_receiver import SmtpReceiver

pytestmark = pytest.mark.django_db

SITE = "https://tdkt.laocai.gov.vn"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
FORBIDDEN = r"^Bạn không được thực hiện thao tác này trên hồ sơ này\.$"


@pytest.fixture
def people(world, settings):
    """The leader and the clerk of unit A, with their e-mail addresses."""
    settings.SITE_URL = SITE
    leader, clerk = leader_a(world), world.users["clerk_a"]
    for user, address in ((leader, "lanhdao.a@syt.laocai.gov.vn"), (clerk, "vanthu.a@syt.laocai.gov.vn")):
        user.email = address
        user.save(update_fields=["email"])
    return leader, clerk


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _returned(world, leader):
    """A dossier of unit A returned for completion: line 1 to complete."""
    dossier, lines = ready_draft(world, people=[world.person_a, make_person("Trần Thị Bình", unit=world.unit_a)])
    workflow.submit_dossier(dossier, by=leader)
    specialist = world.users["specialist"]
    workflow.receive_dossier(dossier, by=specialist)
    workflow.start_appraisal(dossier, by=specialist)
    workflow.return_for_completion(dossier, by=specialist, reason="Bổ sung",
                                   line_fixes={lines[0].pk: "Thiếu xác nhận của cơ quan"})
    return Dossier.objects.get(pk=dossier.pk), lines


def test_the_clerk_puts_a_draft_before_the_leader_who_is_told_in_app_and_by_email(world, people, settings):
    leader, clerk = people
    make_user("lanhdao.b", role=Role.UNIT_LEADER, unit=world.unit_b)
    dossier, _lines = ready_draft(world)
    with SmtpReceiver() as receiver:
        settings.MAILERS = receiver.mailer()
        workflow.send_for_approval(dossier, by=clerk, note="Kính trình lãnh đạo xem xét.")
        assert deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    assert Dossier.objects.get(pk=dossier.pk).state == S.AWAITING_APPROVAL
    text = (f"Hồ sơ “{dossier.title}” của Sở Y tế đang chờ lãnh đạo phê duyệt trước khi gửi cơ quan thường trực.\n"
            "Ghi chú của văn thư, chuyên viên: Kính trình lãnh đạo xem xét.")
    path = reverse("dossiers:detail", args=[dossier.pk])
    assert list(Notification.objects.values_list("user__username", "text", "url")) == [("lanhdao.a", text, path)]
    assert [(recipients, " ".join(message["Subject"].split())) for _sender, recipients, message in receiver.messages] == [
        (["lanhdao.a@syt.laocai.gov.vn"], f"Hồ sơ chờ phê duyệt: {dossier.title}")]
    assert receiver.bodies() == [f"{text}\n\nMở: {SITE}{path}\n"]
    page = _client(leader).get(path)
    assert [t.name for t in page.context["actions"]] == ["approve_and_send", "send_back", "withdraw"]
    assert "Hồ sơ đang chờ lãnh đạo phê duyệt" in client_for(world, "clerk_a").get(path).content.decode()


def test_a_delegated_clerk_is_told_too_and_a_leaderless_unit_tells_the_leader_above(world, people):
    leader, clerk = people
    deputy = make_user("vanthu.a2", role=Role.UNIT_CLERK, unit=world.unit_a)
    SendingDelegation.objects.create(unit=world.unit_a, leader=leader, clerk=deputy, valid_from=TODAY,
                                     valid_to=TODAY + DAY)
    dossier, _lines = ready_draft(world)
    workflow.send_for_approval(dossier, by=clerk)
    assert sorted(Notification.objects.values_list("user__username", flat=True)) == ["lanhdao.a", "vanthu.a2"]
    child = workflow.create_dossier(unit=world.unit_a_child, title="Bệnh viện", kind="year_end", by=clerk, year=2025)
    line = Nomination.objects.create(dossier=child, person=world.person_a, proposed_award_type=award("LDTT"),
                                     award_type=award("LDTT"), position=1)
    for kind, name in (("cover_letter", "a.pdf"), ("council_minutes", "b.pdf")):
        documents.add_document(child, by=clerk, document_type=kind, uploaded=pdf(name))
    documents.add_document(child, by=clerk, document_type="achievement_report", uploaded=pdf(), nomination=line)
    Notification.objects.all().delete()
    workflow.send_for_approval(child, by=clerk)
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["lanhdao.a"]


def test_the_leader_approves_and_sends_a_draft_as_a_submission(world, people):
    leader, clerk = people
    dossier, lines = ready_draft(world)
    workflow.send_for_approval(dossier, by=clerk)
    workflow.approve_and_send(Dossier.objects.get(pk=dossier.pk), by=leader)
    dossier.refresh_from_db()
    assert (dossier.state, dossier.submitted_at is not None) == (S.SUBMITTED, True)
    assert Nomination.objects.get(pk=lines[0].pk).verdict_at_submission is not None
    states = list(DossierEvent.objects.filter(dossier=dossier, kind="state").values_list("from_state", "to_state",
                                                                                          "by__username"))
    assert states[1:] == [("draft", "awaiting_approval", "vanthu.a"), ("awaiting_approval", "submitted", "lanhdao.a")]


def test_a_late_draft_needs_the_leaders_justification(world, people):
    leader, clerk = people
    call = DossierCall.objects.create(name="Khen thưởng cuối năm 2025", year=2025, kind="year_end",
                                      cut_off=TODAY - DAY)
    dossier, _lines = ready_draft(world)
    Dossier.objects.filter(pk=dossier.pk).update(call=call)
    dossier.refresh_from_db()
    workflow.send_for_approval(dossier, by=clerk)  # the clerk need not justify: the leader does
    with pytest.raises(ValidationError, match=r"Đợt “Khen thưởng cuối năm 2025” đã hết hạn nhận hồ sơ ngày "):
        workflow.approve_and_send(dossier, by=leader)
    assert Dossier.objects.get(pk=dossier.pk).state == S.AWAITING_APPROVAL
    workflow.approve_and_send(dossier, by=leader, note="Chờ kết quả thanh tra.")
    dossier.refresh_from_db()
    assert (dossier.state, dossier.late_justification) == (S.SUBMITTED, "Chờ kết quả thanh tra.")


def test_a_returned_dossier_goes_before_the_leader_is_sent_back_then_resent(world, people, settings):
    leader, clerk = people
    dossier, lines = _returned(world, leader)
    due = dossier.step_due_on
    Notification.objects.all().delete()
    OutboxMail.objects.all().delete()
    workflow.send_for_approval(dossier, by=clerk, note="Đã bổ sung xác nhận.")
    with pytest.raises(ValidationError, match=r"^\{'reason': \['Hãy ghi lý do: đơn vị sẽ nhận được và lịch sử hồ sơ lưu lại\.'\]\}$"):
        workflow.send_back(dossier, by=leader, reason=" ")
    with SmtpReceiver() as receiver:
        settings.MAILERS = receiver.mailer()
        workflow.send_back(dossier, by=leader, reason="Xác nhận chưa có dấu.")
        assert deliver_due() == {"sent": 2, "retry": 0, "failed": 0}  # the leader's notice, then the clerk's
    dossier.refresh_from_db()
    assert (dossier.state, dossier.step_due_on) == (S.RETURNED, due)  # the return's deadline keeps running
    text = f"Lãnh đạo đã trả lại hồ sơ “{dossier.title}” cho anh/chị. Lý do: Xác nhận chưa có dấu."
    path = reverse("dossiers:detail", args=[dossier.pk])
    assert list(Notification.objects.filter(user=clerk).values_list("text", "url")) == [(text, path)]
    sent_back = [message for _sender, recipients, message in receiver.messages if recipients == [clerk.email]]
    assert [" ".join(message["Subject"].split()) for message in sent_back] == [f"Hồ sơ bị lãnh đạo trả lại: {dossier.title}"]
    assert f"{text}\n\nMở: {SITE}{path}\n" in receiver.bodies()
    lines_service.update_nomination(Nomination.objects.get(pk=lines[0].pk), by=clerk,
                                    achievement_summary="Đã có xác nhận")  # the returned line is open again
    workflow.send_for_approval(dossier, by=clerk)
    workflow.approve_and_send(Dossier.objects.get(pk=dossier.pk), by=leader, note="Đã bổ sung.")
    dossier.refresh_from_db()
    assert (dossier.state, Nomination.objects.get(pk=lines[0].pk).state) == (S.SUBMITTED, N.PROPOSED)
    assert dossier.late_justification == ""  # a resubmission's note is no late justification


def test_nothing_changes_while_the_dossier_awaits_approval(world, people):
    leader, clerk = people
    dossier, lines = ready_draft(world)
    workflow.send_for_approval(dossier, by=clerk)
    frozen = r"Chỉ sửa được danh sách đề nghị khi hồ sơ đang là bản nháp hoặc bị trả lại để.*“Chờ lãnh đạo duyệt”"
    with pytest.raises(ValidationError, match=frozen):
        lines_service.update_nomination(lines[0], by=clerk, achievement_summary="Sửa khi chờ duyệt")
    with pytest.raises(ValidationError, match=frozen):
        lines_service.add_nomination(dossier, by=clerk, award_type=award("LDTT"),
                                     person=make_person("Lò Văn Cường", unit=world.unit_a))
    client = client_for(world, "clerk_a")
    forged = client.post(reverse("nominees:line_edit", kwargs={"pk": lines[0].pk}), {
        "award_type": award("CSTD_CS").pk, "basis": lines[0].basis, "position_and_unit": "Giám đốc",
        "achievement_summary": "Giả mạo"})
    assert forged.status_code in (200, 302, 403)
    kept = Nomination.objects.get(pk=lines[0].pk)
    assert (kept.award_type.code, kept.achievement_summary, kept.position_and_unit) == (
        "LDTT", lines[0].achievement_summary, lines[0].position_and_unit)
    assert client.post(reverse("dossiers:upload", args=[dossier.pk]), {"document_type": "other"}).status_code == 403
    assert client.post(reverse("dossiers:edit", args=[dossier.pk]), {"title": "Đổi tên"}).status_code in (302, 403)
    assert Dossier.objects.get(pk=dossier.pk).title == dossier.title
    assert dossier.documents.count() == 3


def test_an_incomplete_draft_cannot_go_before_the_leader(world, people):
    _leader, clerk = people
    dossier = workflow.create_dossier(unit=world.unit_a, title="Trống", kind="year_end", by=clerk, year=2025)
    with pytest.raises(ValidationError, match=r"Hồ sơ chưa có người, tập thể nào được đề nghị"):
        workflow.send_for_approval(dossier, by=clerk)
    assert Dossier.objects.get(pk=dossier.pk).state == S.DRAFT
    assert not Notification.objects.exists()


def test_the_leader_sends_directly_and_does_not_put_it_before_himself(world, people):
    leader, _clerk = people
    dossier, _lines = ready_draft(world)
    with pytest.raises(PermissionDenied, match=FORBIDDEN):
        workflow.send_for_approval(dossier, by=leader)
    workflow.submit_dossier(dossier, by=leader)
    assert Dossier.objects.get(pk=dossier.pk).state == S.SUBMITTED


def test_two_approvers_at_once_one_sends_the_other_is_told(world, people):
    leader, clerk = people
    deputy = make_user("vanthu.a2", role=Role.UNIT_CLERK, unit=world.unit_a)
    SendingDelegation.objects.create(unit=world.unit_a, leader=leader, clerk=deputy, valid_from=TODAY,
                                     valid_to=TODAY + DAY)
    dossier, _lines = ready_draft(world)
    workflow.send_for_approval(dossier, by=clerk)
    first, second = Dossier.objects.get(pk=dossier.pk), Dossier.objects.get(pk=dossier.pk)
    workflow.approve_and_send(first, by=leader)
    raced = r"^\['Người khác vừa thay đổi hồ sơ này: hiện ở trạng thái “Đã gửi”\. Hãy tải lại trang và thử lại\.'\]$"
    with pytest.raises(ValidationError, match=raced):
        workflow.send_back(second, by=deputy, reason="Xem lại")
    second.state = S.AWAITING_APPROVAL
    with pytest.raises(ValidationError, match=raced):
        workflow.approve_and_send(second, by=deputy)
    assert DossierEvent.objects.filter(dossier=dossier, to_state=S.SUBMITTED).count() == 1


def test_two_clerks_sending_for_approval_at_once(world, people):
    _leader, clerk = people
    dossier, _lines = ready_draft(world)
    first, second = Dossier.objects.get(pk=dossier.pk), Dossier.objects.get(pk=dossier.pk)
    workflow.send_for_approval(first, by=clerk)
    second.state = S.DRAFT
    with pytest.raises(ValidationError, match=r"^\['Người khác vừa thay đổi hồ sơ này: hiện ở trạng thái “Chờ lãnh đạo duyệt”\."):
        workflow.send_for_approval(second, by=clerk)
    assert Notification.objects.count() == 1


def test_the_leader_of_unit_b_gets_404_on_unit_as_dossier(world, people):
    _leader, clerk = people
    dossier, _lines = ready_draft(world)
    workflow.send_for_approval(dossier, by=clerk)
    leader_b = make_user("lanhdao.b", role=Role.UNIT_LEADER, unit=world.unit_b)
    for action in ("approve_and_send", "send_back"):
        url = reverse("dossiers:act", kwargs={"pk": dossier.pk, "action": action})
        assert _client(leader_b).get(url).status_code == 404
        assert _client(leader_b).post(url, {"reason": "Trả lại"}).status_code == 404
        with pytest.raises(PermissionDenied, match=FORBIDDEN):
            workflow.DOSSIER.run(dossier, action, by=leader_b, reason="Trả lại")
    assert Dossier.objects.get(pk=dossier.pk).state == S.AWAITING_APPROVAL


def test_the_buttons_walk_through_the_action_pages(world, people):
    leader, _clerk = people
    dossier, _lines = ready_draft(world)
    clerk_client, leader_client = client_for(world, "clerk_a"), _client(leader)
    url = reverse("dossiers:act", kwargs={"pk": dossier.pk, "action": "send_for_approval"})
    assert clerk_client.get(url).status_code == 200
    assert clerk_client.post(url, {"reason": "Kính trình"}).status_code == 302
    back = reverse("dossiers:act", kwargs={"pk": dossier.pk, "action": "send_back"})
    refused = leader_client.post(back, {"reason": ""})
    assert (refused.status_code, Dossier.objects.get(pk=dossier.pk).state) == (200, S.AWAITING_APPROVAL)
    assert "Trường này là bắt buộc." in refused.content.decode()
    assert leader_client.post(back, {"reason": "Thiếu số tờ trình"}).status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).state == S.DRAFT
    assert clerk_client.post(url, {"reason": ""}).status_code == 302
    send = reverse("dossiers:act", kwargs={"pk": dossier.pk, "action": "approve_and_send"})
    assert clerk_client.post(send, {"reason": ""}).status_code == 403
    assert leader_client.post(send, {"reason": ""}).status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).state == S.SUBMITTED


def test_a_refusing_mail_server_never_breaks_the_approval_steps(world, people, settings):
    leader, clerk = people
    dossier, _lines = ready_draft(world)
    with SmtpReceiver(mode="refuse") as receiver:
        settings.MAILERS = receiver.mailer(timeout=0.5)
        workflow.send_for_approval(dossier, by=clerk)
        workflow.send_back(Dossier.objects.get(pk=dossier.pk), by=leader, reason="Xem lại")
        assert deliver_due() == {"sent": 0, "retry": 2, "failed": 0}
    assert Dossier.objects.get(pk=dossier.pk).state == S.DRAFT
    assert Notification.objects.count() == 2
    assert set(OutboxMail.objects.values_list("state", flat=True)) == {MailState.PENDING}


def test_the_returns_deadline_reminds_the_leader_while_the_dossier_awaits_him(world, people):
    from tdkt.dossiers.reminders import send_dossier_reminders

    leader, clerk = people
    dossier, _lines = _returned(world, leader)
    workflow.send_for_approval(dossier, by=clerk)
    Dossier.objects.filter(pk=dossier.pk).update(step_due_on=TODAY - DAY)  # the return's deadline is past
    Notification.objects.all().delete()
    send_dossier_reminders(today=TODAY)
    [text] = Notification.objects.filter(user=leader).values_list("text", flat=True)
    assert text.startswith(f"Hồ sơ “{dossier.title}” của Sở Y tế, bị trả lại để bổ sung, đang chờ lãnh đạo phê "
                           "duyệt: quá hạn ")
    assert not Notification.objects.filter(user=clerk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded catalogue
def test_the_leader_and_a_delegate_acting_at_the_same_moment(world):
    """Two real connections at once: one approves and sends, the other sends back; exactly one succeeds and the
    other is told someone else acted first (or, when it started after, that the dossier is no longer waiting)."""
    from tests.decisions.test_numbering import _run_at_once

    leader = leader_a(world)
    deputy = make_user("vanthu.a2", role=Role.UNIT_CLERK, unit=world.unit_a)
    SendingDelegation.objects.create(unit=world.unit_a, leader=leader, clerk=deputy, valid_from=TODAY,
                                     valid_to=TODAY + DAY)
    dossier, _lines = ready_draft(world)
    workflow.send_for_approval(dossier, by=world.users["clerk_a"])
    first, second = Dossier.objects.get(pk=dossier.pk), Dossier.objects.get(pk=dossier.pk)
    errors = _run_at_once([lambda: workflow.approve_and_send(first, by=leader),
                           lambda: workflow.send_back(second, by=deputy, reason="Xem lại")])
    assert [type(error) for error in errors] == [ValidationError]
    assert errors[0].messages[0].startswith(("Người khác vừa thay đổi hồ sơ này: hiện ở trạng thái “",
                                             "Hồ sơ đang ở trạng thái “"))
    state = Dossier.objects.get(pk=dossier.pk).state
    assert state in (S.SUBMITTED, S.DRAFT)
    assert DossierEvent.objects.filter(dossier=dossier, from_state=S.AWAITING_APPROVAL).count() == 1
