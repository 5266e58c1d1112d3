"""Who hears of a recommendation and its follow-up (tdkt.inspections.notices): the inspected unit when it is
recorded, accepted, returned, due soon and overdue; the team when the unit reports. Each once."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from tdkt.accounts.models import User
from tdkt.inspections import services
from tdkt.inspections.models import Recommendation
from tdkt.inspections.transitions import RECOMMENDATION_MACHINE
from tdkt.notifications.models import Notification, OutboxMail
from tests.inspections.support import recommendation_of

DUE = datetime.date(2026, 6, 30)  # a Tuesday


def texts(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("id").values_list("text", flat=True))


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_the_inspected_unit_hears_of_a_new_recommendation_by_app_and_mail(world):
    User.objects.filter(pk=world.users["clerk_a"].pk).update(email="vanthu.a@syt.laocai.gov.vn")
    item = recommendation_of(world, due_on=DUE)
    assert texts(world.users["clerk_a"]) == [
        "Đợt kiểm tra “Kiểm tra công tác thi đua, khen thưởng năm 2026” kiến nghị Sở Y tế: “Kiện toàn "
        "Hội đồng Thi đua - Khen thưởng”. Đề nghị báo cáo kết quả thực hiện trước ngày 30/06/2026."]
    assert texts(world.users["clerk_b"]) == []
    assert list(OutboxMail.objects.values_list("user__username", "kind", "subject")) == [
        ("vanthu.a", "inspection", "Kiến nghị kiểm tra đối với Sở Y tế")]
    assert Notification.objects.get(user=world.users["clerk_a"]).url == f"/inspections/records/{item.record_id}/"


def test_the_team_hears_the_report_and_the_unit_the_return_and_the_acceptance(world):
    item = recommendation_of(world, due_on=DUE)
    clerk, specialist = world.users["clerk_a"], world.users["specialist"]
    services.report_follow_up(item, by=clerk, response="Đã kiện toàn Hội đồng")
    assert texts(specialist) == [  # who planned the inspection
        "Sở Y tế đã báo cáo kết quả thực hiện kiến nghị “Kiện toàn Hội đồng Thi đua - Khen thưởng”: "
        "đề nghị chấp nhận hoặc trả lại."]
    RECOMMENDATION_MACHINE.run(item, "return", by=specialist, reason="Thiếu quyết định kiện toàn")
    item.refresh_from_db()
    services.report_follow_up(item, by=clerk, response="Gửi kèm quyết định")
    RECOMMENDATION_MACHINE.run(item, "accept", by=specialist)
    assert texts(clerk)[1:] == [
        "Đoàn kiểm tra trả lại kết quả thực hiện kiến nghị “Kiện toàn Hội đồng Thi đua - Khen thưởng” (hạn "
        "30/06/2026). Lý do: Thiếu quyết định kiện toàn",
        "Đoàn kiểm tra đã chấp nhận kết quả thực hiện kiến nghị “Kiện toàn Hội đồng Thi đua - Khen thưởng”; kiến "
        "nghị đã kết thúc."]
    assert len(texts(specialist)) == 2  # the second report too


def _sweep(today: datetime.date) -> str:
    out = StringIO()
    call_command("send_inspection_reminders", f"--today={today.isoformat()}", stdout=out)
    return out.getvalue().strip()


def test_the_daily_sweep_reminds_once_before_the_due_date_and_once_when_overdue(world):
    recommendation_of(world, due_on=DUE)
    clerk = world.users["clerk_a"]
    assert _sweep(datetime.date(2026, 6, 24)) == "due_soon=0 overdue=0"  # 4 working days ahead
    assert _sweep(datetime.date(2026, 6, 25)) == "due_soon=1 overdue=0"  # 3 working days ahead
    assert _sweep(datetime.date(2026, 6, 26)) == "due_soon=0 overdue=0"  # already reminded
    assert _sweep(datetime.date(2026, 6, 30)) == "due_soon=0 overdue=0"  # due today: not yet overdue
    assert _sweep(datetime.date(2026, 7, 1)) == "due_soon=0 overdue=1"
    assert _sweep(datetime.date(2026, 7, 2)) == "due_soon=0 overdue=0"
    assert texts(clerk)[1:] == [
        "Kiến nghị “Kiện toàn Hội đồng Thi đua - Khen thưởng” đối với Sở Y tế đến hạn ngày 30/06/2026.",
        "Kiến nghị “Kiện toàn Hội đồng Thi đua - Khen thưởng” đối với Sở Y tế đã quá hạn ngày "
        "30/06/2026: đề nghị báo cáo kết quả thực hiện."]


def test_a_returned_follow_up_past_its_due_date_is_reminded_again_and_a_closed_one_never(world):
    item = recommendation_of(world, due_on=DUE)
    clerk, specialist = world.users["clerk_a"], world.users["specialist"]
    assert _sweep(datetime.date(2026, 7, 1)) == "due_soon=0 overdue=1"
    services.report_follow_up(item, by=clerk, response="Đã kiện toàn")
    assert _sweep(datetime.date(2026, 7, 2)) == "due_soon=0 overdue=0"  # reported: the team owes the next step
    RECOMMENDATION_MACHINE.run(item, "return", by=specialist, reason="Thiếu quyết định")
    Recommendation.objects.filter(pk=item.pk).update(  # the return happened on 03/07
        state_changed_at=timezone.make_aware(datetime.datetime(2026, 7, 3, 9)))
    assert _sweep(datetime.date(2026, 7, 6)) == "due_soon=0 overdue=1"
    item.refresh_from_db()
    services.report_follow_up(item, by=clerk, response="Gửi kèm quyết định")
    RECOMMENDATION_MACHINE.run(item, "accept", by=specialist)
    assert _sweep(datetime.date(2026, 7, 7)) == "due_soon=0 overdue=0"
