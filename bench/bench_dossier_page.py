"""One dossier of 300 lines, as the unit and the standing body open it: server time of the whole page and its
query count; target ≤ 60 ms for the dossier page (issue 23: its lines in chunks of LINES_CHUNK, the rest fetched
by script) and ≤ 150 ms for the pages that show every line (issue 15), each with a fixed number of queries.

Pages: the dossier page and its lines panel (the unit's clerk, dossier returned for completion so the lines are
editable), the dossier page and the appraisal page (the province specialist, dossier in appraisal). Every line
carries a stored verdict computed once when the data is built (the pages run no rule). The query count of each
page is also taken on a 30-line dossier of the same kind: the two must be equal.

Run alone: `.venv/bin/python bench/bench_dossier_page.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/ (see bench_dossiers_queue.py for the PostgreSQL cluster).
"""

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, plain_static, report_line, run_child, setup_django, sqlite_url, timed_ms  # noqa: E402

TARGET_MS = 150.0  # the pages showing every line at once: the lines page and the appraisal page (issue 15)
PAGE_TARGET_MS = 60.0  # the dossier page itself, its lines shown in chunks (issue 23)
RUNS = 21
LINES = 300
SMALL = 30
CODE_PREFIX = "BDP-"


def build():
    """(unit, {lines: (dossier for the clerk, dossier for the specialist)}), built once with bulk inserts."""
    from tdkt.awards.models import AwardType
    from tdkt.dossiers.eligibility import check_nominations
    from tdkt.dossiers.enums import DossierKind, DossierState
    from tdkt.dossiers.models import Dossier, Nomination
    from tdkt.lib.vntext import fold
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    unit = Unit.objects.filter(code=f"{CODE_PREFIX}SYT").first()
    if unit is None:
        on = datetime.date(2020, 1, 1)
        unit = Unit.objects.create(code=f"{CODE_PREFIX}SYT", name="Sở Y tế tỉnh Thử Nghiệm",
                                   kind=UnitKind.DEPARTMENT, established_on=on)
        Person.objects.bulk_create([
            Person(full_name=f"Nguyễn Thị Thử {i:03d}", name_folded=fold(f"Nguyễn Thị Thử {i:03d}"), unit=unit,
                   category="civil_servant", birth_year=1975 + i % 25) for i in range(LINES)])
        people = list(Person.objects.filter(unit=unit).order_by("id"))
        award = AwardType.objects.get(code="LDTT")
        for size in (LINES, SMALL):
            for state in (DossierState.RETURNED, DossierState.IN_APPRAISAL):
                dossier = Dossier.objects.create(unit=unit, title=f"Hồ sơ {size} dòng ({state})", year=2026,
                                                 kind=DossierKind.YEAR_END, state=state)
                Nomination.objects.bulk_create([
                    Nomination(dossier=dossier, position=i + 1, person=person, proposed_award_type=award,
                               award_type=award, achievement_summary="Hoàn thành xuất sắc nhiệm vụ năm 2026.",
                               position_and_unit="Chuyên viên, Sở Y tế")
                    for i, person in enumerate(people[:size])])
                lines = list(Nomination.objects.filter(dossier=dossier))
                verdicts = check_nominations(lines)
                for line in lines:
                    line.verdict_live = verdicts[line.pk]
                Nomination.objects.bulk_update(lines, ["verdict_live"], batch_size=500)
    dossiers = {}
    for size in (LINES, SMALL):
        dossiers[size] = tuple(Dossier.objects.get(unit=unit, title=f"Hồ sơ {size} dòng ({state})")
                               for state in (DossierState.RETURNED, DossierState.IN_APPRAISAL))
    return unit, dossiers


def users(unit):
    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User

    clerk, created = User.objects.get_or_create(username="bench.dossierpage.vanthu",
                                                defaults={"full_name": "Văn thư thử nghiệm"})
    if created:
        Membership.objects.create(user=clerk, role=Role.UNIT_CLERK, unit=unit)
    specialist, created = User.objects.get_or_create(username="bench.dossierpage.chuyenvien",
                                                     defaults={"full_name": "Chuyên viên thử nghiệm"})
    if created:
        Membership.objects.create(user=specialist, role=Role.PROVINCE_SPECIALIST, unit=unit)
    return clerk, specialist


def child() -> None:
    setup_django()
    plain_static()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    unit, dossiers = build()
    clerk, specialist = users(unit)
    pages = [
        ("dossier_page_unit", clerk, 0, "dossiers:detail"),
        ("dossier_lines_unit", clerk, 0, "nominees:lines"),
        ("dossier_page_province", specialist, 1, "dossiers:detail"),
        ("dossier_appraisal", specialist, 1, "dossiers:appraise"),
    ]
    for label, user, which, name in pages:
        client = Client()
        client.force_login(user)
        counts = {}
        for size in (SMALL, LINES):
            url = reverse(name, args=[dossiers[size][which].pk])
            response = client.get(url)  # warm-up: templates compiled
            if response.status_code != 200:
                raise SystemExit(f"GET {url} as {user.username} answered {response.status_code}")
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            counts[size] = len(captured)
        size_kib = len(response.content) / 1024
        samples = [timed_ms(lambda url=url, client=client: client.get(url)) for _ in range(RUNS)]
        target = PAGE_TARGET_MS if name == "dossiers:detail" else TARGET_MS
        emit(label, connection.vendor, samples, target, queries=counts[LINES],
             queries_fixed=counts[LINES] == counts[SMALL], queries_small=counts[SMALL],
             page_kib=round(size_kib, 1), dataset=f"one dossier of {LINES} lines")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("dossier_page.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_dossier_page.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
