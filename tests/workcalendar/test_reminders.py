"""The daily dossier reminders: who gets what, e-mail and in-app, and idempotence (mail is the only
thing replaced: Django's locmem backend)."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from tdkt.dossiers.models import DossierCall
from tdkt.dossiers.reminders import send_dossier_reminders
from tdkt.notifications.models import Notification
from tests.workcalendar.support import make_dossier

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 3, 4)  # Wednesday


@pytest.fixture
def late_world(world):
    users = world.users
    for name, email in (("specialist", "chuyenvien@snv.example"), ("clerk_a", "vanthu@syt.example")):
        users[name].email = email
        users[name].save(update_fields=["email"])
    call = DossierCall.objects.create(name="Chuyên đề phòng chống dịch", year=2026, kind="thematic",
                                      cut_off=D(2026, 3, 10))  # 4 working days ahead
    make_dossier(world.unit_a, state="in_appraisal", due=D(2026, 3, 3), assignee=users["specialist"],
                 title="HS Sở Y tế", call=call)
    make_dossier(world.unit_b, state="submitted", due=D(2026, 3, 5), title="HS Sở GDĐT chưa giao")
    make_dossier(world.unit_a, state="returned", due=D(2026, 3, 2), title="HS Sở Y tế bị trả")
    make_dossier(world.unit_b, state="in_appraisal", due=D(2026, 3, 20), assignee=users["specialist"],
                 title="HS còn hạn")
    return world


def _texts(user):
    return sorted(Notification.objects.filter(user=user).values_list("text", flat=True))


def test_each_recipient_gets_their_reminders_by_mail_and_in_app(late_world, mailoutbox):
    users = late_world.users
    result = send_dossier_reminders(today=TODAY)
    assert _texts(users["specialist"]) == [
        "Hồ sơ “HS Sở GDĐT chưa giao” của Sở Giáo dục và Đào tạo, bước “Đã gửi”: còn 1 ngày làm việc (hạn 05/03/2026).",
        "Hồ sơ “HS Sở Y tế” của Sở Y tế, bước “Đang thẩm định”: quá hạn 1 ngày làm việc (hạn 03/03/2026).",
    ]
    assert _texts(users["clerk_a"]) == [
        "Hồ sơ “HS Sở Y tế bị trả” trả lại Sở Y tế để bổ sung: quá hạn 2 ngày làm việc (hạn 02/03/2026)."]
    # unit A sent a dossier for the call; unit B did not
    assert _texts(users["clerk_b"]) == [
        "Đợt nhận hồ sơ “Chuyên đề phòng chống dịch” hết hạn ngày 10/03/2026 (còn 4 ngày làm việc) mà đơn vị "
        "chưa gửi hồ sơ. Hồ sơ nộp muộn phải kèm văn bản giải trình."]
    assert _texts(users["council_member"]) == []
    assert sorted(mail.to[0] for mail in mailoutbox) == ["chuyenvien@snv.example", "vanthu@syt.example"]
    specialist_mail = next(mail for mail in mailoutbox if mail.to == ["chuyenvien@snv.example"])
    assert specialist_mail.subject == "[TĐKT] Nhắc việc hồ sơ ngày 04/03/2026: 2 việc"
    assert "HS Sở GDĐT chưa giao" in specialist_mail.body and "HS còn hạn" not in specialist_mail.body
    assert (result.items, result.new_notifications, result.mails, len(result.users)) == (4, 4, 2, 3)


def test_a_second_run_the_same_day_sends_nothing(late_world, mailoutbox):
    send_dossier_reminders(today=TODAY)
    count, mails = Notification.objects.count(), len(mailoutbox)
    again = send_dossier_reminders(today=TODAY)
    assert (again.new_notifications, again.mails, again.already_sent) == (0, 0, 4)
    assert Notification.objects.count() == count
    assert len(mailoutbox) == mails


def test_the_next_day_reminds_again_while_still_late(late_world, mailoutbox):
    send_dossier_reminders(today=TODAY)
    following = send_dossier_reminders(today=D(2026, 3, 5))
    assert following.new_notifications == 4
    assert Notification.objects.filter(user=late_world.users["clerk_a"]).count() == 2


def test_the_assignee_alone_is_reminded_and_unassigned_dossiers_go_to_every_specialist(world, mailoutbox):
    from tdkt.accounts.enums import Role
    from tests.factories import make_user

    other = make_user("chuyenvien2", role=Role.PROVINCE_SPECIALIST, unit=world.home_affairs)
    make_dossier(world.unit_a, state="in_appraisal", due=D(2026, 3, 3), assignee=other, title="HS giao người 2")
    make_dossier(world.unit_b, state="received", due=D(2026, 3, 3), title="HS chưa giao")
    send_dossier_reminders(today=TODAY)
    assert [text.split("”")[0] for text in _texts(other)] == ["Hồ sơ “HS chưa giao", "Hồ sơ “HS giao người 2"]
    assert [text.split("”")[0] for text in _texts(world.users["specialist"])] == ["Hồ sơ “HS chưa giao"]


def test_dry_run_writes_and_sends_nothing(late_world, mailoutbox):
    result = send_dossier_reminders(today=TODAY, dry_run=True)
    assert (result.new_notifications, result.mails) == (4, 2)
    assert Notification.objects.count() == 0
    assert mailoutbox == []
    assert result.summary().startswith("Chạy thử, không gửi gì.")


def test_overdue_consultation_reminds_the_specialist(world, mailoutbox):
    from tdkt.dossiers.consultations.models import ConsultationRequest, ConsultedAgency

    dossier = make_dossier(world.unit_a, state="consultation", due=D(2026, 3, 20), title="HS hiệp y",
                           assignee=world.users["specialist"])
    agency, _created = ConsultedAgency.objects.get_or_create(name="Công an tỉnh (thử)")
    ConsultationRequest.objects.create(dossier=dossier, agency=agency, sent_on=D(2026, 2, 13), due_on=D(2026, 3, 2))
    ConsultationRequest.objects.create(dossier=dossier, agency=ConsultedAgency.objects.create(name="Thuế (thử)"),
                                       sent_on=D(2026, 2, 13), due_on=D(2026, 3, 5))  # not due yet
    send_dossier_reminders(today=TODAY)
    assert _texts(world.users["specialist"]) == [
        "Hiệp y với Công an tỉnh (thử) về hồ sơ “HS hiệp y”: chưa có trả lời, quá hạn 2 ngày làm việc (hạn 02/03/2026)."]


def test_command_prints_a_vietnamese_summary(late_world, mailoutbox, capsys):
    call_command("send_dossier_reminders", "--today", "04/03/2026")
    assert capsys.readouterr().out.strip() == (
        "Nhắc việc hồ sơ ngày 04/03/2026: 4 việc đến hạn; 4 thông báo mới cho 3 người dùng, 2 thư điện tử; "
        "0 thông báo đã gửi hôm nay; 0 thư gửi lỗi; 0 việc không có người nhận.")
    call_command("send_dossier_reminders", "--today", "04/03/2026")
    assert "0 thông báo mới cho 0 người dùng, 0 thư điện tử; 4 thông báo đã gửi hôm nay" in capsys.readouterr().out


def test_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="Ngày không hợp lệ: «2026-03-04»"):
        call_command("send_dossier_reminders", "--today", "2026-03-04")


def test_reminder_run_uses_a_fixed_number_of_queries(late_world, mailoutbox, django_assert_num_queries):
    for index in range(5):
        make_dossier(late_world.unit_b, state="in_appraisal", due=D(2026, 3, 2), title=f"HS thêm {index}",
                     assignee=late_world.users["specialist"])
    # calendar, specialists, dossiers, clerks ×2, calls, sent units, consultations, requests received, known keys,
    # users; then per recipient: savepoint, insert, release
    with django_assert_num_queries(20):
        send_dossier_reminders(today=TODAY)


def test_a_refused_mail_keeps_nothing_so_the_next_run_retries(late_world, mailoutbox, monkeypatch):
    from django.core.mail import EmailMessage

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP relay down")

    with monkeypatch.context() as patch:  # the mail server is the outside world: the only thing replaced
        patch.setattr(EmailMessage, "send", refuse)
        failed = send_dossier_reminders(today=TODAY)
    assert (failed.failed_mails, failed.mails, failed.new_notifications) == (2, 0, 1)  # clerk_b has no e-mail
    assert Notification.objects.filter(user=late_world.users["specialist"]).count() == 0
    retried = send_dossier_reminders(today=TODAY)
    assert (retried.mails, retried.new_notifications, retried.already_sent) == (2, 3, 1)
    assert len(mailoutbox) == 2
