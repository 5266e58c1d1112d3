"""50 simultaneous sign-ins through the real sign-in view: wall time from the first request to the last answer;
target ≤ 3 s in all (issue 23). For comparison, the same 50 against hashes made with Django's default Argon2
parameters (100 MiB, t 2, p 8), shown for information: those are what the tuned hasher replaces on sign-in.

Each sign-in is a POST of user name and password to /accounts/login/ by Django's test Client (the whole
middleware stack, the lockout check, the audit row, the session), each in its own thread with its own database
connection. argon2-cffi releases the GIL while hashing, so the threads hash in parallel on every core, as the
workers of a server would. The users are ordinary unit clerks (no second factor).

Run alone: `.venv/bin/python bench/bench_signin.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/.
"""

import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, plain_static, report_line, run_child, setup_django, sqlite_url  # noqa: E402

TARGET_MS = 3000.0
USERS = 50
ROUNDS = 3
PASSWORD = "Mật-khẩu-thử-nghiệm-2026"
PREFIX = "bench.signin."


def build(prefix: str, hasher) -> list[str]:
    """USERS accounts whose stored hash was made by hasher (re-made each round: a sign-in upgrades old hashes)."""
    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit

    unit, _ = Unit.objects.get_or_create(code="BSI-UB", defaults={"name": "UBND xã Thử Đăng Nhập",
                                                                   "kind": UnitKind.COMMUNE})
    encoded = hasher.encode(PASSWORD, hasher.salt())
    names = [f"{prefix}{i:02d}" for i in range(USERS)]
    for name in names:
        user, created = User.objects.get_or_create(username=name, defaults={"full_name": f"Cán bộ {name}"})
        if created:
            Membership.objects.create(user=user, role=Role.UNIT_CLERK, unit=unit)
    User.objects.filter(username__in=names).update(password=encoded)
    return names


def sign_in_all(names: list[str]) -> tuple[float, list[int]]:
    """All sign-ins started together; (wall milliseconds, status codes)."""
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    url = reverse("accounts:login")
    start = threading.Barrier(len(names) + 1)
    statuses = [0] * len(names)

    def one(index: int, name: str) -> None:
        client = Client(REMOTE_ADDR=f"10.23.0.{index + 1}")
        client.get(url)
        start.wait()
        statuses[index] = client.post(url, {"username": name, "password": PASSWORD}).status_code
        connections.close_all()

    threads = [threading.Thread(target=one, args=(i, name)) for i, name in enumerate(names)]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return (time.perf_counter() - started) * 1000, statuses


def child() -> None:
    setup_django()
    plain_static()
    from axes.models import AccessAttempt, AccessLog
    from django.contrib.auth.hashers import Argon2PasswordHasher, get_hasher
    from django.db import connection

    hashers = [("signin_50_tuned", PREFIX, get_hasher("default"), TARGET_MS),
               ("signin_50_django_default", f"{PREFIX}old.", Argon2PasswordHasher(), None)]
    for label, prefix, hasher, target in hashers:
        samples = []
        for _ in range(ROUNDS):
            names = build(prefix, hasher)
            elapsed, statuses = sign_in_all(names)
            if set(statuses) != {302}:
                raise SystemExit(f"{label}: sign-ins answered {sorted(set(statuses))}, expected 302")
            samples.append(elapsed)
        AccessAttempt.objects.all().delete()
        AccessLog.objects.all().delete()
        emit(label, connection.vendor, samples, target if target is not None else float("inf"), judge="max",
             dataset=f"{USERS} simultaneous sign-ins, {ROUNDS} rounds, hasher {type(hasher).__name__} "
                     f"m={hasher.memory_cost} KiB t={hasher.time_cost} p={hasher.parallelism}, "
                     f"{os.cpu_count()} cores")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("signin.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_signin.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
