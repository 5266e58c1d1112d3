"""The year-end work report of the province as a Word draft (issue 18, item 4): every figure of
tdkt.reports.work.figures (movements, dossiers and their working-day deadlines, awards by level, form and
method, the equity shares beside the previous year, plan tasks) and the Decree-30 document built from them,
as the view does it (services.draft: figures, then python-docx). Target: ≤ 5 s on PostgreSQL and SQLite. The
query count is printed (it does not grow with the data).

Data: the reports benchmarks' shared dataset (bench/reports_seed.py: 1,000,000 award records over the
statistical years 2017–2026, 100,000 persons, 486 units), built once in the database "reports". The report is
for the statistical year 2026 (01/12/2025–30/11/2026), compared with 2025. A unit's report (one department
with its divisions) is timed beside it.

Run alone: `.venv/bin/python bench/bench_work_report.py` — on DATABASE_URL when set, else on a SQLite file
under var/bench/ (`REPORTS_BENCH_SCALE=0.01` for a quick try at 1 %). The parent migrates, a child (`--child`)
builds the data and times."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url  # noqa: E402

TARGET_MS = 5000.0
RUNS = 3
YEAR = 2026


def child() -> None:
    setup_django()
    import reports_seed
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.orgs.models import Unit
    from tdkt.reports.enums import ReportKind
    from tdkt.reports.work import services

    built = reports_seed.build()
    department = Unit.objects.filter(code__startswith=reports_seed.CODE_PREFIX, children__isnull=False).exclude(
        pk=built["province_unit_id"]).order_by("code").first()
    for label, unit in (("province", None), ("unit", department)):
        with CaptureQueriesContext(connection) as captured:
            draft = services.draft(kind=ReportKind.YEAR_END, year=YEAR, unit=unit)
        assert draft.figures.awards_total > 0, "the report counted no award"
        queries = len(captured)
        samples = []
        for _ in range(RUNS):
            started = time.perf_counter()
            services.draft(kind=ReportKind.YEAR_END, year=YEAR, unit=unit)
            samples.append((time.perf_counter() - started) * 1000)
        emit(f"work_report_year_end_docx_{label}", connection.vendor, samples, TARGET_MS, queries=queries,
             dataset=f"{reports_seed.dataset_text()}; statistical year {YEAR}: "
                     f"{draft.figures.awards_total:,} awards counted".replace(",", "."))


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("reports.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_work_report.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
