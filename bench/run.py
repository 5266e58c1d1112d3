"""Run every benchmark and print each figure with its target (`make bench`).

    person_search[sqlite]: median 42.1 ms (target ≤ 150 ms) PASS

Benchmarks (not timed tests; nothing here fails the build):
- person_search: first page (50) of a diacritic-insensitive contains-search over 1,000,000 persons
  (`seed_demo --scale 500`), with and without select_related("unit"). SQLite ≤ 150 ms, PostgreSQL ≤ 50 ms.
- unit_tree: server time of the unit tree page (/units/) with 2,000 units, ≤ 100 ms, and its query count
  (also at 500 units, to show the count does not grow with the tree).
- plan_import: import of each seed plan (shared/seeds/) ≤ 500 ms, and of a synthetic 300-task, 60-page plan
  (tab-separated text, and a PDF flattened one cell per line) ≤ 3 s. No database; run once.
- eligibility_engine: pure engine throughput on 10,000 synthetic candidates, ≥ 50,000 candidate-checks per
  second (≤ 200 ms per batch). No database; run once.
- plans_board: server time of a plan's quarter board (/plans/<id>/board/) with 5,000 tasks, ≤ 150 ms, and its
  query count (also at 500 tasks: the same); the unit clerk's board is shown for information.
- eligibility_db: 10,000 candidates loaded from the database (load_histories) and checked (evaluate_many)
  against 1,000,000 award records, 500,000 ratings and 50,000 initiatives, ≤ 3 s, and its query count.
- history_import: a 100,000-row award spreadsheet through the import's services (upload, validation with
  person matching, commit), ≤ 60 s, peak memory ≤ 500 MB.

- workflow benchmarks of the dossiers, council/decisions and movements apps (issues 5–7), each a
  bench/bench_*.py script with its own data built in bulk (see each file): dossiers_queue (20,000 dossiers,
  200,000 nominations, ≤ 150 ms per page on PostgreSQL), nominee_import (2,000-line list with eligibility,
  ≤ 5 s), consultations, workcalendar, movements, scoring (60 groups / 1,500 units / 120 criteria:
  leaderboards ≤ 1 s, a unit's sheet ≤ 150 ms), council (a vote, closing a ballot, the minutes);
  decision_docx (2,000-line annex ≤ 3 s), certificates_pdf (500 certificates ≤ 20 s) and nd30_table
  (Decree-30 Word table of 2,000 rows) need no database.

Databases live under var/bench/ (SQLite) and are reused when already seeded. PostgreSQL: the URL in
BENCH_DATABASE_URL_PG, else a private throwaway cluster from scripts/pg_cluster.sh (port 55439,
stopped afterwards unless BENCH_KEEP_PG=1); skipped when neither is available.
Options: --only sqlite|postgresql, --skip-search, --skip-tree, --skip-import, --skip-engine, --skip-history,
--skip-plans, --skip-workflow.
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
from common import BENCH_DIR, ROOT, manage, report_line, run_child, sqlite_url  # noqa: E402

SCALE = 500  # 500 × 2,000 = 1,000,000 persons
PERSONS = SCALE * 2_000
TREE_SIZES = (500, 2000)
PG_PORT = os.environ.get("BENCH_PG_PORT", "55439")


def person_count(url: str) -> int:
    out = manage(url, "shell", "-c", "from tdkt.people.models import Person; print(Person.objects.count())",
                 quiet=True)
    return int(out.strip().splitlines()[-1])


def ensure_seeded(url: str, label: str) -> None:
    manage(url, "migrate", "--noinput", quiet=True)
    count = person_count(url)
    if count >= PERSONS:
        print(f"  {label}: reusing the seeded database ({count:,} persons)".replace(",", "."))
        return
    print(f"  {label}: seeding {PERSONS:,} persons (seed_demo --scale {SCALE}); this takes a few minutes…"
          .replace(",", "."))
    started = time.monotonic()
    args = ["seed_demo", "--province", "Lào Cai", "--scale", str(SCALE)]
    if count:
        args.append("--reset")
    manage(url, *args, quiet=True)
    print(f"  {label}: seeded in {time.monotonic() - started:.0f} s")


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
    url = subprocess.run(["bash", str(script), "url"], env=env, capture_output=True, text=True, check=True)
    return url.stdout.strip(), "already running" not in started.stdout


def stop_pg_cluster() -> None:
    script = ROOT / "scripts" / "pg_cluster.sh"
    subprocess.run(["bash", str(script), "stop"], env=dict(os.environ, PGPORT_TDKT=PG_PORT), check=False)


def run_plans_board(url: str) -> list[dict]:
    manage(url, "migrate", "--noinput", quiet=True)
    results = []
    for result in run_child("plans_board.py", url):
        print(report_line(result) if result["target_ms"] != float("inf") else
              f"{result['name']}[{result['database']}]: median {result['median_ms']:.1f} ms, {result['queries']} queries")
        print(f"    queries at 500 tasks: {result['queries_at_500']}")
        results.append(result)
    return results


def run_database(label: str, search_url: str, tree_urls: dict[int, str], args, plans_url: str | None = None) -> list[dict]:
    results = []
    if plans_url and not args.skip_plans:
        results += run_plans_board(plans_url)
    if not args.skip_search:
        ensure_seeded(search_url, label)
        for result in run_child("person_search.py", search_url):
            print(report_line(result))
            print(f"    {result['slowest']}")
            results.append(result)
    if not args.skip_tree:
        for size, url in tree_urls.items():
            manage(url, "migrate", "--noinput", quiet=True)
            for result in run_child("unit_tree.py", url, str(size)):
                result["name"] = f"unit_tree_{size}"
                if size == TREE_SIZES[-1]:
                    result["name"] = "unit_tree"
                else:
                    result["target_ms"] = float("inf")  # shown for the query count only
                print(report_line(result) if size == TREE_SIZES[-1] else
                      f"unit_tree[{result['database']}] at {size} units: median {result['median_ms']:.1f} ms, "
                      f"{result['queries']} queries")
                results.append(result)
    return results


def run_history(urls: dict[str, str], args) -> list[dict]:
    """eligibility_db and history_import, each on its own database (built once, reused)."""
    results = []
    if args.skip_history:
        return results
    for script, url in urls.items():
        manage(url, "migrate", "--noinput", quiet=True)
        for result in run_child(script, url):
            print(report_line(result))
            for extra in ("memory", "detail"):
                if extra in result:
                    print(f"    {result[extra]}")
            results.append(result)
    return results


# Workflow benchmarks (issues 5–7): script -> its SQLite file / PostgreSQL database name.
WORKFLOW_BENCHES = {
    "bench_dossiers_queue.py": "dossiers_queue", "bench_nominee_import.py": "nominee_import",
    "bench_consultations.py": "consultations", "bench_workcalendar.py": "workcalendar",
    "bench_movements.py": "movements", "bench_scoring.py": "scoring", "bench_council.py": "council",
}
NO_DATABASE_BENCHES = ("bench_decision_docx.py", "certificates_pdf.py", "nd30_table.py")


def run_workflow(url_for) -> list[dict]:
    """Each workflow benchmark on the database url_for(name) gives: migrate, then time in a child process."""
    results = []
    for script, name in WORKFLOW_BENCHES.items():
        url = url_for(name)
        manage(url, "migrate", "--noinput", quiet=True)
        for result in run_child(script, url, "--child"):
            print(report_line(result))
            results.append(result)
    return results


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
    args = parser.parse_args()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    results: list[dict] = []

    if not args.skip_import:
        print("Plan import (no database)")
        for result in run_child("plan_import.py", sqlite_url("bench.sqlite3")):
            print(report_line(result))
            results.append(result)

    if not args.skip_engine:
        print("Eligibility engine (no database)")
        for result in run_child("eligibility_engine.py", ""):
            if result["target_ms"] != float("inf"):  # the JSON end-to-end figure is for information
                print(report_line(result))
                results.append(result)
            print(f"    {result['name']}: {result['throughput']}")

    if not args.skip_workflow:
        print("Decision .docx and certificate PDF (no database)")
        for script in NO_DATABASE_BENCHES:
            for result in run_child(script, ""):
                print(report_line(result))
                results.append(result)

    if args.only in (None, "sqlite"):
        print("SQLite")
        results += run_database(
            "sqlite", sqlite_url("bench.sqlite3"),
            {size: sqlite_url(f"tree-{size}.sqlite3") for size in TREE_SIZES}, args,
            plans_url=sqlite_url("plans-board.sqlite3"),
        )
        results += run_history({"eligibility_db.py": sqlite_url("eligibility.sqlite3"),
                                "history_import.py": sqlite_url("history-import.sqlite3")}, args)
        if not args.skip_workflow:
            results += run_workflow(lambda name: sqlite_url(f"{name}.sqlite3"))

    if args.only in (None, "postgresql"):
        print("PostgreSQL")
        url, started_here = postgres_url()
        if url is None:
            print("postgres: skipped (no cluster)")
        else:
            try:
                tree_urls = {size: ensure_pg_database(url, f"tdkt_bench_tree_{size}") for size in TREE_SIZES}
                results += run_database("postgresql", url, tree_urls, args,
                                        plans_url=ensure_pg_database(url, "tdkt_bench_plans"))
                results += run_history({"eligibility_db.py": ensure_pg_database(url, "tdkt_bench_eligibility"),
                                        "history_import.py": ensure_pg_database(url, "tdkt_bench_history")}, args)
                if not args.skip_workflow:
                    results += run_workflow(lambda name: ensure_pg_database(url, f"tdkt_bench_{name}"))
            finally:
                if started_here and os.environ.get("BENCH_KEEP_PG") != "1":
                    stop_pg_cluster()

    (BENCH_DIR / "results.json").write_text(json.dumps(
        {"at": time.strftime("%Y-%m-%d %H:%M:%S"), "results": results}, ensure_ascii=False, indent=2,
        default=str))
    failed = [r for r in results if r["median_ms"] > r["target_ms"]]
    print(f"\n{len(results) - len(failed)} of {len(results)} figures within target"
          + (f"; over target: {', '.join(r['name'] + '[' + r['database'] + ']' for r in failed)}" if failed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
