"""Working days and reminders: the pure calendar, the deadline filter over a long list, the overdue
summary per specialist and a reminder run.

Run alone: `.venv/bin/python bench/bench_workcalendar.py` — on DATABASE_URL when set, else on a SQLite
file under var/bench/. The parent migrates the database, then times in a child process (`--child`) that
builds once: 100 units with a clerk each, 20 specialists, 20 province days, 20,000 dossiers over every
state with due dates spread ±30 days around 04/03/2026 (a quarter unassigned), and an open call.

Figures and targets:
- calendar_add_20wd: 10,000 × add_working_days(start, 20) on the province calendar, ≤ 150 ms;
- filter_1000_rows: rendering `|working_days_left` for 1,000 dates (one calendar query), ≤ 100 ms;
- overdue_by_specialist: the aggregate over 20,000 dossiers, ≤ 150 ms (2 queries + calendar);
- reminders_dry_run: collecting the day's reminders (several thousand items) without sending, ≤ 3,000 ms.
"""

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url, timed_ms  # noqa: E402

TODAY = datetime.date(2026, 3, 4)
DOSSIERS = 20_000
UNITS = 100
SPECIALISTS = 20
CODE_PREFIX = "BW-"
RUNS = 11


def build() -> None:
    import random

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.dossiers.enums import DossierState
    from tdkt.dossiers.models import Dossier, DossierCall
    from tdkt.orgs.models import Unit
    from tdkt.workcalendar.enums import ProvinceDayKind
    from tdkt.workcalendar.models import ProvinceDay

    if Unit.objects.filter(code=f"{CODE_PREFIX}UBND").exists():
        return
    rng = random.Random("workcalendar")
    province = Unit.objects.create(name="UBND tỉnh Thử Nghiệm", code=f"{CODE_PREFIX}UBND")
    units = Unit.objects.bulk_create([Unit(name=f"Đơn vị thử {index}", code=f"{CODE_PREFIX}{index:03d}",
                                           parent=province) for index in range(UNITS)])
    clerks = User.objects.bulk_create([User(username=f"bw.vanthu.{index}", email=f"vt{index}@bench.example")
                                       for index in range(UNITS)])
    specialists = User.objects.bulk_create([User(username=f"bw.chuyenvien.{index}", email=f"cv{index}@bench.example")
                                            for index in range(SPECIALISTS)])
    Membership.objects.bulk_create(
        [Membership(user=user, role=Role.UNIT_CLERK, unit=unit) for user, unit in zip(clerks, units, strict=True)]
        + [Membership(user=user, role=Role.PROVINCE_SPECIALIST, unit=province) for user in specialists])
    day = datetime.date(2026, 1, 5)
    while ProvinceDay.objects.count() < 20:
        if day.weekday() == 4:
            ProvinceDay.objects.get_or_create(date=day, defaults={"kind": ProvinceDayKind.DAY_OFF, "name": "Nghỉ thử"})
        day += datetime.timedelta(days=9)
    states = [DossierState.SUBMITTED, DossierState.RECEIVED, DossierState.IN_APPRAISAL, DossierState.IN_APPRAISAL,
              DossierState.CONSULTATION, DossierState.PUBLIC_POSTING, DossierState.RETURNED, DossierState.DECIDED]
    Dossier.objects.bulk_create([Dossier(
        unit=rng.choice(units), title=f"Hồ sơ thử {index}", state=rng.choice(states),
        step_due_on=TODAY + datetime.timedelta(days=rng.randint(-30, 30)),
        assignee=rng.choice(specialists) if rng.random() > 0.25 else None) for index in range(DOSSIERS)],
        batch_size=2000)
    DossierCall.objects.create(name="Đợt thử", year=2026, kind="year_end", cut_off=datetime.date(2026, 3, 10))


def child() -> None:
    setup_django()
    from django.db import connection
    from django.template import Context, Template
    from django.test.utils import CaptureQueriesContext

    from tdkt.dossiers.overdue import overdue_by_specialist
    from tdkt.dossiers.reminders import send_dossier_reminders
    from tdkt.workcalendar.cache import calendar_scope
    from tdkt.workcalendar.calendar import load_calendar

    build()
    dataset = f"{DOSSIERS} dossiers, {UNITS} units"
    calendar = load_calendar()
    starts = [datetime.date(2026, 1, 1) + datetime.timedelta(days=index % 700) for index in range(10_000)]
    samples = [timed_ms(lambda: [calendar.add_working_days(start, 20) for start in starts]) for _ in range(RUNS)]
    emit("calendar_add_20wd", connection.vendor, samples, 150.0, dataset="10,000 dates")

    template = Template("{% load workdays %}{% for due in dues %}{{ due|working_days_left:today }}{% endfor %}")
    dues = [TODAY + datetime.timedelta(days=index % 120 - 60) for index in range(1000)]

    def render():
        with calendar_scope():
            template.render(Context({"dues": dues, "today": TODAY}))

    samples = [timed_ms(render) for _ in range(RUNS)]
    emit("filter_1000_rows", connection.vendor, samples, 100.0, queries=1)

    with CaptureQueriesContext(connection) as captured:
        overdue_by_specialist(TODAY)
    samples = [timed_ms(lambda: overdue_by_specialist(TODAY)) for _ in range(RUNS)]
    emit("overdue_by_specialist", connection.vendor, samples, 150.0, queries=len(captured), dataset=dataset)

    with CaptureQueriesContext(connection) as captured:
        result = send_dossier_reminders(today=TODAY, dry_run=True)
    samples = [timed_ms(lambda: send_dossier_reminders(today=TODAY, dry_run=True)) for _ in range(3)]
    emit("reminders_dry_run", connection.vendor, samples, 3000.0, queries=len(captured),
         dataset=f"{dataset}, {result.items} items for {len(result.users)} users")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("workcalendar.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_workcalendar.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
