"""Eligibility from the database: 10,000 candidates loaded (`load_histories`) and checked
(`eligibility.engine.evaluate_many`) against a history of 1,000,000 award records, 500,000 ratings and
50,000 initiatives. Target ≤ 3 s, loading included, with a fixed number of queries per batch.

Run by bench/run.py in a child process with DATABASE_URL set (a dedicated, migrated database, built once
and reused: var/bench/eligibility.sqlite3, or the database tdkt_bench_eligibility on PostgreSQL), or
alone: `DATABASE_URL=… .venv/bin/python bench/eligibility_db.py`. Prints JSON lines.

The province: 100,000 persons in 200 units; each has 10 award records (LĐTT, CSTĐ cơ sở, Giấy khen,
Bằng khen… over 2015–2025, with periods and decisions), 5 yearly ratings, and every second person an
initiative. Bulk-loaded with executemany (SQLite) or COPY (PostgreSQL).
"""

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, setup_django  # noqa: E402

TARGET_MS = 3000.0
PERSONS = 100_000
UNITS = 200
AWARDS_PER_PERSON = 10
RATINGS_PER_PERSON = 5
INITIATIVES = 50_000
CANDIDATES = 10_000
RUNS = 3
PREFIX = "EL-"
DECISION = dt.date(2025, 12, 20)
AWARD_MIX = ("LDTT", "LDTT", "LDTT", "CSTD_CS", "CSTD_CS", "GK", "BK_TINH", "CSTD_TINH")
LEVELS = ("HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV")
SPLIT: list[tuple[float, float]] = []  # (loading ms, engine ms) of each call
PROPOSED = ("LDTT", "CSTD_CS", "CSTD_TINH", "BK_TINH", "BK_TTG", "CSTD_TQ", "HCLD3")


def _insert(table: str, columns: list[str], rows) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) == 20_000:
                    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", batch)  # noqa: S608
                    batch = []
            if batch:
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", batch)  # noqa: S608


def build() -> None:
    """Create the dataset once; a second run finds it and returns at once."""
    from django.db import transaction
    from django.utils import timezone

    from tdkt.awards.models import AwardRecord, AwardType, Initiative, Rating
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    if AwardRecord.objects.count() >= PERSONS * AWARDS_PER_PERSON:
        return
    if Unit.objects.filter(code__startswith=PREFIX).exists():
        raise SystemExit("bench database half built: delete it (or drop tdkt_bench_eligibility) and run again")
    started = time.monotonic()
    rng = random.Random(20261121)
    now = timezone.now()
    types = dict(AwardType.objects.values_list("code", "pk"))
    with transaction.atomic():
        root = Unit.objects.create(code=f"{PREFIX}UBND", name="UBND tỉnh Thử Nghiệm", kind=UnitKind.PEOPLES_COMMITTEE,
                                   established_on=dt.date(2000, 1, 1))
        Unit.objects.bulk_create([Unit(code=f"{PREFIX}{i:03d}", name=f"Đơn vị thử {i:03d}", kind=UnitKind.DEPARTMENT,
                                       parent=root, established_on=dt.date(2000, 1, 1)) for i in range(UNITS)])
        unit_ids = list(Unit.objects.filter(parent=root).values_list("pk", flat=True))
        first_person = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        person_ids = range(first_person, first_person + PERSONS)
        _insert(Person._meta.db_table,
                ["id", "full_name", "name_folded", "gender", "birth_year", "ethnicity", "position", "unit_id",
                 "category", "created_at"],
                ((pk, f"Cá Nhân {pk}", f"ca nhan {pk}", rng.choice(("male", "female")), 1960 + pk % 40, "", "",
                  unit_ids[pk % UNITS], "civil_servant", now) for pk in person_ids))

        def awards():
            for pk in person_ids:
                for k in range(AWARDS_PER_PERSON):
                    year = 2015 + k
                    code = AWARD_MIX[(pk + k) % len(AWARD_MIX)]
                    period = code in ("BK_TINH", "CSTD_TINH")
                    yield (now, pk, types[code], "merit", year, "", dt.date(year - 1, 1, 1) if period else None,
                           dt.date(year, 12, 31) if period else None, f"{pk % 997}/QĐ-{year}",
                           dt.date(year + 1, 1, 15), "", "imported", "")

        _insert(AwardRecord._meta.db_table,
                ["created_at", "person_id", "award_type_id", "basis", "year", "school_year", "period_from",
                 "period_to", "decision_number", "decision_date", "decision_issuer", "source", "note"], awards())
        _insert(Rating._meta.db_table, ["created_at", "person_id", "year", "level", "note"],
                ((now, pk, 2020 + k, LEVELS[(pk + k) % len(LEVELS)], "") for pk in person_ids
                 for k in range(RATINGS_PER_PERSON)))
        first_initiative = (Initiative.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        _insert(Initiative._meta.db_table,
                ["id", "created_at", "title", "year", "scope", "decision_number", "recognised_by"],
                ((first_initiative + i, now, f"Sáng kiến {i}", 2016 + i % 10, ("CO_SO", "CO_SO", "TINH")[i % 3],
                  f"{i}/QĐ", "") for i in range(INITIATIVES)))
        _insert(Initiative.authors.through._meta.db_table, ["initiative_id", "person_id"],
                ((first_initiative + i, first_person + 2 * i) for i in range(INITIATIVES)))
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"built in {time.monotonic() - started:.0f} s", file=sys.stderr)


def check(person_ids: list[int]) -> tuple[int, dict]:
    """Load and check: the figure the target is about. Returns (results, verdict counts)."""
    from tdkt.awards.queries import load_histories
    from tdkt.eligibility.engine import evaluate_many

    started = time.perf_counter()
    histories = load_histories(person_ids=person_ids, open_on=DECISION)
    candidates = [histories[("individual", pk)].candidate(id=str(pk), award=PROPOSED[pk % len(PROPOSED)],
                                                           year=DECISION.year)
                  for pk in person_ids]
    loaded = time.perf_counter()
    results = evaluate_many(candidates, decision_date=DECISION)
    SPLIT.append(((loaded - started) * 1000, (time.perf_counter() - loaded) * 1000))
    verdicts: dict[str, int] = {}
    for result in results:
        verdicts[str(result.verdict)] = verdicts.get(str(result.verdict), 0) + 1
    return len(results), verdicts


def main() -> None:
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.awards.models import AwardRecord, Initiative, Rating
    from tdkt.people.models import Person

    build()
    rng = random.Random(7)
    all_ids = list(Person.objects.filter(unit__code__startswith=PREFIX).values_list("pk", flat=True))
    samples, queries, verdicts = [], [], {}
    for run in range(RUNS + 1):
        person_ids = rng.sample(all_ids, CANDIDATES)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            count, verdicts = check(person_ids)
            elapsed = (time.perf_counter() - started) * 1000
        assert count == CANDIDATES
        if run:  # the first run warms the caches (and the OS page cache)
            samples.append(elapsed)
            queries.append(len(captured))
    half = rng.sample(all_ids, CANDIDATES // 2)
    with CaptureQueriesContext(connection) as captured:
        check(half)
    dataset = (f"{thousands(AwardRecord.objects.count())} awards, {thousands(Rating.objects.count())} ratings, "
               f"{thousands(Initiative.objects.count())} initiatives, {thousands(len(all_ids))} persons")
    emit("eligibility_db", connection.vendor, samples, TARGET_MS, queries=queries[-1], dataset=dataset,
         detail=f"{thousands(CANDIDATES)} candidates: {queries[-1]} queries, loading {SPLIT[-2][0]:.0f} ms + engine "
                f"{SPLIT[-2][1]:.0f} ms; {thousands(CANDIDATES // 2)}: {len(captured)} queries; verdicts {verdicts}")


def thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


if __name__ == "__main__":
    main()
