"""Demo data: registrations by name (đăng ký thi đua theo danh sách). Sở Y tế registers named people and one of
its offices by the call's due date (31/01) and its leader lanhdao.soyte signs; Sở Giáo dục và Đào tạo sends
its list five weeks late with the reason, so the delay in working days shows; every other unit of the
province has not registered (the list of missing units and its reminders have rows). Made through
tdkt.movements.registrations (the same functions as the paste form: audit rows and state history are real);
the lines are matched here to the units' own people rather than pasted, so a namesake cannot stop the demo.
Runs after the movements demo (its call) and the initiatives demo (one registered CSTĐ cơ sở has a
recognised initiative, another has none: the early warning)."""

from __future__ import annotations

import datetime

from django.db.models import Q

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.awards.models import AwardType
from tdkt.movements.models import Registration
from tdkt.movements.registration_names import MatchedLine, NameLine
from tdkt.movements.registrations import save_names, sign_registration, submit_registration
from tdkt.orgs.models import Unit
from tdkt.people.models import Person

SPECIALIST = "chuyenvien"
CLERK, LEADER = "vanthu.soyte", "lanhdao.soyte"
LATE_REASON = "Đơn vị sắp xếp lại các phòng chuyên môn nên chậm tổng hợp danh sách đăng ký."
INDIVIDUAL, COLLECTIVE = "individual", "collective"


def _line(row: int, kind: str, name: str, award) -> NameLine:
    return NameLine(row=row, kind=kind, written=name, name=name, award_text=award.name)


def _matched(unit, awards, people_count: int) -> list[MatchedLine]:
    """The unit's people: two CSTĐ cơ sở, the rest Lao động tiên tiến; its first office as a collective."""
    people = list(Person.objects.filter(Q(unit=unit) | Q(unit__parent=unit), merged_into__isnull=True)
                  .order_by("unit_id", "id")[:people_count])
    lines = []
    for row, person in enumerate(people, 1):
        award = awards["CSTD_CS"] if row <= 2 else awards["LDTT"]
        lines.append(MatchedLine(line=_line(row, INDIVIDUAL, person.full_name, award), award=award, person=person))
    office = Unit.objects.filter(parent=unit).order_by("code").first()
    if office is not None:
        award = awards["TTLDTT"]
        lines.append(MatchedLine(line=_line(len(lines) + 1, COLLECTIVE, f"Tập thể {office.name}", award),
                                 award=award, unit=office))
    return lines


def load_demo(year: int) -> str:
    users = {u.username: u for u in User.objects.filter(username__in=(SPECIALIST, CLERK, LEADER))}
    awards = {a.code: a for a in AwardType.objects.filter(code__in=("LDTT", "CSTD_CS", "TTLDTT"))}
    clerk_unit = Membership.objects.filter(user__username=CLERK, role=Role.UNIT_CLERK).values_list(
        "unit_id", flat=True).first()
    education = Unit.objects.filter(code__regex=r"^P[0-9]+-SGD$").first()
    if SPECIALIST not in users or clerk_unit is None or len(awards) < 3:
        return "Đăng ký theo danh sách: bỏ qua (chưa có tài khoản chuyenvien, vanthu.soyte hoặc danh hiệu)."
    health = Unit.objects.get(pk=clerk_unit)
    made = []
    on_time = save_names(by=users[CLERK], unit=health, year=year, matched=_matched(health, awards, 6))
    on_time = submit_registration(on_time, by=users[CLERK], today=datetime.date(year, 1, 27))
    if LEADER in users:
        on_time = sign_registration(on_time, by=users[LEADER])
    made.append(on_time)
    if education is not None and not Registration.objects.filter(unit=education, year=year).exists():
        late = save_names(by=users[SPECIALIST], unit=education, year=year, matched=_matched(education, awards, 4))
        made.append(submit_registration(late, by=users[SPECIALIST], reason=LATE_REASON,
                                        today=datetime.date(year, 3, 9)))
    names = sum(r.entries.count() for r in made)
    late_days = ", ".join(f"{r.late_days} ngày làm việc" for r in made if r.late_days)
    return (f"Đăng ký theo danh sách: {len(made)} đơn vị, {names} tên"
            f"{f'; 1 đơn vị gửi muộn {late_days}' if late_days else ''}.")


def wipe_demo() -> int:
    """Nothing of its own: the movements demo's wipe deletes the demo users' registrations (these were
    created by vanthu.soyte and chuyenvien)."""
    return 0
