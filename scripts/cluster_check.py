#!/usr/bin/env python3
"""`make test-cluster`: a production stack on localhost — one PostgreSQL, two gunicorn nodes, two workers, one
nginx rendered from deploy/nginx — and a bounded check that numbering, ballots, imports, the outbox, protected
media and backup/restore stay correct across nodes (scripts/cluster/checks.py). Outside `make test`.

    .venv/bin/python scripts/cluster_check.py [--keep-logs DIR]

Bounded: the whole run is stopped after CLUSTER_TIMEOUT seconds (default 600). Everything it started is stopped
and its folder removed whatever happens (finally, and SIGINT/SIGTERM/the timeout all end up there). Exit 0 when
every check passed; 1 otherwise, with the nodes' logs."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "scripts"), str(REPO), str(REPO / "src")]

from cluster import checks  # noqa: E402 - after the path is set (scripts/cluster/)
from cluster.stack import Stack, pg_cluster  # noqa: E402

TIMEOUT = int(os.environ.get("CLUSTER_TIMEOUT", "600"))


class Stop(Exception):  # noqa: N818 - a signal, not an error of ours
    pass


def _stop(signum, _frame):
    raise Stop(f"stopped by signal {signum} (timeout {TIMEOUT} s or interrupted)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep-logs", type=Path, help="copy the nodes' logs here before cleaning up")
    args = parser.parse_args()
    started = time.monotonic()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM):
        signal.signal(signum, _stop)
    signal.alarm(TIMEOUT)
    stack = Stack(Path(tempfile.mkdtemp(prefix="tdkt-cluster-")))
    receiver = None
    results: list[tuple[str, bool, str, float]] = []
    failed = False
    try:
        stack.start_database()
        os.environ.update(stack.env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "tdkt.settings"
        import django

        django.setup()
        receiver = checks.Receiver()
        stack.start_nodes({checks.SYNC_SECRET_ENV: checks.Receiver.SECRET})
        print(f"stack up in {time.monotonic() - started:.1f} s: nginx :{checks.BALANCED} (A :{checks.NODE_A}, "
              f"B :{checks.NODE_B}), gunicorn :{checks.GUNICORN_PORTS[0]} :{checks.GUNICORN_PORTS[1]}, 2 workers, "
              f"PostgreSQL :{os.environ.get('CLUSTER_PG_PORT', '55571')}", flush=True)
        world = checks.make_world()
        checks.make_receiver(receiver)
        batch = {}

        def run_import():
            text, batch["pk"] = checks.check_import(world)
            return text

        steps = [
            ("decision numbering", lambda: checks.check_numbering(world)),
            ("secret ballot", lambda: checks.check_ballot(world)),
            ("history import by two workers", run_import),
            ("media through X-Accel-Redirect", lambda: checks.check_media(world, batch["pk"])),
            ("outbox exactly once", lambda: checks.check_outbox(world, receiver)),
            ("Việc của tôi kept on every node", lambda: checks.check_kept_agenda(world)),
            ("backup and restore", lambda: checks.check_backup_restore(stack, pg_cluster)),
        ]
        for name, step in steps:
            began = time.monotonic()
            try:
                detail = step()
                results.append((name, True, detail, time.monotonic() - began))
            except (AssertionError, KeyError) as exc:
                failed = True
                results.append((name, False, f"{exc!r}\n{traceback.format_exc(limit=3)}", time.monotonic() - began))
            status, _ok, detail, seconds = results[-1][0], results[-1][1], results[-1][2], results[-1][3]
            print(f"{'PASS' if results[-1][1] else 'FAIL'}  {status} ({seconds:.1f} s): {detail}", flush=True)
        memory = stack.memory()
        print("memory (RSS, MiB): " + "; ".join(f"{role} {sorted(values)}" for role, values in memory.items()),
              flush=True)
    except (Exception, Stop) as exc:  # noqa: BLE001 - the stack is stopped below whatever broke
        failed = True
        print(f"ERROR: {exc}\n{traceback.format_exc()}", file=sys.stderr, flush=True)
    finally:
        signal.alarm(0)
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.SIG_IGN)  # the clean-up itself is not interrupted
        if failed:
            print(stack.logs(), file=sys.stderr)
        if args.keep_logs:
            args.keep_logs.mkdir(parents=True, exist_ok=True)
            for log in [*stack.root.glob("*.log"), *stack.root.glob("nginx/logs/*.log")]:
                shutil.copy(log, args.keep_logs / log.name)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001, S110 - Django may not be set up yet
            pass
        if receiver is not None:
            receiver.close()
        stack.stop()
        shutil.rmtree(stack.root, ignore_errors=True)
    passed = sum(1 for r in results if r[1])
    print(f"cluster check: {passed} passed, {len(results) - passed} failed in {time.monotonic() - started:.0f} s")
    return 1 if failed or passed < 7 else 0


if __name__ == "__main__":
    sys.exit(main())
