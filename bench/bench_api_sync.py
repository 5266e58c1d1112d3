"""Incremental sync of the award register through the API (issue 19): a receiving system reads every award
record with GET /api/v1/awards, page after page, following next_cursor (1,000 records a page), then, after
1,000 records changed, syncs again from the cursor it kept and receives exactly those. Target: the full read
of 100,000 records ≤ 30 s on PostgreSQL; SQLite printed beside it; the incremental read is printed too.

Data (built once with bulk_create, reused): 100,000 award records of 20,000 persons in 20 units (five each),
and the province specialist whose token reads them (every scope). BENCH_API_RECORDS sets a smaller count for
a quick try (a separate database per count).

Each request goes through the whole stack in-process (Django's test Client, the token's rate limit lifted),
the body read and parsed as JSON, as the receiving system would.

Run alone: `.venv/bin/python bench/bench_api_sync.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/. The parent migrates, a child (`--child`) builds the data and times."""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, plain_static, report_line, run_child, setup_django, sqlite_url  # noqa: E402

TARGET_MS = 30_000.0
RECORDS = int(os.environ.get("BENCH_API_RECORDS", "100000"))
PER_PERSON = 5
UNITS = 20
PAGE = 1000
CHANGED = min(1000, RECORDS)
INCREMENTAL_TARGET_MS = 3_000.0  # ours, not the issue's: the incremental read of 1,000 changes
CODE_PREFIX = "BA-"


def build():
    """(the reader's raw token, award record ids) — data built when missing."""
    import datetime

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.api.models import ApiToken
    from tdkt.awards.enums import AwardSource
    from tdkt.awards.models import AwardRecord, AwardType
    from tdkt.lib.vntext import fold
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    def records():
        return list(AwardRecord.objects.filter(person__unit__code__startswith=CODE_PREFIX).values_list("id", flat=True))

    if not Unit.objects.filter(code__startswith=CODE_PREFIX).exists():
        on = datetime.date(2020, 1, 1)
        root = Unit.objects.create(code=f"{CODE_PREFIX}UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                                   kind=UnitKind.PEOPLES_COMMITTEE, established_on=on)
        Unit.objects.bulk_create([Unit(code=f"{CODE_PREFIX}{i:03d}", name=f"Đơn vị thử nghiệm số {i:03d}",
                                       kind=UnitKind.DEPARTMENT, parent=root, established_on=on) for i in range(UNITS)])
        units = list(Unit.objects.filter(code__startswith=CODE_PREFIX).exclude(pk=root.pk).order_by("code"))
        people_count = max(1, RECORDS // PER_PERSON)
        Person.objects.bulk_create([
            Person(full_name=f"Lê Văn Đồng Bộ {i:06d}", name_folded=fold(f"Lê Văn Đồng Bộ {i:06d}"),
                   unit=units[i % UNITS], category="civil_servant", birth_year=1970 + i % 30)
            for i in range(people_count)], batch_size=2000)
        people = list(Person.objects.filter(unit__code__startswith=CODE_PREFIX).values_list("id", flat=True))
        awards = list(AwardType.objects.filter(code__in=["LDTT", "CSTD_CS", "BK_TINH", "GK", "CSTT"]))
        AwardRecord.objects.bulk_create([
            AwardRecord(person_id=people[i % len(people)], award_type=awards[i % len(awards)], year=2010 + i // len(people),
                        decision_number=f"{i % 900 + 1}/QĐ-UBND", decision_date=datetime.date(2011 + i // len(people), 3, 2),
                        decision_issuer="Ủy ban nhân dân tỉnh Thử Nghiệm", source=AwardSource.IMPORTED)
            for i in range(RECORDS)], batch_size=5000)
        user = User.objects.create_user(username="bench.api", password="x", full_name="Nguyễn Thị Đồng Bộ")
        Membership.objects.create(user=user, role=Role.PROVINCE_SPECIALIST, unit=root)
    user = User.objects.get(username="bench.api")
    ApiToken.objects.filter(user=user).delete()
    _row, raw = ApiToken.issue(user, "bench", rate_limit=1_000_000)
    have = records()
    if len(have) != RECORDS:
        raise SystemExit(f"bench data holds {len(have)} records, expected {RECORDS}: delete the bench database")
    return raw, have


def walk(client, cursor: str = "") -> tuple[int, str, int]:
    """Every page from `cursor`: (records read, the last cursor, requests)."""
    read = requests = 0
    while True:
        response = client.get("/api/v1/awards", {"limit": PAGE, "cursor": cursor})
        requests += 1
        assert response.status_code == 200, response.content[:300]
        body = json.loads(response.content)
        read += len(body["items"])
        cursor = body["next_cursor"] or cursor
        if not body["has_more"]:
            return read, cursor, requests


def child() -> None:
    setup_django()
    plain_static()
    from django.db import connection
    from django.test import Client

    from tdkt.awards.models import AwardRecord

    raw, ids = build()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    started, cpu = time.perf_counter(), time.process_time()
    read, cursor, requests = walk(client)
    full_ms = (time.perf_counter() - started) * 1000
    # This process's CPU (client and server, not the database's): what the code costs whatever the machine's load.
    cpu_s = time.process_time() - cpu
    assert read == RECORDS, f"read {read} records, expected {RECORDS}"
    for record in AwardRecord.objects.filter(pk__in=ids[:CHANGED]):
        record.note = "đã sửa"
        record.save(update_fields=["note", "updated_at"])
    started = time.perf_counter()
    changed, _cursor, _requests = walk(client, cursor)
    incremental_ms = (time.perf_counter() - started) * 1000
    assert changed == CHANGED, f"incremental sync read {changed} records, expected {CHANGED}"
    emit("api_full_sync_award_records", connection.vendor, [full_ms], TARGET_MS,
         dataset=f"{RECORDS:,} award records, {PAGE} a page, {requests} requests, {cpu_s:.1f} s CPU in this process, "
                 f"load average {os.getloadavg()[0]:.1f}")
    emit("api_incremental_sync_award_records", connection.vendor, [incremental_ms], INCREMENTAL_TARGET_MS,
         dataset=f"{CHANGED:,} records changed after the full read, from the kept cursor")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url(f"api_sync_{RECORDS}.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_api_sync.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
