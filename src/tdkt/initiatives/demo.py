"""Demo data of the initiatives register: works of the demo's Sở Y tế (vanthu.soyte) and home commune
(vanthu.xa) in every state — registered, evaluated by a council (members with scores or votes), recognised at
grassroots scope by the unit and at provincial scope by the standing body (chuyenvien), one not recognised —
and one recognised work claimed by a line of a unit's draft dossier (so "one initiative, one award"
shows). Made through the domain functions (tdkt.initiatives.services), so each work has its state history and
audit rows. Called by seed_demo after the dossiers demo; the titles follow the seed plans' fields (health,
administrative reform, new countryside). Dates are demo dates, never after today.

Not done here: a work used by a signed award. The decisions demo signs lines of dossiers already sent when
this hook runs, and a claim is made only while the dossier can still be changed."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.awards.enums import InitiativeScope
from tdkt.awards.models import Initiative
from tdkt.dossiers.enums import DossierState
from tdkt.dossiers.models import Nomination
from tdkt.initiatives import services
from tdkt.initiatives.enums import Vote, WorkKind
from tdkt.initiatives.models import Claim, Work
from tdkt.people.models import Person

SPECIALIST = "chuyenvien"
CLERKS = ("vanthu.soyte", "vanthu.xa")
DEMO_UNIT_CODES = r"^P[0-9]+-"  # every demo unit's code carries the province prefix (tdkt.orgs.demo)

# (kind, title, field, what happens: registered / evaluated / grassroots / province / rejected). The first
# grassroots work of a unit with a draft demo dossier names that dossier's first person and is claimed by the line.
HEALTH_WORKS = (
    (WorkKind.INITIATIVE, "Ứng dụng hồ sơ sức khỏe điện tử trong quản lý bệnh không lây nhiễm tại trạm y tế xã",
     "Y tế - chuyển đổi số", "grassroots"),
    (WorkKind.INITIATIVE, "Cải tiến quy trình tiếp đón, phân luồng người bệnh tại Khoa Khám bệnh",
     "Cải cách hành chính", "province"),
    (WorkKind.RESEARCH_TOPIC, "Thực trạng suy dinh dưỡng ở trẻ em dưới 5 tuổi người dân tộc thiểu số và giải pháp "
     "can thiệp tại tuyến xã", "Y tế dự phòng", "evaluated"),
    (WorkKind.INITIATIVE, "Giải pháp nâng cao tỷ lệ tiêm chủng đầy đủ tại các thôn vùng cao",
     "Y tế dự phòng", "rejected"),
    (WorkKind.RESEARCH_WORK, "Sổ tay hướng dẫn sơ cứu, cấp cứu ban đầu cho nhân viên y tế thôn, bản",
     "Y tế cơ sở", "registered"),
)
COMMUNE_WORKS = (
    (WorkKind.INITIATIVE, "Mô hình “Dân vận khéo” trong vận động hiến đất làm đường giao thông nông thôn",
     "Xây dựng nông thôn mới", "grassroots"),
    (WorkKind.INITIATIVE, "Số hóa hồ sơ thủ tục hành chính một cửa, trả kết quả qua ứng dụng trên điện thoại",
     "Cải cách hành chính - chuyển đổi số", "registered"),
)
SUMMARY = "Đã áp dụng tại đơn vị từ đầu năm, mang lại hiệu quả rõ rệt; có báo cáo kết quả áp dụng kèm theo."


def _people(unit, count: int) -> list[Person]:
    return list(Person.objects.filter(Q(unit=unit) | Q(unit__parent=unit), merged_into__isnull=True)
                .order_by("unit_id", "id")[:count])


class _Dates:
    """Demo dates in the demo year, never after today (a date in the future is refused)."""

    def __init__(self, year: int):
        self.year, self.last = year, min(timezone.localdate(), datetime.date(year, 12, 31))

    def on(self, month: int, day: int) -> datetime.date:
        return min(datetime.date(self.year, month, day), self.last)


def _draft_line(unit):
    """A line of the unit's draft demo dossier with a person (the dossiers demo made it)."""
    return (Nomination.objects.filter(dossier__unit=unit, dossier__state=DossierState.DRAFT, person__isnull=False)
            .select_related("person", "dossier").order_by("dossier_id", "position").first())


def _make(work_row, *, clerk, specialist, unit, authors, council, dates: _Dates, index: int):
    kind, title, field, fate = work_row
    shares = [60, 40] if len(authors) > 1 else [100]
    work = services.register_work(by=clerk, unit=unit, authors=list(zip(authors, shares, strict=False)), kind=kind,
                                  title=title, field=field, applied_on=dates.on(2, 10 + index), summary=SUMMARY)
    if fate == "registered" or not council:
        return work
    members = [(person, Decimal(70 + 5 * (i % 4)) if fate != "rejected" else Decimal(40 + i), "")
               for i, person in enumerate(council[:3])]
    if fate == "province":  # a provincial council votes
        members = [(person, None, Vote.FOR if i < 2 else Vote.ABSTAIN) for i, person in enumerate(council[:3])]
    work = services.evaluate_work(work, by=clerk if fate != "province" else specialist, meeting_date=dates.on(9, 20),
                           passed=fate != "rejected", members=members,
                           council_name=f"Hội đồng sáng kiến {unit.short_name or unit.name}",
                           note="Hội đồng đánh giá giải pháp có tính mới, đã áp dụng và mang lại hiệu quả."
                           if fate != "rejected" else "Giải pháp chưa có tính mới so với hướng dẫn hiện hành.")
    if fate == "evaluated":
        return work
    if fate == "rejected":
        return services.reject_work(work, by=clerk, reason="Hội đồng không đề nghị công nhận: chưa có tính mới.")
    if fate == "province":
        return services.recognise_work(work, by=specialist, scope=InitiativeScope.TINH,
                                       decision_number=f"{2150 + index}/QĐ-UBND", decision_date=dates.on(10, 15),
                                       recognised_by="Chủ tịch UBND tỉnh")
    return services.recognise_work(work, by=clerk, scope=InitiativeScope.CO_SO,
                                   decision_number=f"{85 + index}/QĐ-{'SYT' if 'Y tế' in unit.name else 'UBND'}",
                                   decision_date=dates.on(10, 1), recognised_by=f"Thủ trưởng {unit.name}")


def load_demo(year: int) -> str:
    users = {user.username: user for user in User.objects.filter(username__in=(SPECIALIST, *CLERKS))}
    specialist = users.get(SPECIALIST)
    if specialist is None:
        return "Sáng kiến mẫu: bỏ qua (chưa có tài khoản chuyenvien)."
    dates = _Dates(year)
    made, claimed = [], 0
    for username, rows in zip(CLERKS, (HEALTH_WORKS, COMMUNE_WORKS), strict=True):
        clerk = users.get(username)
        membership = clerk.memberships.select_related("unit").first() if clerk else None
        if membership is None:
            continue
        unit = membership.unit
        people = _people(unit, 8)
        if len(people) < 2:
            continue
        line = _draft_line(unit)
        council = people[-3:] if len(people) >= 5 else people
        for index, row in enumerate(rows):
            claim_line = line if row[3] == "grassroots" else None
            line = None if claim_line else line  # one claim per unit
            authors = people[index % len(people):][:2] or people[:1]
            if claim_line is not None:
                authors = [claim_line.person, *[p for p in authors if p.pk != claim_line.person_id]][:2]
            work = _make(row, clerk=clerk, specialist=specialist, unit=unit, authors=authors, council=council,
                         dates=dates, index=index)
            made.append(work)
            if claim_line is not None:
                services.claim_work(work, claim_line, by=clerk)
                claimed += 1
    states = {}
    for work in made:
        states[work.get_state_display()] = states.get(work.get_state_display(), 0) + 1
    summary = ", ".join(f"{n} {label.lower()}" for label, n in states.items())
    return f"Sáng kiến, đề tài mẫu: {len(made)} ({summary}); {claimed} được dòng hồ sơ đề nghị sử dụng."


def wipe_demo() -> int:
    """The demo units' works (authors, evaluations, history with them) and their claims; the history records
    (awards.Initiative) made at recognition go too."""
    works = Work.objects.filter(unit__code__regex=DEMO_UNIT_CODES)
    Claim.objects.filter(work__in=works).delete()
    records = list(works.exclude(record=None).values_list("record_id", flat=True))
    deleted = works.delete()[1].get(Work._meta.label, 0)
    Initiative.objects.filter(pk__in=records).delete()
    return deleted
