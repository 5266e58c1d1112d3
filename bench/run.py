"""Run every benchmark and print each figure beside its target (`make bench`).

    PASS  person_search_page[postgresql]                  p90 time     42.1 ms  (target ≤ 50 ms)
          median 30.2 ms, p90 42.1 ms, max 61.0 ms, 90 runs, 7 queries/request, GET /people/?q=…, 1.000.000 persons

One line per figure (time, and peak memory where there is a target for it): PASS or FAIL against the target,
INFO for figures shown without one; the details line gives median/p90/max, the runs, the queries counted for each
request and the dataset. Times are judged on the p90 (what nine users in ten get) unless a benchmark says
otherwise. Pages are timed as a user gets them: the whole request through the middleware stack with Django's
test Client, signed in as the persona who uses the page, the body read. A summary ends the run (counts of PASS,
FAIL, INFO and crashed benchmarks, every miss). Exit status: 0 even when targets are missed (benchmarks never
fail the build), 1 when a benchmark crashed (the others still run).

Benchmarks (each bench/*.py file documents its dataset):
- person_search: the people page `/people/?q=…` over 1,000,000 persons (`seed_demo --scale 500`), 30 typed-in
  queries, as the province specialist (the target) and a commune clerk. SQLite ≤ 150 ms, PostgreSQL ≤ 50 ms.
- unit_tree: the unit tree page (/units/) with 2,000 units, ≤ 100 ms, and its query count (also at 500 units).
- plan_import: import of each seed plan ≤ 500 ms, and of a synthetic 300-task, 60-page plan ≤ 3 s. No database.
- eligibility_engine: pure engine throughput on 10,000 candidates, ≥ 50,000 checks/s (≤ 200 ms). No database.
- plans_board: a plan's quarter board (/plans/<id>/board/) with 5,000 tasks, ≤ 150 ms, and its query count.
- eligibility_db: 10,000 candidates loaded from the database and checked, ≤ 3 s.
- history_import: a 100,000-row award spreadsheet through the import's services, ≤ 60 s, peak memory ≤ 500 MB.
- workflow benchmarks (issues 5–7), each bench/bench_*.py with its own data built in bulk: dossiers_queue,
  nominee_import, consultations, workcalendar, movements, scoring, council, ballot (issue 14: closing and
  counting a sealed 300-item ballot ≤ 5 s); decision_docx, certificates_pdf and
  nd30_table need no database.
- hostile_files (bench_hostile_files.py, issue 14): each hostile file (declared dimension, 2 million empty rows,
  cell bomb, zip bombs, billion laughs, forged Word tables, PDFs with many pages, objects or a bomb stream) through
  the real import function, ≤ 2 s and ≤ 50 MB of resident memory each; no database.
- read_award_document (bench_read_document.py, issue 17): reading a 2-page text decision (70 recipients in a
  numbered list and a table) ≤ 0.5 s; no database.
- verdicts (bench_verdicts.py, issue 15): recomputing the stored verdicts of 2,000 recipients' open lines after
  a 2,000-line decision is signed ≤ 5 s on PostgreSQL, with its query count (fixed, one UPDATE per batch aside).
- unit_sheet (bench_unit_sheet.py, issue 16): a unit's year-end sheet of 1,500 lines: verdicts for all lines
  ≤ 3 s; the job "accept all eligible lines", the council's approval, the decision and its 1,500-line annex
  ≤ 10 s on PostgreSQL, with the job's query count (fixed per batch).
- ocr (bench_ocr.py, issue 17): OCR of a generated 10-page A4 scan at 300 dpi (ocrmypdf, Tesseract's Vietnamese
  model), seconds per page, target ≤ 6 s a page; no database.
- archive_commit (bench_archive_commit.py, issue 17): recording an archive batch of 500 decisions with 20,000
  lines through start_commit and its job ≤ 60 s on PostgreSQL.
- signin (bench_signin.py, issue 23): 50 simultaneous sign-ins through the real sign-in view ≤ 3 s in all, and the
  same with Django's default Argon2 parameters for information.
- load (load.py, issue 23, PostgreSQL only): 50 signed-in users (35 specialists, 10 council members, 5 commune
  clerks), no think time, 60 s through gunicorn (4 workers) on the provincial dataset (bench/load_seed.py, built
  once in the database tdkt_bench_load and reused); throughput ≥ 100 req/s, p99 ≤ 1 s, 0 errors, stretch ≥ 15 % of
  the same server's /floor in the same run. Four figures, each PASS or FAIL; the load average beside them.
- exports (bench_exports.py, issue 12): the consolidated nominee list .xlsx of 12,000 lines (≤ 10 s, ≤ 150 MB),
  a 10,000-task plan .xlsx (≤ 5 s) and the 50,000-person people .xlsx (≤ 5 s, ≤ 100 MB), through their URLs.

Databases live under var/bench/ (SQLite) and are reused when already seeded. PostgreSQL: the URL in
BENCH_DATABASE_URL_PG, else a private throwaway cluster from scripts/pg_cluster.sh (port 55439,
stopped afterwards unless BENCH_KEEP_PG=1, reused when already running); skipped when neither is available.
Every run is saved to var/bench/run-<time>.json (and var/bench/results.json).
Options: --only sqlite|postgresql, --skip-search, --skip-tree, --skip-import, --skip-engine, --skip-history,
--skip-plans, --skip-workflow, --workflow exports,scoring (only those), --skip-load, --load-scale S (the load
test's dataset at S: 0.05 for a quick try), --search-scale N (seed_demo scale of the
search database), --write-doc (rewrite the results section of docs/performance.md from this run),
--doc-from RUN.json … (rewrite it from saved runs, running nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BENCH_DIR, ROOT, manage, report_line, run_child, sqlite_url, verdicts  # noqa: E402

SCALE = 500  # 500 × 2,000 = 1,000,000 persons
PERSONS = SCALE * 2_000
TREE_SIZES = (500, 2000)
PG_PORT = os.environ.get("BENCH_PG_PORT", "55439")


def person_count(url: str) -> int:
    out = manage(url, "shell", "-c", "from tdkt.people.models import Person; print(Person.objects.count())",
                 quiet=True)
    return int(out.strip().splitlines()[-1])


def ensure_seeded(url: str, label: str, scale: float = SCALE) -> None:
    manage(url, "migrate", "--noinput", quiet=True)
    count = person_count(url)
    persons = round(scale * 2_000)
    if count >= persons:
        print(f"  {label}: reusing the seeded database ({count:,} persons)".replace(",", "."))
        analyze(url)
        return
    print(f"  {label}: seeding {persons:,} persons (seed_demo --scale {scale:g}); this takes a few minutes…"
          .replace(",", "."))
    started = time.monotonic()
    args = ["seed_demo", "--province", "Lào Cai", "--scale", f"{scale:g}"]
    if count:
        args.append("--reset")
    manage(url, *args, quiet=True)
    print(f"  {label}: seeded in {time.monotonic() - started:.0f} s")
    analyze(url)


def analyze(url: str) -> None:
    """Planner statistics, as autovacuum keeps them in production (a bulk-loaded table has none yet)."""
    manage(url, "shell", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')", quiet=True)


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def ensure_pg_database(url: str, name: str) -> str:
    """A separate database on the same server (for the synthetic tree); created when missing."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return with_database(url, name)


def postgres_url() -> tuple[str | None, bool]:
    """(url, started_here). Uses BENCH_DATABASE_URL_PG or starts a private cluster."""
    if os.environ.get("BENCH_DATABASE_URL_PG"):
        return os.environ["BENCH_DATABASE_URL_PG"], False
    script = ROOT / "scripts" / "pg_cluster.sh"
    if not script.exists():
        return None, False
    env = dict(os.environ, PGPORT_TDKT=PG_PORT)
    started = subprocess.run(["bash", str(script), "start"], env=env, capture_output=True, text=True, check=False)
    if started.returncode != 0:
        print(f"  postgres: could not start a cluster: {(started.stderr or started.stdout).strip()[:300]}")
        return None, False
    # The owner role: the benchmarks create their databases and migrate them (the application role may not);
    # the triggers and queries timed are the same for either role.
    url = subprocess.run(["bash", str(script), "owner-url"], env=env, capture_output=True, text=True, check=True)
    return url.stdout.strip(), "already running" not in started.stdout


def stop_pg_cluster() -> None:
    script = ROOT / "scripts" / "pg_cluster.sh"
    subprocess.run(["bash", str(script), "stop"], env=dict(os.environ, PGPORT_TDKT=PG_PORT), check=False)


EXTRA_LINES = ("slowest", "throughput", "detail", "queries_at_500")


class Suite:
    """Runs benchmark scripts, prints every figure in the uniform format, keeps going after a crash."""

    def __init__(self) -> None:
        self.results: list[dict] = []
        self.crashes: list[dict] = []

    def add(self, result: dict) -> None:
        print(report_line(result))
        for extra in EXTRA_LINES:
            if extra in result:
                label = "queries at 500" if extra == "queries_at_500" else ""
                print(f"      {label + ': ' if label else ''}{result[extra]}")
        result["verdicts"] = verdicts(result)
        self.results.append(result)

    def run(self, label: str, script: str, url: str, *args: str, prepare=None, rename=None) -> None:
        """One benchmark script in a child process; a crash is reported and counted, the others still run."""
        try:
            if prepare is not None:
                prepare()
            for result in run_child(script, url, *args):
                if rename is not None:
                    rename(result)
                result["script"] = script
                self.add(result)
        except Exception as exc:  # noqa: BLE001 — any failure of a benchmark is reported, then the next one runs
            text = str(exc).strip()
            tail = "\n".join(text.splitlines()[-12:])
            print(f"CRASH {label}: {script}\n" + "\n".join(f"      {line}" for line in tail.splitlines()))
            self.crashes.append({"label": label, "script": script, "error": tail})

    def summary(self) -> dict:
        counts = {"PASS": 0, "FAIL": 0, "INFO": 0}
        misses = []
        for result in self.results:
            for verdict in result["verdicts"]:
                counts[verdict["status"]] += 1
                if verdict["status"] == "FAIL":
                    misses.append(f"{result['name']}[{result['database']}]: {verdict['figure']} {verdict['value']} "
                                  f"(target {verdict['target']})")
        return {**counts, "CRASH": len(self.crashes), "misses": misses}


def run_database(suite: Suite, label: str, search_url: str, tree_urls: dict[int, str], args,
                 plans_url: str | None = None) -> None:
    if plans_url and not args.skip_plans:
        suite.run(f"plans_board[{label}]", "plans_board.py", plans_url, prepare=lambda: migrate(plans_url))
    if not args.skip_search:
        suite.run(f"person_search[{label}]", "person_search.py", search_url,
                  prepare=lambda: ensure_seeded(search_url, label, args.search_scale))
    if not args.skip_tree:
        for size, url in tree_urls.items():
            def rename(result, size=size):
                if size == TREE_SIZES[-1]:
                    result["name"] = "unit_tree"
                else:  # shown for the query count only
                    result["name"] = f"unit_tree_{size}"
                    result["target_ms"] = float("inf")
            suite.run(f"unit_tree[{label}, {size}]", "unit_tree.py", url, str(size),
                      prepare=lambda url=url: migrate(url), rename=rename)


def migrate(url: str) -> None:
    manage(url, "migrate", "--noinput", quiet=True)


def run_history(suite: Suite, urls: dict[str, str], args) -> None:
    """eligibility_db and history_import, each on its own database (built once, reused)."""
    if args.skip_history:
        return
    for script, url in urls.items():
        suite.run(script, script, url, prepare=lambda url=url: migrate(url))


# Workflow benchmarks (issues 5–7) and the exports (issue 12): script -> its SQLite file / PostgreSQL database name.
WORKFLOW_BENCHES = {
    "bench_dossiers_queue.py": "dossiers_queue", "bench_nominee_import.py": "nominee_import",
    "bench_consultations.py": "consultations", "bench_workcalendar.py": "workcalendar",
    "bench_movements.py": "movements", "bench_scoring.py": "scoring", "bench_council.py": "council",
    "bench_exports.py": "exports", "bench_ballot.py": "ballot", "bench_verdicts.py": "verdicts",
    "bench_dossier_page.py": "dossier_page", "bench_unit_sheet.py": "unit_sheet",
    "bench_archive_commit.py": "archive_commit", "bench_ranking.py": "ranking",
    "bench_stats_forms.py": "reports",
    "bench_history_search.py": "reports",
    "bench_work_report.py": "reports",
    "bench_reports_dashboard.py": "reports",
    "bench_initiatives.py": "initiatives",
    "bench_outbox.py": "outbox",
    "bench_api_sync.py": "api_sync",
    "bench_registrations.py": "registrations",
    "bench_home.py": "home",
    "bench_signin.py": "signin",
}
NO_DATABASE_BENCHES = ("bench_decision_docx.py", "certificates_pdf.py", "nd30_table.py", "bench_hostile_files.py",
                       "bench_read_document.py", "bench_ocr.py", "bench_signing.py")


def run_workflow(suite: Suite, url_for, only: set[str] | None = None) -> None:
    """Each workflow benchmark on the database url_for(name) gives: migrate, then time in a child process."""
    for script, name in WORKFLOW_BENCHES.items():
        if only and name not in only:
            continue
        try:
            url = url_for(name)
        except Exception as exc:  # noqa: BLE001
            print(f"CRASH {name}: could not prepare its database: {exc}")
            suite.crashes.append({"label": name, "script": script, "error": str(exc)})
            continue
        suite.run(name, script, url, "--child", prepare=lambda url=url: migrate(url))


def machine() -> dict:
    import platform
    import sqlite3

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        memory_gib = 0.0
    import django

    return {"cores": os.cpu_count(), "cpu": model, "memory_gib": round(memory_gib, 1),
            "system": platform.platform(terse=True), "python": platform.python_version(),
            "django": django.get_version(), "sqlite": sqlite3.sqlite_version}


def postgres_version(url: str) -> str:
    try:
        import psycopg

        with psycopg.connect(url) as conn:
            return conn.execute("SHOW server_version").fetchone()[0].split()[0]
    except Exception:  # noqa: BLE001
        return ""


def load() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--skip-tree", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-engine", action="store_true")
    parser.add_argument("--skip-plans", action="store_true")
    parser.add_argument("--skip-history", action="store_true")
    parser.add_argument("--skip-workflow", action="store_true")
    parser.add_argument("--workflow", default="", help="comma-separated workflow benchmarks to run (default: all), "
                        "e.g. exports,scoring")
    parser.add_argument("--skip-load", action="store_true", help="skip the load test (PostgreSQL, about 3 min once "
                        "its dataset is built; building it takes about 10 min the first time)")
    parser.add_argument("--load-scale", type=float, default=1.0,
                        help="scale of the load test's dataset (1: 100,000 persons, 1,000,000 award records)")
    parser.add_argument("--search-scale", type=float, default=SCALE,
                        help=f"seed_demo scale of the person-search database (default {SCALE}: 1,000,000 persons)")
    parser.add_argument("--write-doc", action="store_true",
                        help="rewrite the results section of docs/performance.md from this run")
    parser.add_argument("--doc-from", nargs="+", metavar="RESULTS.json",
                        help="rewrite docs/performance.md from saved runs (var/bench/run-*.json), running nothing")
    args = parser.parse_args()
    if args.doc_from:
        from report import write_doc

        runs = [json.loads(Path(path).read_text()) for path in args.doc_from]
        write_doc(runs, ROOT / "docs" / "performance.md")
        print(f"docs/performance.md rewritten from {len(runs)} run(s)")
        return 0
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    suite = Suite()
    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    load_start = load()
    print(f"Benchmarks, {started}; {os.cpu_count()} cores, load average {load_start} (1 / 5 / 15 min)")
    databases = {}
    only_workflow = {name.strip() for name in args.workflow.split(",") if name.strip()} or None

    if not args.skip_import:
        print("Plan import (no database)")
        suite.run("plan_import", "plan_import.py", sqlite_url("bench.sqlite3"))

    if not args.skip_engine:
        print("Eligibility engine (no database)")
        suite.run("eligibility_engine", "eligibility_engine.py", "")

    if not args.skip_workflow and not only_workflow:
        print("Decision .docx, certificate PDF, Decree-30 table, hostile files, OCR, PAdES signing (no database)")
        for script in NO_DATABASE_BENCHES:
            suite.run(script, script, "")

    if args.only in (None, "sqlite"):
        print("SQLite")
        databases["sqlite"] = f"SQLite {machine()['sqlite']}"
        run_database(suite, "sqlite", sqlite_url("bench.sqlite3"),
                     {size: sqlite_url(f"tree-{size}.sqlite3") for size in TREE_SIZES}, args,
                     plans_url=sqlite_url("plans-board.sqlite3"))
        run_history(suite, {"eligibility_db.py": sqlite_url("eligibility.sqlite3"),
                            "history_import.py": sqlite_url("history-import.sqlite3")}, args)
        if not args.skip_workflow:
            run_workflow(suite, lambda name: sqlite_url(f"{name}.sqlite3"), only_workflow)

    if args.only in (None, "postgresql"):
        print("PostgreSQL")
        url, started_here = postgres_url()
        if url is None:
            print("postgres: skipped (no cluster)")
        else:
            databases["postgresql"] = f"PostgreSQL {postgres_version(url)}"
            try:
                tree_urls = {size: ensure_pg_database(url, f"tdkt_bench_tree_{size}") for size in TREE_SIZES}
                run_database(suite, "postgresql", url, tree_urls, args,
                             plans_url=ensure_pg_database(url, "tdkt_bench_plans"))
                if not args.skip_history:
                    run_history(suite, {"eligibility_db.py": ensure_pg_database(url, "tdkt_bench_eligibility"),
                                        "history_import.py": ensure_pg_database(url, "tdkt_bench_history")}, args)
                if not args.skip_workflow:
                    run_workflow(suite, lambda name: ensure_pg_database(url, f"tdkt_bench_{name}"), only_workflow)
                if not args.skip_load and not only_workflow:
                    suite.run("load[postgresql]", "load.py", ensure_pg_database(url, "tdkt_bench_load"),
                              "--scale", f"{args.load_scale:g}")
            except Exception as exc:  # noqa: BLE001
                print(f"CRASH postgresql: {exc}")
                suite.crashes.append({"label": "postgresql", "script": "run.py", "error": str(exc)})
            finally:
                if started_here and os.environ.get("BENCH_KEEP_PG") != "1":
                    stop_pg_cluster()

    summary = suite.summary()
    run = {"at": started, "finished": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "load_start": load_start,
           "load_end": load(), "machine": machine(), "databases": databases, "argv": sys.argv[1:],
           "search_scale": args.search_scale, "results": suite.results, "crashes": suite.crashes,
           "summary": summary}
    text = json.dumps(run, ensure_ascii=False, indent=2, default=str)
    (BENCH_DIR / "results.json").write_text(text)
    saved = BENCH_DIR / f"run-{time.strftime('%Y%m%d-%H%M%S')}.json"
    saved.write_text(text)
    print(f"\nSummary: {summary['PASS']} PASS, {summary['FAIL']} FAIL, {summary['INFO']} for information, "
          f"{summary['CRASH']} crashed; load average at the end {run['load_end']}; results in {saved.relative_to(ROOT)}")
    for miss in summary["misses"]:
        print(f"  missed: {miss}")
    for crash in suite.crashes:
        print(f"  crashed: {crash['label']} ({crash['script']})")
    if args.write_doc:
        from report import write_doc

        write_doc([run], ROOT / "docs" / "performance.md")
        print("docs/performance.md rewritten")
    # A missed target never fails the build; a benchmark that crashed does.
    return 1 if suite.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
