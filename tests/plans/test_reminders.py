"""`send_reminders`: overdue sweep, then one mail per unit with what is new; a second run sends nothing."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from tdkt.plans.enums import ReminderKind, TaskState
from tdkt.plans.models import PlanTask, Reminder
from tdkt.plans.reminders import send_reminders
from tests.plans.support import make_plan, make_submission, make_task

TODAY = datetime.date(2026, 3, 5)


@pytest.fixture
def scene(world):
    for key in ("clerk_a", "clerk_b"):
        world.users[key].email = f"{world.users[key].username}@lao-cai.example"
        world.users[key].save()
    plan = make_plan()
    overdue = make_task(plan, "Kiểm tra công tác thi đua tại các bệnh viện", number="2", lead=[world.unit_a],
                        due=datetime.date(2026, 2, 28))
    soon = make_task(plan, "Hội nghị sơ kết", number="3", lead=[world.unit_a], coordinating=[world.unit_b],
                     due=[datetime.date(2026, 3, 7), datetime.date(2026, 8, 31)])
    make_task(plan, "Báo cáo của Sở Nội vụ", number="4", lead=[world.home_affairs], due=datetime.date(2026, 3, 6))
    make_task(plan, "Việc của Hội đồng", number="5", lead=["Hội đồng TĐKT tỉnh"], due=datetime.date(2026, 3, 6))
    make_task(plan, "Việc đã xong", number="6", lead=[world.unit_a], due=datetime.date(2026, 3, 6),
              state=TaskState.DONE)
    submission = make_submission(plan, world.unit_b, by=world.users["specialist"], deadline=datetime.date(2026, 3, 1))
    return plan, overdue, soon, submission


def test_first_run_mails_each_unit_once(world, scene, settings):
    settings.SITE_URL = "https://tdkt.laocai.gov.vn"  # every link of a mail is absolute
    plan, overdue, soon, _ = scene
    result = send_reminders(today=TODAY)
    assert (result.swept, result.mails, result.reminders, result.already_sent) == (1, 2, 3, 0)
    assert result.units_without_recipients == ["Sở Nội vụ"]
    assert PlanTask.objects.get(pk=overdue.pk).state == TaskState.OVERDUE
    first, second = sorted(mail.outbox, key=lambda message: message.to)
    assert (first.to, first.subject) == (["vanthu.a@lao-cai.example"], "[TĐKT] Nhắc việc cho Sở Y tế: 2 nội dung")
    assert first.body == "\n".join([
        "Kính gửi: Sở Y tế", "",
        "Nhiệm vụ đơn vị chủ trì đã quá hạn:",
        f"- 2. Kiểm tra công tác thi đua tại các bệnh viện (hạn 28/02/2026): https://tdkt.laocai.gov.vn/plans/tasks/{overdue.pk}/", "",
        "Nhiệm vụ đơn vị chủ trì sắp đến hạn:",
        f"- 3. Hội nghị sơ kết (hạn 07/03/2026): https://tdkt.laocai.gov.vn/plans/tasks/{soon.pk}/", "",
        "Thư này được gửi tự động từ Hệ thống thông tin thi đua, khen thưởng.",
    ])
    assert (second.to, second.subject) == (["vanthu.b@lao-cai.example"], "[TĐKT] Nhắc việc cho Sở Giáo dục và Đào tạo: "
                                                                         "1 nội dung")
    assert second.body.splitlines()[2:4] == [
        "Kế hoạch của đơn vị chưa gửi đúng hạn:",
        f"- Kế hoạch của đơn vị thực hiện «{plan.title}» (hạn 01/03/2026): https://tdkt.laocai.gov.vn/plans/{plan.pk}/unit-plans/"]
    assert sorted(Reminder.objects.values_list("kind", "about_date")) == [
        (ReminderKind.TASK_DUE_SOON, datetime.date(2026, 3, 7)), (ReminderKind.TASK_OVERDUE, datetime.date(2026, 2, 28)),
        (ReminderKind.UNIT_PLAN_MISSING, datetime.date(2026, 3, 1))]


def test_second_run_sends_nothing(world, scene):
    send_reminders(today=TODAY)
    mail.outbox.clear()
    again = send_reminders(today=TODAY)
    assert (again.swept, again.mails, again.reminders, again.already_sent) == (0, 0, 0, 3)
    assert mail.outbox == []
    tomorrow = send_reminders(today=TODAY + datetime.timedelta(days=1))
    assert (tomorrow.mails, mail.outbox) == (0, [])
    assert Reminder.objects.count() == 3


def test_a_unit_that_gets_an_address_later_is_reminded_then(world, scene):
    send_reminders(today=TODAY)
    world.users["specialist"].email = "chuyenvien@lao-cai.example"
    world.users["specialist"].save()
    mail.outbox.clear()
    later = send_reminders(today=TODAY)
    assert (later.mails, [m.to for m in mail.outbox]) == (1, [["chuyenvien@lao-cai.example"]])
    assert mail.outbox[0].subject == "[TĐKT] Nhắc việc cho Sở Nội vụ: 1 nội dung"


def test_command_reports_in_vietnamese(world, scene):
    out = io.StringIO()
    call_command("send_reminders", "--date", "2026-03-05", stdout=out)
    assert out.getvalue() == ("Nhiệm vụ chuyển sang quá hạn: 1. Thư nhắc đã gửi: 2 (3 nội dung nhắc). "
                              "Đã nhắc từ trước: 0.\nĐơn vị chưa có người nhận thư (không có tài khoản có e-mail): "
                              "Sở Nội vụ.\n")
    out = io.StringIO()
    call_command("send_reminders", "--date", "2026-03-05", stdout=out)
    assert out.getvalue().startswith("Nhiệm vụ chuyển sang quá hạn: 0. Thư nhắc đã gửi: 0 (0 nội dung nhắc). "
                                     "Đã nhắc từ trước: 3.")


@pytest.mark.django_db
def test_command_refuses_a_bad_date():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match=r"^Ngày «05/03/2026» không đúng dạng YYYY-MM-DD\.$") as refused:
        call_command("send_reminders", "--date", "05/03/2026", stdout=io.StringIO())
    assert str(refused.value) == "Ngày «05/03/2026» không đúng dạng YYYY-MM-DD."
