"""Demo data of the training register: the seed plan's task "Tổ chức các lớp tập huấn về TĐKT theo kế hoạch năm
2026 (06 lớp)" with four of its six classes linked (when the demo plan is loaded), organised by the standing
body (chuyenvien's unit) for the officers who do TĐKT work: two closed (attendance, results, certificates),
one held (attendance recorded, results not yet), one planned for December. Trainees come from the person
registry (positions that say "thi đua"). Made through tdkt.training.services and the class machine, so the
audit rows and the state history are real. A class whose days have not come is left planned."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.orgs.models import Unit
from tdkt.people.models import Person
from tdkt.plans.enums import TaskKind
from tdkt.plans.models import PlanTask
from tdkt.training import services
from tdkt.training.enums import TraineeResult
from tdkt.training.models import Training
from tdkt.training.transitions import TRAINING_MACHINE

SPECIALIST = "chuyenvien"
PLACE = "Hội trường Sở Nội vụ tỉnh"
# (topic, first day (month, day), days, how far it goes: closed / held / planned)
CLASSES = (
    ("Tập huấn nghiệp vụ công tác thi đua, khen thưởng cho cán bộ, công chức làm công tác thi đua, khen thưởng "
     "các sở, ban, ngành", (3, 17), 2, "closed"),
    ("Bồi dưỡng nghiệp vụ thi đua, khen thưởng cho công chức Văn phòng - Thống kê cấp xã", (5, 12), 2, "closed"),
    ("Tập huấn sử dụng phần mềm quản lý thi đua, khen thưởng và hồ sơ điện tử", (9, 22), 1, "held"),
    ("Tập huấn quy trình, thủ tục, hồ sơ đề nghị khen thưởng theo Nghị định số 152/2025/NĐ-CP", (12, 16), 2,
     "planned"),
)
TRAINEES_PER_CLASS = 8


def _task(year: int):
    return (PlanTask.objects.filter(plan__is_demo=True, plan__year=year, kind=TaskKind.TRAINING)
            .order_by("sort_order").first())


def _advance(training: Training, trainees, fate: str, specialist, today: datetime.date, index: int) -> None:
    """Attendance of each day that has come (one trainee misses the second day), then results and closing."""
    sessions = [s for s in training.sessions.order_by("on") if s.on <= today]
    if fate == "planned" or not sessions:
        return
    ids = [t.pk for t in trainees]
    for day, session in enumerate(sessions):
        present = ids if day == 0 else ids[:-1]
        services.record_attendance(session, present, by=specialist, today=today)
    TRAINING_MACHINE.perform(training, "hold", by=specialist)
    if fate != "closed":
        return
    results = {pk: (TraineeResult.PASSED, Decimal(75 + (n * 7 + index) % 20)) for n, pk in enumerate(ids)}
    if index == 1:
        results[ids[-1]] = (TraineeResult.NOT_PASSED, Decimal(45))
    services.record_results(training, results, by=specialist)
    services.close_training(training, by=specialist)


def load_demo(year: int) -> str:
    specialist = User.objects.filter(username=SPECIALIST).first()
    organiser = specialist.memberships.values_list("unit_id", flat=True).first() if specialist else None
    people = list(Person.objects.filter(position__icontains="thi đua", merged_into__isnull=True).order_by("id")[:24])
    if organiser is None or len(people) < 2:
        return "Tập huấn mẫu: bỏ qua (chưa có tài khoản chuyenvien hoặc người làm công tác thi đua, khen thưởng)."
    organiser = Unit.objects.get(pk=organiser)
    lecturer = next((p for p in people if p.position.startswith("Trưởng phòng")), people[0])
    targets = list(Unit.objects.filter(pk__in={p.unit_id for p in people}).order_by("id")[:10])
    task = _task(year)
    today = timezone.localdate()
    made = []
    for index, (topic, (month, day), days, fate) in enumerate(CLASSES):
        starts_on = datetime.date(year, month, day)
        training = services.create_training(
            by=specialist, organiser=organiser, target_units=targets, plan_task=task, topic=topic,
            starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=days - 1), place=PLACE,
            lecturers=f"{lecturer.full_name}, {lecturer.position}",
            note="Lớp theo Kế hoạch triển khai công tác thi đua, khen thưởng năm của tỉnh.")
        chosen = [people[(index * 3 + n) % len(people)] for n in range(min(TRAINEES_PER_CLASS, len(people)))]
        chosen = list({p.pk: p for p in chosen}.values())
        trainees = services.enrol(training, chosen, by=specialist)
        _advance(training, trainees, fate, specialist, today, index)
        made.append(training)
    states = {}
    for training in Training.objects.filter(pk__in=[t.pk for t in made]).order_by("id"):
        label = training.get_state_display().lower()
        states[label] = states.get(label, 0) + 1
    return (f"Tập huấn mẫu năm {year}: {len(made)} lớp ({', '.join(f'{n} {s}' for s, n in states.items())})"
            f"{', gắn nhiệm vụ kế hoạch “06 lớp”' if task else ''}.")


def wipe_demo() -> int:
    return Training.objects.filter(place=PLACE, topic__in=[c[0] for c in CLASSES]).delete()[1].get(
        Training._meta.label, 0)
