"""Each statutory statistical form (issue 18: 0601–0605 of TT 02/2023) computed for the province and for one
department, over the reports dataset. Target: ≤ 2 s per form on PostgreSQL, ≤ 5 s on SQLite (the target
printed is the one of the database the run uses). The engine counts an awards form with ONE grouped query
over its dimensions (award code, level, recipient, enterprise flag, person group, method) and evaluates every
cell from that aggregate; the query count is printed beside the time to show it.

Data: bench/reports_seed.py — 1,000,000 award records over the statistical years 2017–2026 and 100,000
persons, 486 units, 200 movements, 40 TĐKT organisations and 400 TĐKT civil servants, built once in the
database "reports" (REPORTS_BENCH_SCALE=0.01 builds 1 % for a quick try; the figures then say so).

Run alone: `.venv/bin/python bench/bench_stats_forms.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/. The parent migrates, a child (`--child`) builds the data and times."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url  # noqa: E402

TARGET_MS = {"postgresql": 2000.0, "sqlite": 5000.0}
RUNS = 3
YEAR = 2026
FORMS = ("0601", "0602", "0603", "0604", "0605")


def child() -> None:
    setup_django()
    import reports_seed
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.orgs.models import Unit
    from tdkt.reports.statistics import definitions
    from tdkt.reports.statistics.compute import compute

    built = reports_seed.build()
    department = Unit.objects.filter(code=f"{reports_seed.CODE_PREFIX}S00").first()
    circular = definitions.circular(definitions.DEFAULT_CIRCULAR)
    target = TARGET_MS.get(connection.vendor, 5000.0)
    for number in FORMS:
        definition = circular.form(number)
        for label, unit in (("province", None), ("department", department)):
            with CaptureQueriesContext(connection) as captured:
                result = compute(definition, YEAR, unit)
            samples = []
            for _ in range(RUNS):
                started = time.perf_counter()
                again = compute(definition, YEAR, unit)
                samples.append((time.perf_counter() - started) * 1000)
                assert again.cells == result.cells, "the same question gave other figures"
            emit(f"stats_form_{number}_{label}", connection.vendor, samples, target, queries=len(captured),
                 dataset=f"{reports_seed.dataset_text()}; statistical year {YEAR}; total {result.total:,}; "
                         f"{built['records']:,} records in the database".replace(",", "."))


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("reports.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_stats_forms.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
