"""Recomputing the stored verdicts after a 2,000-line decision is signed (issue 15): the signing bulk-inserts
2,000 award records and queues one task for their recipients; the task (tdkt.dossiers.verdicts.recompute)
reloads the 2,000 recipients' open lines in other dossiers with their histories, runs the engine and writes
the verdicts in batches. Target: ≤ 5 s on PostgreSQL; SQLite printed beside it. The query count is taken
for 2,000 recipients and for 200, to show that it does not grow with the lines (one UPDATE per batch of
tdkt.dossiers.verdicts.BATCH lines aside).

Data (built once with bulk_create, reused): 2,000 persons of 20 units, each with the year's rating and an
award record "Bằng khen của Chủ tịch UBND tỉnh" as the signed decision wrote it, and one open line
"Lao động tiên tiến" (proposed) in one of 200 received dossiers of those units.

Run alone: `.venv/bin/python bench/bench_verdicts.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/. The parent migrates, a child (`--child`) builds the data and times."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url  # noqa: E402

TARGET_MS = 5000.0
RUNS = 3
PEOPLE = 2_000
UNITS = 20
DOSSIERS = 200
YEAR = 2025
CODE_PREFIX = "BV-"


def build() -> list[int]:
    """The persons' ids (data built when missing)."""
    import datetime

    from tdkt.awards.enums import AwardSource
    from tdkt.awards.models import AwardRecord, AwardType, Rating
    from tdkt.dossiers.enums import DossierState
    from tdkt.dossiers.models import Dossier, Nomination
    from tdkt.lib.vntext import fold
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    def ids():
        return list(Person.objects.filter(unit__code__startswith=CODE_PREFIX).order_by("id").values_list("id", flat=True))

    if Unit.objects.filter(code__startswith=CODE_PREFIX).exists():
        have = ids()
        if len(have) != PEOPLE:
            raise SystemExit(f"bench data holds {len(have)} persons, expected {PEOPLE}: delete the bench database")
        return have
    on = datetime.date(2020, 1, 1)
    root = Unit.objects.create(code=f"{CODE_PREFIX}UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                               kind=UnitKind.PEOPLES_COMMITTEE, established_on=on)
    Unit.objects.bulk_create([Unit(code=f"{CODE_PREFIX}{i:03d}", name=f"Đơn vị thử nghiệm số {i:03d}",
                                   kind=UnitKind.DEPARTMENT, parent=root, established_on=on) for i in range(UNITS)])
    units = list(Unit.objects.filter(code__startswith=CODE_PREFIX).exclude(pk=root.pk).order_by("code"))
    Person.objects.bulk_create([
        Person(full_name=f"Trần Văn Thử {i:04d}", name_folded=fold(f"Trần Văn Thử {i:04d}"), unit=units[i % UNITS],
               category="civil_servant", birth_year=1980 + i % 20) for i in range(PEOPLE)], batch_size=1000)
    people = ids()
    Rating.objects.bulk_create([Rating(person_id=pk, year=YEAR, level="HTTNV") for pk in people], batch_size=1000)
    bk = AwardType.objects.get(code="BK_TINH")
    AwardRecord.objects.bulk_create([
        AwardRecord(person_id=pk, award_type=bk, year=YEAR, decision_number="999/QĐ-UBND",
                    decision_date=datetime.date(YEAR + 1, 3, 2), decision_issuer="Ủy ban nhân dân tỉnh Thử Nghiệm",
                    source=AwardSource.ISSUED_HERE) for pk in people], batch_size=1000)
    dossiers = [Dossier(unit=units[i % UNITS], title=f"Hồ sơ đề nghị khen thưởng số {i + 1}", year=YEAR,
                        state=DossierState.RECEIVED) for i in range(DOSSIERS)]
    Dossier.objects.bulk_create(dossiers, batch_size=1000)
    ldtt = AwardType.objects.get(code="LDTT")
    per = PEOPLE // DOSSIERS
    Nomination.objects.bulk_create([
        Nomination(dossier=dossiers[index // per], position=index % per + 1, person_id=pk, proposed_award_type=ldtt,
                   award_type=ldtt) for index, pk in enumerate(people)], batch_size=2000)
    return people


def child() -> None:
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.dossiers import verdicts

    people = build()
    counts = {}
    for size in (200, PEOPLE):
        with CaptureQueriesContext(connection) as captured:
            written = verdicts.recompute(person_ids=people[:size])
        assert written == size, f"{written} lines written, expected {size}"
        counts[size] = len(captured)
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        verdicts.recompute(person_ids=people)
        samples.append((time.perf_counter() - started) * 1000)
    emit("verdicts_recompute_after_2000_line_decision", connection.vendor, samples, TARGET_MS,
         queries=f"{counts[200]}–{counts[PEOPLE]}",
         dataset=f"{PEOPLE} recipients' open lines in {DOSSIERS} dossiers; queries for 200 / {PEOPLE} recipients "
                 f"(one UPDATE per {verdicts.BATCH} lines): {counts[200]} / {counts[PEOPLE]}")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("verdicts.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_verdicts.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
