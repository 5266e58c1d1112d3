"""The secret ballot's count (issue 14): a 300-item electronic ballot where 17 members voted (each vote one
sealed paper); closing and counting it — the passphrase's argon2id derivation, 17 papers opened in memory,
300 totals written, the sealed rows and the key deleted, 300 lines approved or not through the per-line state
function, their dossier considered. Target: ≤ 5 s on PostgreSQL (issue 14); SQLite printed beside it.

Run alone: `.venv/bin/python bench/bench_ballot.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/. The parent migrates, a child (`--child`) builds fresh data (a counted ballot cannot be reused)."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_council import ITEMS, PASSPHRASE, build  # noqa: E402
from common import emit, manage, report_line, run_child, setup_django, sqlite_url  # noqa: E402

MEMBERS = 17


def child():
    setup_django()
    from django.db import connection

    from tdkt.council.services import ballots, counting

    meeting, ballot, users = build(MEMBERS)
    item_ids = list(meeting.items.order_by("position").values_list("pk", flat=True))
    for n, user in enumerate(users):
        ballots.cast_vote(ballot, by=user, choices={pk: ("agree", "agree", "disagree", "abstain")[(pk + n) % 4]
                                                    for pk in item_ids})
    started = time.perf_counter()
    ballot = ballots.close_ballot(ballot, by=users[0])
    closed = time.perf_counter()
    counting.count_ballot(ballot, by=users[0], passphrase=PASSPHRASE)
    counted = time.perf_counter()
    ballot.refresh_from_db()
    assert (ballot.cast_count, ballot.valid_count) == (MEMBERS, MEMBERS), "every paper must open"
    emit("ballot_close_and_count_300_items", connection.vendor, [(counted - started) * 1000], 5000.0,
         dataset=f"{MEMBERS} members, {ITEMS} items; close {(closed - started) * 1000:.0f} ms, "
                 f"count {(counted - closed) * 1000:.0f} ms")


def main():
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("ballot.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_ballot.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
