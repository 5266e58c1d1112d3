"""A bounded load test (issue 23): 50 signed-in users, no think time, 60 s, against gunicorn on PostgreSQL.

    PASS  load_mix[postgresql]        throughput  104.2 req/s  (target ≥ 100 req/s)
    FAIL  load_mix[postgresql]        p99 time       1.31 s    (target ≤ 1 s)
    ...

Localhost only, fixed duration and user count: gunicorn (WORKERS sync workers, as deploy/ runs it) is started
here on a free port of 127.0.0.1 on the load dataset (bench/load_seed.py: 487 units, 100,000 persons,
1,000,000 award records, 10,000 dossiers and one of 300 lines), and stopped at the end. The users are 35
province specialists, 10 council members and 5 commune clerks, each with its own session (bench/load_plan.py);
each of the USERS asyncio clients (aiohttp) is one user, sends its next request as soon as the last one is read,
and draws the page kind by WEIGHTS. A request is an error when it does not answer 200, or answers with another
page than the one fetched for it when the plan was made (its <title>; the API: a JSON list; the floor: "ok").

The floor: the same server's `/floor` (core.views.floor: no database, no session, no template), hit by the same
number of clients without cookies for FLOOR_SECONDS just before the mix and again just after it (the
machine's capacity moves on a shared host; the two are printed apart). The mix's throughput is
reported as a share of it (how much of what this machine and server can answer at all the pages keep).

Run by bench/run.py on PostgreSQL (database tdkt_bench_load), or alone:
`DATABASE_URL=postgres://… .venv/bin/python bench/load.py [--seconds 60] [--users 50] [--scale 1]`.
Prints the figures, then one JSON line for bench/run.py. On a 2-core machine the client shares the cores with
the server and the database: the figures are the whole machine's, and the load average is printed beside them.
The pure parts (weights, page check, percentiles, verdicts) are tested by bench/test_load_tool.py, out of the suite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BENCH_DIR, PYTHON, ROOT, child_env, manage, percentile, report_line, run_child  # noqa: E402

# Page kinds and their weights in the mix (issue 23).
WEIGHTS = {"dashboard": 20, "person_search": 20, "person_page": 15, "queue": 10, "unit_list": 5, "dossier_300": 5,
           "council": 3, "decisions": 5, "plan_board": 5, "scoring_sheet": 5, "portal_verification": 5, "api": 2}
USERS = 50
SECONDS = 60.0
FLOOR_SECONDS = 15.0
WARMUP_SECONDS = 5.0
WORKERS = 4
TARGETS = {"throughput": 100.0, "p99_ms": 1000.0, "errors": 0, "floor_share": 0.15}
TITLE = re.compile(rb"<title>(.*?)</title>", re.S)


# --- pure parts (bench/test_load_tool.py) ------------------------------------------------------------


def draw_kinds(rng: random.Random, count: int, weights: dict[str, int] = WEIGHTS) -> list[str]:
    """count page kinds drawn by weight (with replacement)."""
    return rng.choices(list(weights), weights=list(weights.values()), k=count)


def right_page(body: bytes, mark: str) -> bool:
    """Is this the page the plan expects? mark: the page's <title>, "json:list"/"json:dict", or "ok" (the floor)."""
    import html

    if mark == "ok":
        return body == b"ok"
    if mark.startswith("json:"):
        try:
            return type(json.loads(body)).__name__ == mark[5:]
        except ValueError:
            return False
    found = TITLE.search(body)
    return found is not None and html.unescape(found.group(1).decode(errors="replace").strip()) == mark


def summarise(samples: list[tuple[str, float, bool]], seconds: float) -> dict:
    """samples: (kind, milliseconds, right). Throughput counts every answered request; errors are the wrong ones."""
    times = sorted(ms for _kind, ms, _ok in samples)
    errors = sum(1 for _kind, _ms, ok in samples if not ok)
    if not times:
        return {"requests": 0, "errors": 0, "throughput": 0.0, "p50_ms": 0.0, "p90_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0,
                "max_ms": 0.0, "seconds": seconds}
    return {"requests": len(times), "errors": errors, "throughput": len(times) / seconds,
            "p50_ms": percentile(times, 0.50), "p90_ms": percentile(times, 0.90), "p95_ms": percentile(times, 0.95), "p99_ms": percentile(times, 0.99),
            "max_ms": times[-1], "seconds": seconds}


def per_kind(samples: list[tuple[str, float, bool]]) -> dict[str, dict]:
    kinds: dict[str, list] = {}
    for kind, ms, ok in samples:
        kinds.setdefault(kind, []).append((ms, ok))
    out = {}
    for kind, rows in sorted(kinds.items(), key=lambda item: -len(item[1])):
        times = sorted(ms for ms, _ok in rows)
        out[kind] = {"requests": len(rows), "errors": sum(1 for _ms, ok in rows if not ok),
                     "p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95)}
    return out


def figures(mix: dict, floor: dict) -> list[dict]:
    """Each figure beside its target: PASS or FAIL (a miss never fails the build)."""
    share = mix["throughput"] / floor["throughput"] if floor["throughput"] else 0.0
    return [
        {"figure": "throughput", "value": f"{mix['throughput']:.1f} req/s",
         "target": f"≥ {TARGETS['throughput']:g} req/s",
         "status": "PASS" if mix["throughput"] >= TARGETS["throughput"] else "FAIL"},
        {"figure": "p99 time", "value": _ms(mix["p99_ms"]), "target": f"≤ {TARGETS['p99_ms'] / 1000:g} s",
         "status": "PASS" if mix["p99_ms"] <= TARGETS["p99_ms"] else "FAIL"},
        {"figure": "errors", "value": f"{mix['errors']} of {mix['requests']}", "target": "0",
         "status": "PASS" if mix["errors"] <= TARGETS["errors"] and mix["requests"] else "FAIL"},
        {"figure": "share of floor (stretch)", "value": f"{share:.1%}",
         "target": f"≥ {TARGETS['floor_share']:.0%} of {floor['throughput']:.0f} req/s",
         "status": "PASS" if share >= TARGETS["floor_share"] else "FAIL"},
    ]


def detail_text(mix: dict, floor: dict, kinds: dict[str, dict], context: dict) -> str:
    lines = [f"{mix['requests']} requests in {mix['seconds']:.0f} s by {context['users']} users "
             f"({context['personas']}), p50 {_ms(mix['p50_ms'])}, p95 {_ms(mix['p95_ms'])}, p99 {_ms(mix['p99_ms'])}, "
             f"max {_ms(mix['max_ms'])}; gunicorn {context['workers']} workers; load average "
             f"{context['load_before']} before, {context['load_after']} after",
             f"floor /floor: {floor['throughput']:.0f} req/s ({floor.get('before', 0):.0f} before the mix, "
             f"{floor.get('after', 0):.0f} after), p50 {_ms(floor['p50_ms'])}, p99 {_ms(floor['p99_ms'])}, "
             f"{floor['errors']} errors ({floor['requests']} requests in {floor['seconds']:.0f} s)",
             "per page: " + "; ".join(f"{kind} {row['requests']} req p50 {_ms(row['p50_ms'])} p95 {_ms(row['p95_ms'])}"
                                      + (f" {row['errors']} errors" if row["errors"] else "")
                                      for kind, row in kinds.items())]
    if context.get("substitutions"):
        lines.append("substituted: " + context["substitutions"])
    return "\n      ".join(lines)


def _ms(value: float) -> str:
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


# --- the run ----------------------------------------------------------------------------------------------------


async def phase(base: str, clients: list[dict], seconds: float, *, floor: bool, seed: int) -> list:
    """clients: one dict per simulated user (headers and pages). Runs for `seconds`; returns the samples."""
    import aiohttp

    samples: list[tuple[str, float, bool]] = []
    deadline = time.monotonic() + seconds
    timeout = aiohttp.ClientTimeout(total=60)
    connector = aiohttp.TCPConnector(limit=0, force_close=True)  # gunicorn's sync workers close every connection

    async def user(index: int, client: dict, session) -> None:
        rng = random.Random(seed * 1000 + index)
        while time.monotonic() < deadline:
            if floor:
                kind, url, mark, headers = "floor", "/floor", "ok", {}
            else:
                kind = draw_kinds(rng, 1)[0]
                url, mark = rng.choice(client["pages"][kind])
                headers = client["api_headers"] if kind == "api" else client["headers"]
            started = time.perf_counter()
            try:
                async with session.get(base + url, headers=headers, allow_redirects=False) as response:
                    body = await response.read()
                    ok = response.status == 200 and right_page(body, mark)
            except (TimeoutError, aiohttp.ClientError):
                ok = False
            samples.append((kind, (time.perf_counter() - started) * 1000, ok))

    async with aiohttp.ClientSession(connector=connector, timeout=timeout,
                                     cookie_jar=aiohttp.DummyCookieJar()) as session:
        await asyncio.gather(*(user(i, client, session) for i, client in enumerate(clients)))
    return samples


def clients_from_plan(plan: dict, users: int) -> list[dict]:
    out = []
    for user in plan["users"][:users]:
        headers = {"Cookie": user["cookie"]}
        api = {"Authorization": user["authorization"]} if user["authorization"] else headers
        out.append({"persona": user["persona"], "headers": headers, "api_headers": api, "pages": user["pages"]})
    return out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(url: str, port: int, workers: int) -> subprocess.Popen:
    log = open(BENCH_DIR / "load-gunicorn.log", "w")  # noqa: SIM115 — closed with the process
    return subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "tdkt.wsgi:application", "--workers", str(workers), "--bind",
         f"127.0.0.1:{port}", "--timeout", "120", "--backlog", "2048"],
        env=child_env(url), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def wait_ready(base: str, server: subprocess.Popen, seconds: float = 90) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}): see var/bench/load-gunicorn.log")
        try:
            with urllib.request.urlopen(base + "/floor", timeout=2) as response:  # noqa: S310 — our localhost
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer in time: see var/bench/load-gunicorn.log")


def stop(server: subprocess.Popen) -> None:
    """Stop the gunicorn we started (its own process group: the arbiter and its workers)."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def load_average() -> str:
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--floor-seconds", type=float, default=FLOOR_SECONDS)
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--scale", type=float, default=1.0, help="dataset scale (1: the provincial dataset)")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("the load test runs on PostgreSQL: set DATABASE_URL (bench/run.py does)")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    from load_seed import ensure

    built = ensure(url, args.scale, run_child)
    plan_path = BENCH_DIR / "load-plan.json"
    run_child("load_seed.py", url, "--plan", str(plan_path))
    plan = json.loads(plan_path.read_text())
    manage(url, "collectstatic", "--noinput", quiet=True)  # the manifest the pages' {% static %} reads
    clients = clients_from_plan(plan, args.users)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(url, port, args.workers)
    try:
        wait_ready(base, server)
        asyncio.run(phase(base, clients, WARMUP_SECONDS, floor=False, seed=0))  # each worker loads its code
        floor_before = asyncio.run(phase(base, clients, args.floor_seconds, floor=True, seed=1))
        load_before = load_average()
        samples = asyncio.run(phase(base, clients, args.seconds, floor=False, seed=2))
        load_after = load_average()
        # The floor again after the mix: on a shared machine it moves by 3× within minutes; the two halves
        # bracket the mix and are reported apart, their union is the floor the share is taken of.
        floor_after = asyncio.run(phase(base, clients, args.floor_seconds, floor=True, seed=3))
    finally:
        stop(server)
    mix = summarise(samples, args.seconds)
    floor = summarise(floor_before + floor_after, 2 * args.floor_seconds)
    floor["before"] = len(floor_before) / args.floor_seconds
    floor["after"] = len(floor_after) / args.floor_seconds
    personas = {}
    for client in clients:
        personas[client["persona"]] = personas.get(client["persona"], 0) + 1
    names = {"chuyenvien": "specialists", "uyvien": "council members", "vanthu": "commune clerks"}
    context = {"users": len(clients), "workers": args.workers, "load_before": load_before, "load_after": load_after,
               "personas": ", ".join(f"{count} {names.get(p, p)}" for p, count in personas.items()),
               "substitutions": "; ".join(sorted({f"{u['persona']}: {s}" for u in plan["users"]
                                                  for s in u["substitutions"]})),
               "dataset": _dataset_text(url, args.scale, built)}
    result = {"name": "load_mix", "database": "postgresql", "median_ms": mix["p50_ms"], "p90_ms": mix["p90_ms"],
              "max_ms": mix["max_ms"], "runs": mix["requests"], "target_ms": TARGETS["p99_ms"], "judge": "p99",
              "mix": mix, "floor": floor, "per_kind": per_kind(samples), "figures": figures(mix, floor),
              "load_average": {"before": load_before, "after": load_after}, "context": context,
              "dataset": context["dataset"]}
    result["detail"] = detail_text(mix, floor, result["per_kind"], context)
    # For a reader at the terminal; bench/run.py prints the same from the JSON line (it shows no stderr).
    print(report_line(result) + "\n      " + result["detail"], file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False))
    return 0


def _dataset_text(url: str, scale: float, built: str) -> str:
    import psycopg
    from load_seed import MARKER_TABLE

    with psycopg.connect(url) as conn:
        summary = conn.execute(f"SELECT summary FROM {MARKER_TABLE} ORDER BY built_at DESC LIMIT 1").fetchone()[0]  # noqa: S608
    text = ", ".join(f"{value:,} {key.replace('_', ' ')}".replace(",", ".") for key, value in summary.items())
    return text + (f" (scale {scale:g})" if scale != 1 else "") + f"; {built}"


if __name__ == "__main__":
    sys.exit(main())
