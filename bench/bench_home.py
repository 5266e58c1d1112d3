""""Việc của tôi" (the signed-in home, `core:dashboard`) over 20,000 dossiers: server time of the page and its
query count for a province specialist (thousands of dossiers waiting for the standing body: the agenda reads at
most tdkt.workflow.agenda.AGENDA_LIMIT of them, the most urgent first) and for a unit clerk (a few returned
dossiers of his unit among 20,000). Target ≤ 300 ms on PostgreSQL; the query count is taken for a home with a
tenth of the dossiers too, to show that it does not grow with the waiting objects. Each persona twice: the agenda
computed on every request, and kept between requests while nothing changed (tdkt.workflow.agenda_version).

Data (built once with bulk_create, reused): 100 units, 20,000 dossiers over every state, due dates spread around
today; a specialist and a clerk of the first unit.

Run alone: `.venv/bin/python bench/bench_home.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/. The parent migrates, a child (`--child`) builds the data and times."""

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    emit,
    manage,
    plain_static,
    query_figure,
    report_line,
    run_child,
    setup_django,
    signed_in_client,
    sqlite_url,
    time_requests,
)

TARGET_MS = 300.0
RUNS = 11
DOSSIERS = int(os.environ.get("BENCH_HOME_DOSSIERS", "20000"))
UNITS = 100
CODE_PREFIX = "BH-"


def build(count: int) -> None:
    import random

    from django.utils import timezone

    from tdkt.dossiers.enums import DossierState
    from tdkt.dossiers.models import Dossier
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit

    have = Dossier.objects.filter(unit__code__startswith=CODE_PREFIX).count()
    if have >= count:
        return
    root = Unit.objects.filter(code=f"{CODE_PREFIX}UBND").first()
    on = datetime.date(2020, 1, 1)
    if root is None:
        root = Unit.objects.create(code=f"{CODE_PREFIX}UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                                   kind=UnitKind.PEOPLES_COMMITTEE, established_on=on)
        Unit.objects.bulk_create([Unit(code=f"{CODE_PREFIX}{i:03d}", name=f"Đơn vị thử nghiệm số {i:03d}",
                                       kind=UnitKind.DEPARTMENT, parent=root, established_on=on) for i in range(UNITS)])
    units = list(Unit.objects.filter(code__startswith=CODE_PREFIX).exclude(pk=root.pk).order_by("code"))
    rng = random.Random(f"home-{have}")
    today = timezone.localdate()
    states = list(DossierState.values)
    Dossier.objects.bulk_create([
        Dossier(unit=units[i % UNITS], title=f"Hồ sơ đề nghị khen thưởng số {i + 1}", year=2025,
                state=rng.choice(states), step_due_on=today + datetime.timedelta(days=rng.randint(-20, 30)))
        for i in range(have, count)], batch_size=2000)


def users():
    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.orgs.models import Unit

    made = {}
    for username, role, code in (("bench.home.chuyenvien", Role.PROVINCE_SPECIALIST, f"{CODE_PREFIX}UBND"),
                                 ("bench.home.vanthu", Role.UNIT_CLERK, f"{CODE_PREFIX}000")):
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": "Cán bộ thử nghiệm"})
        if created:
            Membership.objects.create(user=user, role=role, unit=Unit.objects.get(code=code))
        made[role.value] = user
    return made


def child() -> None:
    setup_django()
    from django.db import connection

    from tdkt.workflow import agenda_version

    plain_static()
    # Two figures a persona: the agenda computed on every request (nothing kept: the first home after any change)
    # and kept between requests while nothing changes (what repeated homes cost, tdkt.workflow.agenda_version).
    variants = (("computed", 0), ("kept", agenda_version.KEPT_SECONDS))
    kept_seconds = agenda_version.KEPT_SECONDS
    try:
        build(DOSSIERS // 10)
        accounts = users()
        small = {}
        for variant, seconds in variants:
            agenda_version.KEPT_SECONDS = seconds
            small[variant] = {role: query_figure(time_requests(signed_in_client(user), "/", 1)[1])
                              for role, user in accounts.items()}
        build(DOSSIERS)
        agenda_version.changed()  # the bulk insert sends no model signal: the agendas kept above are out of date
        for variant, seconds in variants:
            agenda_version.KEPT_SECONDS = seconds
            for role, user in accounts.items():
                samples, queries, response = time_requests(signed_in_client(user), "/", RUNS)
                emit(f"home_{role}_{variant}", connection.vendor, samples, TARGET_MS, queries=query_figure(queries),
                     rows=len(response.context["my_work"]),
                     dataset=f"{DOSSIERS} dossiers of {UNITS} units; queries with {DOSSIERS // 10} dossiers: "
                             f"{small[variant][role]}")
    finally:
        agenda_version.KEPT_SECONDS = kept_seconds


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("home.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_home.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
