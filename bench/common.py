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


def query_figure(counts: list[int]) -> int | str:
    """Queries per request: one number when every request made the same count, else "min–max"."""
    low, high = min(counts), max(counts)
    return low if low == high else f"{low}–{high}"


def plain_static() -> None:
    """Plain static URLs in a benchmark process: the timing is about the view, not about collectstatic's manifest."""
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    override_settings(STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }).enable()


def signed_in_client(user=None):
    """Django's test Client (the whole request through the middleware stack), signed in as user when given."""
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def consume(response) -> int:
    """Read the whole body, as a browser downloading it would; returns its size in bytes."""
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def time_request(client, url: str, *, method: str = "get", data=None,
                 expect: int | tuple[int, ...] = 200) -> tuple[float, int, object]:
    """One request, whole body consumed: (milliseconds, queries of this request, response).

    The queries are counted right away: CaptureQueriesContext.captured_queries slices the connection's query
    log when it is read, and the next request resets that log (reading it later gives 0).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        size = consume(response)
        elapsed = (time.perf_counter() - started) * 1000
    queries = len(captured.captured_queries)
    if response.status_code not in (expect if isinstance(expect, tuple) else (expect,)):
        raise SystemExit(f"{method.upper()} {url} answered {response.status_code}, expected {expect}")
    response.body_bytes = size
    return elapsed, queries, response


def time_requests(client, url: str, runs: int, *, warmup: int = 1, **kwargs) -> tuple[list[float], list[int], object]:
    """warmup untimed requests, then runs timed ones: (samples in ms, queries per request, last response)."""
    response = None
    for _ in range(warmup):
        _, _, response = time_request(client, url, **kwargs)
    samples, queries = [], []
    for _ in range(runs):
        elapsed, count, response = time_request(client, url, **kwargs)
        samples.append(elapsed)
        queries.append(count)
    return samples, queries, response


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of sorted samples (p90 of 3 runs is the slowest)."""
    import math

    return ordered[max(0, min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1))]


def emit(name: str, database: str, samples_ms: list[float], target_ms: float, *, judge: str = "p90",
         **extra) -> None:
    """Print one result as a JSON line for the parent process.

    judge: the statistic compared with target_ms ("p90" by default: what nine users in ten get; "median" or "max").
    Optional extras the report understands: queries (int or "min–max" per request), dataset, peak_mb with
    memory_target_mb (peak memory and its target), memory_how.
    """
    ordered = sorted(samples_ms)
    print(json.dumps({
        "name": name, "database": database, "median_ms": statistics.median(ordered),
        "p90_ms": percentile(ordered, 0.9), "max_ms": ordered[-1],
        "runs": len(ordered), "target_ms": target_ms, "judge": judge, **extra,
    }, ensure_ascii=False))


def _ms(value: float) -> str:
    return f"{value / 1000:.2f} s" if value >= 10_000 else f"{value:.1f} ms"


def _target(value: float) -> str:
    return f"{value / 1000:g} s" if value >= 1000 else f"{value:g} ms"


def verdicts(result: dict) -> list[dict]:
    """Each figure of a result with its target: [{figure, value, target, status}], status PASS, FAIL or INFO."""
    if "figures" in result:  # a benchmark that judges several figures itself (bench/load.py)
        return result["figures"]
    judge = result.get("judge", "p90")
    stat = {"p90": "p90_ms", "median": "median_ms", "max": "max_ms"}[judge]
    value = result[stat]
    out = []
    if result["target_ms"] in (None, float("inf")) or result["target_ms"] == "inf":
        out.append({"figure": f"{judge} time", "value": _ms(value), "target": "none (for information)",
                    "status": "INFO"})
    else:
        out.append({"figure": f"{judge} time", "value": _ms(value), "target": f"≤ {_target(result['target_ms'])}",
                    "status": "PASS" if value <= result["target_ms"] else "FAIL"})
    if result.get("peak_mb") is not None:
        limit = result.get("memory_target_mb")
        out.append({"figure": "peak memory", "value": f"{result['peak_mb']:.0f} MB",
                    "target": f"≤ {limit:g} MB" if limit else "none (for information)",
                    "status": ("PASS" if result["peak_mb"] <= limit else "FAIL") if limit else "INFO"})
    return out


def details(result: dict) -> str:
    if "figures" in result:  # its own detail line follows (bench/load.py)
        return f"{result['runs']} requests, {result.get('dataset', '')}"
    parts = [f"median {_ms(result['median_ms'])}", f"p90 {_ms(result['p90_ms'])}", f"max {_ms(result['max_ms'])}",
             f"{result['runs']} runs"]
    if "queries" in result:
        parts.append(f"{result['queries']} queries" + ("/request" if result.get("per_request") else ""))
    if result.get("memory_how"):
        parts.append(result["memory_how"])
    if "dataset" in result:
        parts.append(str(result["dataset"]))
    return ", ".join(parts)


def report_lines(result: dict) -> list[str]:
    """The uniform report: one line per figure, `PASS  name[database]  figure value  (target …)`, then details."""
    label = f"{result['name']}[{result['database']}]"
    lines = [f"{v['status']:<5} {label:<48} {v['figure']} {v['value']:>10}  (target {v['target']})"
             for v in verdicts(result)]
    lines.append(f"{'':<6}{details(result)}")
    return lines


def report_line(result: dict) -> str:
    return "\n".join(report_lines(result))
