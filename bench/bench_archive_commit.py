"""Archive digitisation (issue 17): recording a reviewed batch of 500 decisions with 20,000 lines (19,000
linked to recorded persons, 1,000 persons to create) — target ≤ 60 s on PostgreSQL.

The read state (batch, documents, lines) is built directly in the database (bulk, untimed), as the reading
job leaves it; the timed part is what the user waits for: start_commit (the checks, then — for a batch this
big — the commit job, run inline as the worker runs it: tdkt.jobs through ImmediateBackend) until the batch
is recorded. A second run on a fresh batch; each run's decision numbers are new, so every line is written.

Run alone: `.venv/bin/python bench/bench_archive_commit.py` — on DATABASE_URL when set, else on a SQLite
file under var/bench/. The parent migrates, a child (`--child`) builds the data and times."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url  # noqa: E402

TARGET_MS = 60_000.0
RUNS = 2
DOCUMENTS = 500
LINES_PER_DOCUMENT = 40
NEW_EVERY = 20  # one line in 20 is a person the officer chose to create
CODE = "LT-ARCH"


def build():
    """(unit, officer, person ids), built when missing."""
    import datetime

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.lib.vntext import fold
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    province = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    unit = Unit.objects.filter(code=CODE).first()
    if unit is None:
        unit = Unit.objects.create(code=CODE, name="Sở Lưu Trữ Thử", kind=UnitKind.DEPARTMENT, parent=province,
                                   established_on=datetime.date(2000, 1, 1))
        Person.objects.bulk_create([
            Person(full_name=f"Trần Văn Lưu {i:05d}", name_folded=fold(f"Trần Văn Lưu {i:05d}"), unit=unit,
                   category="civil_servant", birth_year=1960 + i % 40)
            for i in range(DOCUMENTS * LINES_PER_DOCUMENT)], batch_size=2000)
    officer, _created = User.objects.get_or_create(username="lt-canbo", defaults={"full_name": "Cán bộ lưu trữ"})
    Membership.objects.get_or_create(user=officer, role=Role.UNIT_CLERK, unit=unit)
    people = list(Person.objects.filter(unit=unit, full_name__startswith="Trần Văn Lưu ").order_by("id")
                  .values_list("id", flat=True))
    return unit, officer, people


def fresh_batch(unit, officer, people, run: str):
    """A batch in the `read` state: DOCUMENTS documents, each with LINES_PER_DOCUMENT settled lines."""
    import datetime
    import hashlib

    from tdkt.awards.archive.models import ArchiveBatch, ArchivedDocument, ArchivedLine, ArchiveState, DocumentStatus
    from tdkt.awards.models import AwardType

    award = AwardType.objects.get(code="BK_TINH")
    batch = ArchiveBatch.objects.create(uploaded_by=officer, unit=unit, state=ArchiveState.READ,
                                        total=DOCUMENTS, done=DOCUMENTS)
    documents = ArchivedDocument.objects.bulk_create([
        ArchivedDocument(batch=batch, position=i, original_name=f"qd-{run}-{i}.pdf", original=f"archive/bench/{i}.pdf",
                         sha256=hashlib.sha256(f"{run}-{i}".encode()).hexdigest(), status=DocumentStatus.READ,
                         number=f"{i}/QĐ-UBND-{run}", date=datetime.date(2015, 1 + i % 12, 1 + i % 28), year=2014,
                         issuer="ỦY BAN NHÂN DÂN TỈNH", page_count=2)
        for i in range(1, DOCUMENTS + 1)], batch_size=500)
    lines = []
    for d_index, document in enumerate(documents):
        for l_index in range(LINES_PER_DOCUMENT):
            n = d_index * LINES_PER_DOCUMENT + l_index
            new = n % NEW_EVERY == 0
            lines.append(ArchivedLine(
                document=document, line=10 + l_index, name=f"Người Mới {run} {n:05d}" if new else f"Trần Văn Lưu {n:05d}",
                kind="individual", award_text="Bằng khen của Chủ tịch UBND tỉnh", award_type=award,
                status="new" if new else "linked", choice="create" if new else "",
                person_id=None if new else people[n], birth=""))
    ArchivedLine.objects.bulk_create(lines, batch_size=2000)
    return batch


def child() -> None:
    setup_django()
    from django.db import connection

    from tdkt.awards.archive.commit import start_commit
    from tdkt.awards.archive.models import ArchiveBatch
    from tdkt.awards.models import AwardRecord

    unit, officer, people = build()
    samples = []
    written = 0
    stamp = str(int(time.time()))
    for run in range(RUNS):
        batch = fresh_batch(unit, officer, people, f"{stamp}{run}")
        before = AwardRecord.objects.count()
        started = time.perf_counter()
        start_commit(batch, by=officer)
        samples.append((time.perf_counter() - started) * 1000)
        batch = ArchiveBatch.objects.get(pk=batch.pk)
        if batch.state != "committed":
            raise SystemExit(f"the batch was not recorded: {batch.state} {batch.error}")
        written = AwardRecord.objects.count() - before
    total = DOCUMENTS * LINES_PER_DOCUMENT
    emit("archive_commit_500_decisions_20000_lines", connection.vendor, samples, TARGET_MS, judge="max",
         dataset=f"{DOCUMENTS} decisions, {total} lines ({total // NEW_EVERY} new persons), {written} award records "
                 "written per run, through start_commit and the commit job run inline")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("archive_commit.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_archive_commit.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
