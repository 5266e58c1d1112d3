"""Demo data of the reports app: the standing body's TĐKT division and the officers who do TĐKT work (the
persons of the demo province whose position says "thi đua - khen thưởng"), so the forms 0604.N/0605.N of the
demo have figures. Called by seed_demo through settings.DEMO_DATA_HOOKS (core may not import this app)."""

from __future__ import annotations

import datetime

from tdkt.accounts.models import Membership
from tdkt.people.models import Person
from tdkt.reports.enums import OfficeStructure, TrainingLevel
from tdkt.reports.models import TdktOffice, TdktStaffMember

SPECIALIST = "chuyenvien"
OFFICE_NAME = "Phòng Thi đua - Khen thưởng"
# The provincial boards of emulation and commendation became divisions of the Department of Home Affairs in
# 2025; a demo date, not any province's.
OFFICE_SINCE = datetime.date(2025, 3, 1)
TRAININGS = (TrainingLevel.UNIVERSITY, TrainingLevel.UNIVERSITY, TrainingLevel.POSTGRADUATE, TrainingLevel.COLLEGE)


def load_demo(year: int) -> str:
    standing = Membership.objects.filter(user__username=SPECIALIST).values_list("unit_id", flat=True).first()
    if standing is None:
        return "Báo cáo mẫu: không thấy tài khoản chuyên viên nên bỏ qua tổ chức, công chức làm công tác TĐKT."
    office = TdktOffice.objects.create(unit_id=standing, name=OFFICE_NAME, established_on=OFFICE_SINCE,
                                       structure=OfficeStructure.HOME_AFFAIRS_DIVISION)
    officers = Person.objects.filter(position__icontains="thi đua - khen thưởng").order_by("id")
    staff = []
    for index, person in enumerate(officers):
        since = datetime.date(year - 1 - (index * 3) % 15, 1 + index % 12, 1)
        in_office = person.unit_id == standing
        staff.append(TdktStaffMember(person=person, unit_id=person.unit_id, office=office if in_office else None,
                                     training=TRAININGS[index % len(TRAININGS)], tdkt_work_since=since,
                                     started_on=max(since, OFFICE_SINCE) if in_office else since))
    TdktStaffMember.objects.bulk_create(staff)
    return f"Báo cáo mẫu: 1 tổ chức, {len(staff)} công chức làm công tác thi đua, khen thưởng."


def wipe_demo() -> int:
    offices = TdktOffice.objects.filter(name=OFFICE_NAME, established_on=OFFICE_SINCE)
    count = TdktStaffMember.objects.filter(office__in=offices).delete()[0]
    count += TdktStaffMember.objects.filter(person__position__icontains="thi đua - khen thưởng").delete()[0]
    return count + offices.delete()[0]
