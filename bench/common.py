"""Shared helpers for the benchmarks: paths, database URLs, Django set-up in a child process, timing."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
MANAGE = [PYTHON, str(ROOT / "manage.py")]

# Production-like settings for every benchmark process: no debug cursor, no template debug.
BASE_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "STATIC_ROOT": str(BENCH_DIR / "static"),
    "LOG_LEVEL": "ERROR",
    "DB_CONN_MAX_AGE": "600",
}


def sqlite_url(name: str) -> str:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{BENCH_DIR / name}"


def child_env(database_url: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(BASE_ENV)
    env["DATABASE_URL"] = database_url
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


def manage(database_url: str, *args: str, quiet: bool = False) -> str:
    """Run a management command against the given database; raise with its output on failure."""
    result = subprocess.run(
        [*MANAGE, *args], env=child_env(database_url), cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    if not quiet and result.stdout.strip():
        print(result.stdout.rstrip())
    return result.stdout


def run_child(script: str, database_url: str, *args: str) -> list[dict]:
    """Run a benchmark script in a fresh process on that database; it prints one JSON result per line."""
    result = subprocess.run(
        [PYTHON, str(ROOT / "bench" / script), *args], env=child_env(database_url), cwd=ROOT,
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{script} failed:\n{result.stdout}\n{result.stderr}")
    results = []
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            results.append(json.loads(line))
        elif line.strip():
            print(f"    {line}")
    return results


def setup_django() -> None:
    """In a benchmark child process: configure Django from the environment prepared by the parent."""
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    # Background jobs run inline, inside the measurement (no worker process in a benchmark).
    os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
    import django

    django.setup()


def timed_ms(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def emit(name: str, database: str, samples_ms: list[float], target_ms: float, **extra) -> None:
    """Print one result as a JSON line for the parent process."""
    ordered = sorted(samples_ms)
    print(json.dumps({
        "name": name, "database": database, "median_ms": statistics.median(ordered),
        "p90_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))], "max_ms": ordered[-1],
        "runs": len(ordered), "target_ms": target_ms, **extra,
    }, ensure_ascii=False))


def report_line(result: dict) -> str:
    verdict = "PASS" if result["median_ms"] <= result["target_ms"] else "FAIL"
    line = (f"{result['name']}[{result['database']}]: median {result['median_ms']:.1f} ms "
            f"(target ≤ {result['target_ms']:.0f} ms) {verdict}")
    details = [f"p90 {result['p90_ms']:.1f} ms", f"max {result['max_ms']:.1f} ms", f"{result['runs']} runs"]
    if "queries" in result:
        details.append(f"{result['queries']} queries")
    if "dataset" in result:
        details.append(result["dataset"])
    return f"{line}  [{', '.join(details)}]"
