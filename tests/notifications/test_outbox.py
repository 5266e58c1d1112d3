"""Notifications that arrive: a transition writes the in-app notification and the outgoing e-mail in its own
transaction; the worker sends the e-mail to a real SMTP server (tests/smtp_receiver.py) with an absolute
link; a refusing or hanging server leaves the transition done and the e-mail to retry; each user turns
the e-mail of a kind off."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.dossiers import workflow
from tdkt.notifications.models import MailPreference, MailState, Notification, NotificationKind, OutboxMail
from tdkt.notifications.outbox import deliver_due
from tdkt.notifications.services import notify
from tests.conftest import client_for
from tests.decisions.support import cite_proposal
from tests.dossiers.support import in_appraisal
from tests.factories import make_person
from tests.smtp_receiver import SmtpReceiver

pytestmark = pytest.mark.django_db

SITE = "https://tdkt.laocai.gov.vn"


@pytest.fixture
def clerk(world, settings):
    settings.SITE_URL = SITE
    clerk = world.users["clerk_a"]
    clerk.email = "vanthu.a@syt.laocai.gov.vn"
    clerk.save(update_fields=["email"])
    return clerk


def return_two_lines(world):
    """A dossier in appraisal returned with a fix request on two of its three lines."""
    people = [world.person_a, make_person("Lò Văn Sáng", unit=world.unit_a), make_person("Vàng Thị Mỷ", unit=world.unit_a)]
    dossier, lines = in_appraisal(world, people=people)
    workflow.return_for_completion(dossier, by=world.users["specialist"], reason="Hồ sơ chưa đủ thành phần.",
                                   line_fixes={lines[0].pk: "Thiếu báo cáo thành tích có xác nhận.",
                                               lines[2].pk: "Sai năm sinh so với căn cước."})
    return dossier, lines


def test_a_return_notifies_the_unit_in_app_and_by_email_with_an_absolute_link(world, clerk, settings,
                                                                             django_capture_on_commit_callbacks):
    with SmtpReceiver() as receiver:
        settings.MAILERS = receiver.mailer()
        with django_capture_on_commit_callbacks(execute=True):
            dossier, lines = return_two_lines(world)
        link = f"{SITE}{reverse('dossiers:detail', args=[dossier.pk])}"
        expected = (f"Hồ sơ “{dossier.title}” bị trả lại để bổ sung. Lý do: Hồ sơ chưa đủ thành phần.\n"
                    "Các dòng cần bổ sung:\n"
                    "Dòng 1 (Nguyễn Văn An): Thiếu báo cáo thành tích có xác nhận.\n"
                    "Dòng 3 (Vàng Thị Mỷ): Sai năm sinh so với căn cước.")
        notification = Notification.objects.get(user=clerk)
        assert (notification.text, notification.url) == (expected, reverse("dossiers:detail", args=[dossier.pk]))
        assert [(sender, recipients, message["Subject"]) for sender, recipients, message in receiver.messages] == [
            ("tdkt@localhost", ["vanthu.a@syt.laocai.gov.vn"],
             f"Hồ sơ bị trả lại để bổ sung: {dossier.title}")]
        assert receiver.bodies() == [f"{expected}\n\nMở: {link}\n"]
    mail = OutboxMail.objects.get()
    assert (mail.state, mail.attempts, mail.last_error, mail.link) == (MailState.SENT, 1, "", link)
    # The unit's leader (who sent it, no e-mail address) is told in-app too; nobody of another unit is.
    told = Notification.objects.filter(text__startswith="Hồ sơ “").values_list("user__username", flat=True)
    assert sorted(told) == ["lanhdao.a", "vanthu.a"]


@pytest.mark.parametrize(("mode", "error"), [
    ("refuse", "SMTPRecipientsRefused: {'vanthu.a@syt.laocai.gov.vn': (550, b'5.7.1 Relaying denied')}"),
    ("hang", "SMTPServerDisconnected: Connection unexpectedly closed: timed out"),  # the timeout
])
def test_a_refusing_or_hanging_server_leaves_the_return_done_and_the_mail_to_retry(world, clerk, settings, mode, error):
    with SmtpReceiver(mode=mode) as receiver:
        settings.MAILERS = receiver.mailer(timeout=0.5)
        dossier, lines = return_two_lines(world)
        assert deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
        assert receiver.messages == []
    dossier.refresh_from_db()
    assert dossier.state == "returned"
    assert Notification.objects.filter(user=clerk).count() == 1
    mail = OutboxMail.objects.get()
    assert (mail.state, mail.attempts, mail.last_error) == (MailState.PENDING, 1, error)
    assert mail.next_attempt_at > timezone.now()
    assert deliver_due() == {"sent": 0, "retry": 0, "failed": 0}  # not due before its backoff
    with SmtpReceiver() as receiver:  # the server is back: the next attempt sends it
        settings.MAILERS = receiver.mailer()
        assert deliver_due(now=mail.next_attempt_at) == {"sent": 1, "retry": 0, "failed": 0}
        assert len(receiver.messages) == 1
    mail.refresh_from_db()
    assert (mail.state, mail.attempts, mail.last_error) == (MailState.SENT, 2, "")


def test_after_the_last_attempt_the_mail_stays_failed_with_its_error(world, clerk, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    notify([clerk], text="Có quyết định mới", url="/decisions/1/", key="k", kind=NotificationKind.DECISION_SIGNED)
    later = timezone.now()
    with SmtpReceiver(mode="refuse") as receiver:
        settings.MAILERS = receiver.mailer()
        assert deliver_due(now=later) == {"sent": 0, "retry": 1, "failed": 0}
        later += datetime.timedelta(hours=1)
        assert deliver_due(now=later) == {"sent": 0, "retry": 0, "failed": 1}
        later += datetime.timedelta(hours=1)
        assert deliver_due(now=later) == {"sent": 0, "retry": 0, "failed": 0}
    mail = OutboxMail.objects.get()
    assert (mail.state, mail.attempts, mail.last_error[:22]) == (MailState.FAILED, 2, "SMTPRecipientsRefused:")


def test_email_turned_off_means_no_mail_but_still_in_app(world, clerk, settings):
    MailPreference.objects.create(user=clerk, kind=NotificationKind.DOSSIER_RETURNED, email=False)
    return_two_lines(world)
    assert Notification.objects.filter(user=clerk).count() == 1
    assert OutboxMail.objects.count() == 0


@pytest.mark.parametrize(("kind", "user_email", "mails"), [
    (NotificationKind.DECISION_SIGNED, "a@b.vn", 1),
    ("", "a@b.vn", 0),  # no kind: in-app only (the daily reminders send their own mail)
    (NotificationKind.DECISION_SIGNED, "", 0),  # no address
])
def test_which_notifications_write_an_email(world, kind, user_email, mails, settings):
    settings.SITE_URL = SITE
    user = world.users["clerk_b"]
    user.email = user_email
    user.save(update_fields=["email"])
    notify([user], text="Quyết định đã ký", url="/decisions/7/", key="d7", kind=kind)
    assert list(OutboxMail.objects.values_list("to", "link", "body")) == [
        (user_email, f"{SITE}/decisions/7/", f"Quyết định đã ký\n\nMở: {SITE}/decisions/7/")][:mails]


def test_the_preferences_page_turns_email_off_per_kind(world, clerk):
    client = client_for(world, "clerk_a")
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Thông báo qua thư điện tử" in text
    assert text.count('checked>') == len(NotificationKind.values)
    response = client.post(reverse("notifications:preferences"),
                           {"email": [NotificationKind.COUNCIL_RESULT, "not_a_kind"]})
    assert response.status_code == 302
    assert dict(MailPreference.objects.filter(user=clerk).values_list("kind", "email")) == {
        kind: kind == NotificationKind.COUNCIL_RESULT for kind in NotificationKind.values}
    assert client.get(reverse("notifications:preferences")).content.decode().count('checked>') == 1


def test_the_notification_list_runs_a_fixed_number_of_queries(world, clerk, django_assert_max_num_queries):
    client = client_for(world, "clerk_a")
    notify([clerk], text="Một", url="/x/", key="one")
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("notifications:list")).status_code == 200
    for number in range(30):
        notify([clerk], text=f"Thông báo {number}", url="/x/", key=f"n{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("notifications:list")).status_code == 200


def test_a_published_decision_notifies_the_units_whose_dossiers_it_answers(world, clerk):
    from tdkt.decisions import services
    from tests.decisions.support import SIGNED_ON, approved, make_authority, make_dossier, pdf_bytes

    dossier = make_dossier(world.unit_a)
    line = approved(dossier, person=world.person_a, position=1, position_and_unit="Chuyên viên, Sở Y tế")
    [decision] = services.draft_decisions([line], by=world.users["specialist"], authority=make_authority(),
                                          date=datetime.date(2026, 7, 1))
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    decision.refresh_from_db()
    assert Notification.objects.filter(user=clerk).count() == 0  # signed, not yet readable by the unit
    services.publish_decision(decision, by=world.users["specialist"])
    text = f"Quyết định {decision.number_text} “{decision.title}”, khen thưởng theo hồ sơ của đơn vị, đã được ban hành."
    assert list(Notification.objects.filter(user=clerk).values_list("text", "url")) == [
        (text, reverse("decisions:detail", args=[decision.pk]))]
    assert list(OutboxMail.objects.values_list("to", "subject", "kind")) == [
        (clerk.email, f"Đã ban hành quyết định {decision.number_text}", NotificationKind.DECISION_SIGNED)]
    assert not Notification.objects.filter(user=world.users["clerk_b"]).exists()


def test_the_ballot_notifies_the_members_present_and_its_result_the_unit(world, clerk):
    from tdkt.council.services import ballots
    from tests.council.helpers import ELIGIBLE, PASSPHRASE, close_and_count, make_board, open_meeting, ready_dossier

    board = make_board(world, plain_members=3)
    dossier = ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    voters = {board.chair.pk, board.secretary.pk, *(user.pk for user in board.members)}
    opened = Notification.objects.filter(url=reverse("council:meeting", args=[meeting.pk]))
    assert set(opened.values_list("user_id", flat=True)) == voters
    assert set(opened.values_list("text", flat=True)) == {
        f"Phiên bỏ phiếu của phiên họp Hội đồng “{meeting}” đã mở: đề nghị thành viên bỏ phiếu."}
    [item] = meeting.items.all()
    for user in [board.chair, board.secretary, *board.members]:
        ballots.cast_vote(ballot, by=user, choices={item.pk: "agree"})
    close_and_count(ballot, by=board.chair)
    assert list(Notification.objects.filter(user=clerk).values_list("text", flat=True)) == [
        f"Hội đồng đã xét hồ sơ “{dossier.title}”.\nDòng 1 (Nguyễn Văn An): Hội đồng đồng ý"]
    assert list(OutboxMail.objects.filter(user=clerk).values_list("subject", "kind")) == [
        (f"Kết quả xét của Hội đồng: {dossier.title}", NotificationKind.COUNCIL_RESULT)]
