"""What each page of the load test costs alone, and the throughput that bounds (a tool, not in `make bench`).

`DATABASE_URL=postgres://…/tdkt_bench_load .venv/bin/python bench/load_pages.py` after bench/load.py wrote its
plan (var/bench/load-plan.json): for one user of each persona, every page kind of the plan is requested through
Django's test Client with the plan's session (or API token), one at a time, warm; the median time of REPEAT
requests, the queries and the page's size are printed. Then the mix's weighted mean for the specialists and the
bound it sets: CORES × 1000 / mean requests a second if the pages alone took the machine's cores (the load
test's server shares them with PostgreSQL and the client, so its throughput stays below).

Under the load test the machine is CPU-bound (gunicorn about three quarters of it, PostgreSQL one fifth, the
client the rest), so this is where to look first: the bound moved with each change exactly as the load test did.
Read-only apart from the session rows and access-log rows the pages write.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BENCH_DIR, plain_static, setup_django  # noqa: E402
from load import WEIGHTS  # noqa: E402

REPEAT = 15


def main() -> None:
    setup_django()
    plain_static()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    plan = json.loads((BENCH_DIR / "load-plan.json").read_text())
    first_of_persona = {}
    for user in plan["users"]:
        first_of_persona.setdefault(user["persona"], user)
    means = {}
    for persona, user in first_of_persona.items():
        client = Client()
        name, value = user["cookie"].split("=", 1)
        client.cookies[name] = value
        weighted = 0.0
        for kind, pages in user["pages"].items():
            url = pages[0][0]
            headers = {"HTTP_AUTHORIZATION": user["authorization"]} if kind == "api" else {}
            for _ in range(3):
                client.get(url, **headers)
            times = []
            for _ in range(REPEAT):
                started = time.perf_counter()
                client.get(url, **headers)
                times.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, **headers)
            median = statistics.median(times)
            weighted += median * WEIGHTS[kind]
            print(f"{persona:<11} {kind:<20} {median:7.1f} ms {len(queries):3d} queries {len(response.content):7d} B")
        means[persona] = weighted / sum(WEIGHTS[kind] for kind in user["pages"])
    cores = os.cpu_count() or 1
    for persona, mean in means.items():
        print(f"weighted mean, {persona}: {mean:.1f} ms → at most {cores * 1000 / mean:.0f} req/s on {cores} cores")


if __name__ == "__main__":
    main()
