"""Delivering the outbound sync messages (issue 19: "outbox ≥ 200 messages/s to a local receiver"): the worker's
pass (tdkt.integration.delivery.deliver_due, batches of delivery.BATCH) sends MESSAGES pending messages to a
real local HTTP receiver (tests/http_receiver.py, in a thread of this process: token service, bearer check,
idempotency keys kept) over one keep-alive connection. Each message costs a claim UPDATE, one POST and an
UPDATE of its outcome. Target: MESSAGES messages in ≤ MESSAGES / 200 s on PostgreSQL; SQLite printed beside.

Data (rebuilt before each run, outside the timing): one receiver and MESSAGES pending messages of an award
line each, the payload as mapping_v1 writes it (the decision and lines themselves are not needed to deliver).

Run alone: `.venv/bin/python bench/bench_outbox.py [--messages N]` — on DATABASE_URL when set, else on a SQLite
file under var/bench/. The parent migrates, a child (`--child`) builds the data and times."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url  # noqa: E402

RATE_TARGET = 200  # messages per second
RUNS = 3
MESSAGES = 2_000


def _count() -> int:
    if "--messages" in sys.argv:
        return int(sys.argv[sys.argv.index("--messages") + 1])
    return MESSAGES


def build(receiver, count: int) -> None:
    import datetime

    from tdkt.integration.models import MessageKind, OutboundMessage

    OutboundMessage.objects.filter(receiver=receiver).delete()
    due = datetime.date(2026, 7, 15)
    OutboundMessage.objects.bulk_create([OutboundMessage(
        receiver=receiver, kind=MessageKind.AWARD, idempotency_key=f"award:{receiver.pk}:{n}", decision_id=1,
        line_id=n, person_id=None, recipient=f"Trần Văn Thử {n:05d}", due_by=due, payload={
            "action": "award", "subject": {"type": "person", "personal_id": f"0010900{n:05d}",
                                           "full_name": f"Trần Văn Thử {n:05d}"},
            "award": {"code": "BK_TINH", "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"},
            "decision": {"number": "01/QĐ-UBND", "date": "2026-07-10", "authority": "Ủy ban nhân dân tỉnh Thử Nghiệm"},
            "method": "merit", "person_group": "", "line_ref": n}) for n in range(count)], batch_size=1000)


def child() -> None:
    setup_django()
    from django.db import connection
    from tests.http_receiver import ACCESS_KEY, SECRET_KEY, HttpReceiver

    from tdkt.integration import delivery
    from tdkt.integration.models import MessageState, OutboundMessage, Receiver, ReceiverKind

    count = _count()
    os.environ["TDKT_BENCH_SYNC_SECRET"] = SECRET_KEY
    samples = []
    with HttpReceiver() as http:
        OutboundMessage.objects.filter(receiver__name="Bench outbox").delete()  # left by a crashed run
        Receiver.objects.filter(name="Bench outbox").delete()
        receiver = Receiver.objects.create(name="Bench outbox", kind=ReceiverKind.WEBHOOK, url=http.url,
                                           token_url=http.token_url, access_key=ACCESS_KEY,
                                           secret_env="TDKT_BENCH_SYNC_SECRET")
        for _ in range(RUNS):
            build(receiver, count)
            http.stored.clear()
            started = time.perf_counter()
            while delivery.deliver_due()["delivered"]:
                pass
            samples.append((time.perf_counter() - started) * 1000)
            delivered = OutboundMessage.objects.filter(receiver=receiver, state=MessageState.DELIVERED).count()
            assert delivered == count == len(http.stored), f"{delivered} delivered, {len(http.stored)} received"
        OutboundMessage.objects.filter(receiver=receiver).delete()
        receiver.delete()
    best = min(samples)
    emit("outbox_delivery", connection.vendor, samples, count * 1000 / RATE_TARGET,
         dataset=f"{count} pending messages to a local HTTP receiver (token, idempotency keys); "
                 f"{count * 1000 / best:.0f} messages/s in the best run, target ≥ {RATE_TARGET}/s")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("outbox.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_outbox.py", url, "--child", *sys.argv[1:]):
        print(report_line(result))


if __name__ == "__main__":
    main()
