"""Demo data of the inspections register: the year's inspection of TĐKT work (the seed plan: "Thành viên Hội
đồng TĐKT tỉnh kiểm tra công tác TĐKT tại các cơ quan, đơn vị, địa phương", quarter III) linked to the demo
plan's inspection task when the plan is loaded; a record per unit (Sở Y tế, the home commune, Sở Giáo dục và
Đào tạo) with its checklist assessed and findings; recommendations closed, reported, open and one overdue
on the home commune, whose clerk is the demo account vanthu.xa (so it shows on that clerk's home); the
conclusions of two records numbered and dated. Made through tdkt.inspections.services (audit and state
history are real). Dates are demo dates in the demo year, never after today."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.inspections import services
from tdkt.inspections.enums import Assessment
from tdkt.inspections.models import Inspection, Recommendation
from tdkt.orgs.models import Unit
from tdkt.people.models import Person
from tdkt.plans.enums import TaskKind
from tdkt.plans.models import PlanTask

SPECIALIST, SECRETARY, CLERKS = "chuyenvien", "thuky", ("vanthu.soyte", "vanthu.xa")
TITLE = "Kiểm tra công tác thi đua, khen thưởng tại các cơ quan, đơn vị, địa phương năm {year}"
DEMO_TITLE_PREFIX = "Kiểm tra công tác thi đua, khen thưởng tại các cơ quan"
# Each unit's assessments in checklist order (cycled): most done well, a few with shortcomings, one not done.
PATTERNS = {
    0: (Assessment.GOOD, Assessment.GOOD, Assessment.ADEQUATE, Assessment.GOOD, Assessment.GOOD,
        Assessment.ADEQUATE, Assessment.GOOD, Assessment.GOOD, Assessment.NOT_DONE, Assessment.GOOD, Assessment.GOOD),
    1: (Assessment.GOOD, Assessment.ADEQUATE, Assessment.GOOD, Assessment.ADEQUATE, Assessment.GOOD, Assessment.GOOD,
        Assessment.ADEQUATE, Assessment.NOT_DONE, Assessment.NOT_APPLICABLE, Assessment.GOOD, Assessment.ADEQUATE),
}
NOTES = {
    Assessment.ADEQUATE: "Có thực hiện nhưng hồ sơ chưa đầy đủ, chưa đúng thời gian quy định.",
    Assessment.NOT_DONE: "Chưa thực hiện trong năm.",
}


def _day(year: int, month: int, day: int) -> datetime.date:
    return min(datetime.date(year, month, day), timezone.localdate())


def _task(year: int):
    """The demo plan's inspection task by the provincial council's members (the seed's part III, row 3)."""
    tasks = PlanTask.objects.filter(plan__is_demo=True, plan__year=year, kind=TaskKind.INSPECTION).order_by("sort_order")
    return next((t for t in tasks if "Thành viên Hội đồng" in t.content), None) or tasks.first()


def _units(users) -> list[Unit]:
    units = []
    for username in CLERKS:
        membership = users[username].memberships.select_related("unit").first() if username in users else None
        if membership is not None:
            units.append(membership.unit)
    education = Unit.objects.filter(code__regex=r"^P[0-9]+-SGD$").first()
    return units + ([education] if education else [])


def _findings(record_obj, pattern) -> dict:
    rows = list(record_obj.findings.order_by("position"))
    return {row.pk: (pattern[i % len(pattern)], NOTES.get(pattern[i % len(pattern)], "Thực hiện tốt, đúng quy định."))
            for i, row in enumerate(rows)}


def load_demo(year: int) -> str:
    users = {u.username: u for u in User.objects.filter(username__in=(SPECIALIST, SECRETARY, *CLERKS))}
    specialist = users.get(SPECIALIST)
    leader = Person.objects.filter(position__startswith="Trưởng phòng Thi đua - Khen thưởng").order_by("id").first()
    member = Person.objects.filter(position__startswith="Chuyên viên phòng Thi đua - Khen thưởng").order_by("id").first()
    units = _units(users)
    if specialist is None or leader is None or not units:
        return "Kiểm tra mẫu: bỏ qua (chưa có tài khoản chuyenvien, trưởng phòng Thi đua - Khen thưởng hoặc đơn vị)."
    starts_on, ends_on = _day(year, 8, 3), _day(year, 9, 30)
    task = _task(year)
    team_users = {leader.pk: users.get(SECRETARY)} | ({member.pk: specialist} if member else {})
    inspection = services.plan_inspection(
        by=specialist, year=year, title=TITLE.format(year=year), starts_on=starts_on, ends_on=ends_on, units=units,
        leader=leader, members=[member] if member else [], plan_task=task, team_users=team_users)
    records = list(inspection.records.select_related("unit").order_by("id"))
    overdue_due = max(starts_on, min(datetime.date(year, 10, 31), timezone.localdate() - datetime.timedelta(days=7)))
    counts = {"closed": 0, "reported": 0, "open": 0}
    for index, record_obj in enumerate(records):
        concluded = index < 2
        services.record_findings(
            record_obj, by=specialist, findings=_findings(record_obj, PATTERNS[index % 2]),
            visited_on=min(starts_on + datetime.timedelta(days=9 + 14 * index), ends_on),
            summary="Đơn vị triển khai cơ bản đầy đủ công tác thi đua, khen thưởng; còn một số tồn tại cần khắc phục.",
            conclusion_number=f"{140 + index}/KL-SNV" if concluded else "",
            conclusion_date=_day(year, 10, 5 + index) if concluded else None)
        if index == 0:  # Sở Y tế: one followed up and closed, one reported and waiting for the team
            done = services.add_recommendation(record_obj, by=specialist, due_on=_day(year, 10, 31), content=(
                "Bổ sung quy chế thi đua, khen thưởng của đơn vị theo Luật Thi đua, khen thưởng năm 2022."))
            reported = services.add_recommendation(record_obj, by=specialist, due_on=datetime.date(year, 12, 31),
                                                   content="Trích lập quỹ thi đua, khen thưởng đúng tỷ lệ quy định.")
            clerk = users.get(CLERKS[0], specialist)
            services.report_follow_up(done, by=clerk, response="Đã ban hành Quy chế thi đua, khen thưởng mới.")
            services.accept_follow_up(done, by=specialist)
            services.report_follow_up(reported, by=clerk, response="Đã trình dự toán trích lập quỹ năm tới.")
            counts["closed"] += 1
            counts["reported"] += 1
        elif index == 1:  # the home commune: one overdue, one open and not yet due
            services.add_recommendation(record_obj, by=specialist, due_on=overdue_due, content=(
                "Tổ chức sơ kết phong trào thi đua và lưu trữ đầy đủ hồ sơ khen thưởng cấp xã."))
            services.add_recommendation(record_obj, by=specialist, due_on=datetime.date(year + 1, 1, 31), content=(
                "Công khai danh sách đề nghị khen thưởng trên trang thông tin điện tử của xã."))
            counts["open"] += 2
    return (f"Kiểm tra mẫu năm {year}: 1 đợt kiểm tra{', gắn nhiệm vụ kế hoạch' if task else ''}, "
            f"{len(records)} đơn vị, kiến nghị {counts['closed']} đã đóng, {counts['reported']} đã báo cáo, "
            f"{counts['open']} đang mở.")


def wipe_demo() -> int:
    inspections = Inspection.objects.filter(title__startswith=DEMO_TITLE_PREFIX)
    Recommendation.objects.filter(record__inspection__in=inspections).delete()
    return inspections.delete()[1].get(Inspection._meta.label, 0)
