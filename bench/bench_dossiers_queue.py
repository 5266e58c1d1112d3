"""The specialist work queue (`dossiers:queue`) over 20,000 dossiers and 200,000 nominations: server time
of one page and its query count; target ≤ 150 ms on PostgreSQL (issue 5).

Run alone: `.venv/bin/python bench/bench_dossiers_queue.py` — on DATABASE_URL when set (e.g. the
throwaway cluster: `PGPORT_TDKT=55431 scripts/pg_cluster.sh start` then
`DATABASE_URL=$(PGPORT_TDKT=55431 scripts/pg_cluster.sh url) .venv/bin/python bench/bench_dossiers_queue.py`),
else on a SQLite file under var/bench/. The parent migrates the database, then times in a child process
(`--child`) that builds the data once with bulk_create: 200 units, 2,000 people, 20,000 dossiers over every
state (most held by the province, due dates spread around today, a third unassigned), ten lines each.
Timed through the Django test client, signed in as a specialist: the default queue page (50 rows, most
urgent first) and a filtered one (overdue, nobody assigned); the query count is taken for both and for a
page of 10 rows, to show it does not grow with the page.
"""

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url, timed_ms  # noqa: E402

TARGET_MS = 150.0
RUNS = 21
DOSSIERS = 20_000
LINES_PER_DOSSIER = 10
UNITS = 200
PEOPLE = 2_000
CODE_PREFIX = "BQ-"


def build() -> None:
    import random

    from django.utils import timezone

    from tdkt.awards.models import AwardType
    from tdkt.dossiers.enums import DossierKind, DossierState
    from tdkt.dossiers.models import Dossier, Nomination
    from tdkt.lib.vntext import fold
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    if Unit.objects.filter(code__startswith=CODE_PREFIX).exists():
        have = Dossier.objects.filter(unit__code__startswith=CODE_PREFIX).count()
        if have != DOSSIERS:
            raise SystemExit(f"bench data holds {have} dossiers, expected {DOSSIERS}: delete the bench database")
        return
    rng = random.Random("dossiers-queue")
    on = datetime.date(2020, 1, 1)
    root = Unit.objects.create(code=f"{CODE_PREFIX}UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                               kind=UnitKind.PEOPLES_COMMITTEE, established_on=on)
    Unit.objects.bulk_create([Unit(code=f"{CODE_PREFIX}{i:03d}", name=f"Đơn vị thử nghiệm số {i:03d}",
                                   kind=UnitKind.DEPARTMENT, parent=root, established_on=on) for i in range(UNITS)])
    units = list(Unit.objects.filter(code__startswith=CODE_PREFIX).exclude(pk=root.pk).order_by("code"))
    people = [Person(full_name=f"Nguyễn Văn Thử {i:04d}", name_folded=fold(f"Nguyễn Văn Thử {i:04d}"),
                     unit=units[i % UNITS], category="civil_servant") for i in range(PEOPLE)]
    Person.objects.bulk_create(people, batch_size=1000)
    people = list(Person.objects.filter(unit__code__startswith=CODE_PREFIX).order_by("id").values_list("id", flat=True))
    award = AwardType.objects.get(code="LDTT")
    today = timezone.localdate()
    held = [DossierState.SUBMITTED, DossierState.RECEIVED, DossierState.IN_APPRAISAL, DossierState.CONSULTATION,
            DossierState.PUBLIC_POSTING, DossierState.READY_FOR_COUNCIL, DossierState.ON_HOLD]
    states = held * 3 + [DossierState.DRAFT, DossierState.RETURNED, DossierState.DECIDED, DossierState.WITHDRAWN]
    kinds = list(DossierKind.values)
    dossiers = [Dossier(unit=units[i % UNITS], title=f"Hồ sơ đề nghị khen thưởng số {i + 1}", year=2025,
                        kind=kinds[i % len(kinds)], state=rng.choice(states),
                        step_due_on=today + datetime.timedelta(days=rng.randint(-20, 30)) if i % 9 else None)
                for i in range(DOSSIERS)]
    Dossier.objects.bulk_create(dossiers, batch_size=2000)
    lines = []
    for index, dossier in enumerate(dossiers):
        start = (index * LINES_PER_DOSSIER) % PEOPLE
        for position in range(LINES_PER_DOSSIER):
            lines.append(Nomination(dossier=dossier, position=position + 1,
                                    person_id=people[(start + position) % PEOPLE], proposed_award_type=award,
                                    award_type=award))
        if len(lines) >= 20_000:
            Nomination.objects.bulk_create(lines, batch_size=5000)
            lines = []
    Nomination.objects.bulk_create(lines, batch_size=5000)


def assign_some(specialist) -> None:
    from tdkt.dossiers.models import Dossier

    ids = list(Dossier.objects.filter(unit__code__startswith=CODE_PREFIX, assignee__isnull=True)
               .order_by("id").values_list("id", flat=True))
    Dossier.objects.filter(pk__in=[pk for pk in ids if pk % 3]).update(assignee=specialist)


def child() -> None:
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment
    from django.urls import reverse

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.orgs.models import Unit

    setup_test_environment()
    override_settings(STORAGES={  # no collected static manifest in a bench database
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }).enable()
    build()
    specialist, created = User.objects.get_or_create(username="bench.dossiers.chuyenvien",
                                                     defaults={"full_name": "Chuyên viên thử nghiệm"})
    if created:
        Membership.objects.create(user=specialist, role=Role.PROVINCE_SPECIALIST,
                                  unit=Unit.objects.get(code=f"{CODE_PREFIX}UBND"))
        assign_some(specialist)
    client = Client()
    client.force_login(specialist)
    base = reverse("dossiers:queue")
    for label, url in (("dossiers_queue", base),
                       ("dossiers_queue_overdue_unassigned", f"{base}?due=overdue&assignee=nobody")):
        response = client.get(url)  # warm-up: templates compiled, calendars cached
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        queries = len(captured)
        rows = len(response.context["page"])
        samples = [timed_ms(lambda url=url: client.get(url)) for _ in range(RUNS)]
        emit(label, connection.vendor, samples, TARGET_MS, queries=queries, rows=rows,
             dataset=f"{DOSSIERS} dossiers, {DOSSIERS * LINES_PER_DOSSIER} nominations")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("dossiers_queue.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_dossiers_queue.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
