"""Notices that arrive (issue 15, item 3), read at the real local SMTP receiver (tests/smtp_receiver.py): the
signer when a draft decision is put before him, the council's members when the ballot opens, the unit on the
council's result and on the published decision — each in-app and by e-mail, with an absolute link."""

import datetime

import pytest
from django.urls import reverse

from tdkt.notifications.models import Notification, NotificationKind, OutboxMail
from tdkt.notifications.outbox import deliver_due
from tests.decisions.support import cite_proposal
from tests.smtp_receiver import SmtpReceiver

pytestmark = pytest.mark.django_db

SITE = "https://tdkt.laocai.gov.vn"


def _address(user, address):
    user.email = address
    user.save(update_fields=["email"])
    return user


def _subject(message) -> str:
    return " ".join(message["Subject"].split())  # a long subject is folded on the wire


@pytest.fixture
def receiver(settings):
    settings.SITE_URL = SITE
    with SmtpReceiver() as server:
        settings.MAILERS = server.mailer()
        yield server


def _draft(world):
    from tdkt.decisions import services
    from tests.decisions.support import approved, make_authority, make_dossier

    dossier = make_dossier(world.unit_a)
    line = approved(dossier, person=world.person_a, position=1, position_and_unit="Chuyên viên, Sở Y tế")
    [decision] = services.draft_decisions([line], by=world.users["specialist"], authority=make_authority(),
                                          date=datetime.date(2026, 7, 1))
    return decision


def test_the_signer_is_told_when_a_draft_is_put_before_him(world, receiver):
    from tdkt.decisions.enums import DecisionState
    from tdkt.decisions.models import Decision
    from tdkt.decisions.transitions import DECISION

    signer = _address(world.users["signer"], "chutich@laocai.gov.vn")
    decision = _draft(world)
    DECISION.run(decision, "send_to_signer", by=world.users["specialist"], reason="Kính trình Chủ tịch ký.")
    assert Decision.objects.get(pk=decision.pk).state == DecisionState.DRAFT  # the step keeps the state
    assert deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    path = reverse("decisions:detail", args=[decision.pk])
    text = (f"Dự thảo quyết định “{decision.title}” đang chờ đồng chí duyệt trình ký.\n"
            "Ghi chú của chuyên viên: Kính trình Chủ tịch ký.")
    assert list(Notification.objects.values_list("user", "text", "url")) == [(signer.pk, text, path)]
    assert [(recipients, _subject(message)) for _sender, recipients, message in receiver.messages] == [
        (["chutich@laocai.gov.vn"], f"Quyết định chờ ký: {decision.title}")]
    assert receiver.bodies() == [f"{text}\n\nMở: {SITE}{path}\n"]


def test_a_signer_named_on_the_draft_is_the_only_one_told(world, receiver):
    from tdkt.accounts.enums import Role
    from tdkt.decisions.models import Decision
    from tdkt.decisions.transitions import DECISION
    from tests.factories import make_user

    named = make_user("phochutich", role=Role.SIGNER, unit=world.province, full_name="Hoàng Văn Ký")
    decision = _draft(world)
    Decision.objects.filter(pk=decision.pk).update(signer=named)
    decision.refresh_from_db()
    DECISION.run(decision, "send_to_signer", by=world.users["specialist"])
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["phochutich"]


def test_a_draft_without_lines_is_not_put_before_the_signer(world):
    from django.core.exceptions import ValidationError

    from tdkt.decisions.transitions import DECISION

    decision = _draft(world)
    decision.lines.all().delete()
    with pytest.raises(ValidationError, match=r"^\['Quyết định chưa có dòng nào"):
        DECISION.run(decision, "send_to_signer", by=world.users["specialist"])
    assert not Notification.objects.exists()


def test_ballot_open_council_result_and_decision_arrive_by_email(world, receiver):
    from tdkt.council.services import ballots
    from tdkt.decisions import services
    from tests.council.helpers import ELIGIBLE, PASSPHRASE, close_and_count, make_board, open_meeting, ready_dossier
    from tests.decisions.support import SIGNED_ON, make_authority, pdf_bytes

    clerk = _address(world.users["clerk_a"], "vanthu.a@syt.laocai.gov.vn")
    board = make_board(world, plain_members=2)
    voters = [board.chair, board.secretary, *board.members]
    for user in voters:
        _address(user, f"{user.username}@laocai.gov.vn")
    dossier = ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    assert deliver_due() == {"sent": len(voters), "retry": 0, "failed": 0}
    meeting_link = f"{SITE}{reverse('council:meeting', args=[meeting.pk])}"
    opened = f"Phiên bỏ phiếu của phiên họp Hội đồng “{meeting}” đã mở: đề nghị thành viên bỏ phiếu."
    assert sorted(recipients[0] for _sender, recipients, _message in receiver.messages) == sorted(
        f"{user.username}@laocai.gov.vn" for user in voters)
    assert {_subject(message) for _sender, _recipients, message in receiver.messages} == {
        f"Đã mở bỏ phiếu: {meeting}"}
    assert set(receiver.bodies()) == {f"{opened}\n\nMở: {meeting_link}\n"}

    receiver.messages.clear()
    [item] = meeting.items.all()
    for user in voters:
        ballots.cast_vote(ballot, by=user, choices={item.pk: "agree"})
    close_and_count(ballot, by=board.chair)
    assert deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    dossier_link = f"{SITE}{reverse('dossiers:detail', args=[dossier.pk])}"
    result = f"Hội đồng đã xét hồ sơ “{dossier.title}”.\nDòng 1 (Nguyễn Văn An): Hội đồng đồng ý"
    assert [(recipients, _subject(message)) for _sender, recipients, message in receiver.messages] == [
        (["vanthu.a@syt.laocai.gov.vn"], f"Kết quả xét của Hội đồng: {dossier.title}")]
    assert receiver.bodies() == [f"{result}\n\nMở: {dossier_link}\n"]

    receiver.messages.clear()
    line = dossier.nominations.get()
    [decision] = services.draft_decisions([line], by=world.users["specialist"], authority=make_authority(),
                                          date=datetime.date(2026, 7, 1))
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    services.publish_decision(decision, by=world.users["specialist"])
    decision.refresh_from_db()
    assert deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    published = (f"Quyết định {decision.number_text} “{decision.title}”, khen thưởng theo hồ sơ của đơn vị, "
                 "đã được ban hành.")
    assert [(recipients, _subject(message)) for _sender, recipients, message in receiver.messages] == [
        (["vanthu.a@syt.laocai.gov.vn"], f"Đã ban hành quyết định {decision.number_text}")]
    assert receiver.bodies() == [f"{published}\n\nMở: {SITE}{reverse('decisions:detail', args=[decision.pk])}\n"]
    assert set(OutboxMail.objects.filter(user=clerk).values_list("kind", flat=True)) == {
        NotificationKind.COUNCIL_RESULT, NotificationKind.DECISION_SIGNED}
