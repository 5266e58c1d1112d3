"""The pure parts of the load test (bench/load.py): the weighted draw, the page check, percentiles, verdicts.

Kept beside the benchmarks, out of `make test` (tests/test_conventions.py keeps bench code out of the suite):
`.venv/bin/python -m pytest -q -p no:cacheprovider bench/test_load_tool.py` (no database, under a second)."""

import random
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import load  # noqa: E402


def test_the_weights_are_the_issues_mix():
    assert load.WEIGHTS == {"dashboard": 20, "person_search": 20, "person_page": 15, "queue": 10, "unit_list": 5,
                            "dossier_300": 5, "council": 3, "decisions": 5, "plan_board": 5, "scoring_sheet": 5,
                            "portal_verification": 5, "api": 2}
    assert sum(load.WEIGHTS.values()) == 100


def test_draws_follow_the_weights():
    kinds = load.draw_kinds(random.Random(23), 100_000)
    assert len(kinds) == 100_000
    for kind, weight in load.WEIGHTS.items():
        share = kinds.count(kind) / len(kinds) * 100
        assert abs(share - weight) < 0.5, (kind, share)


def test_the_same_seed_draws_the_same_kinds():
    assert load.draw_kinds(random.Random(5), 50) == load.draw_kinds(random.Random(5), 50)


def test_right_page_compares_the_title_as_served():
    page = "<html><head><title>Cá nhân &middot; TĐKT Lào Cai</title></head></html>".encode()
    assert load.right_page(page, "Cá nhân · TĐKT Lào Cai") is True
    assert load.right_page(page, "Đăng nhập · TĐKT Lào Cai") is False
    assert load.right_page(b"<html>no title</html>", "Cá nhân · TĐKT Lào Cai") is False


def test_right_page_for_the_api_and_the_floor():
    assert load.right_page(b'[{"id": 1}]', "json:list") is True
    assert load.right_page(b'{"detail": "Unauthorized"}', "json:list") is False
    assert load.right_page(b"<html>", "json:list") is False
    assert load.right_page(b"ok", "ok") is True
    assert load.right_page(b"ok\n", "ok") is False


def test_summarise_counts_throughput_errors_and_nearest_rank_percentiles():
    samples = [("dashboard", float(ms), ms != 7) for ms in range(1, 101)]  # 1..100 ms, the 7 ms one wrong
    summary = load.summarise(samples, seconds=10.0)
    assert summary == {"requests": 100, "errors": 1, "throughput": 10.0, "p50_ms": 50.0, "p90_ms": 90.0,
                       "p95_ms": 95.0, "p99_ms": 99.0, "max_ms": 100.0, "seconds": 10.0}


def test_summarise_of_nothing_is_zero_not_a_crash():
    assert load.summarise([], seconds=60.0)["throughput"] == 0.0


def test_per_kind_orders_by_requests():
    samples = [("api", 5.0, True)] + [("dashboard", 10.0, True)] * 3 + [("dashboard", 30.0, False)]
    assert load.per_kind(samples) == {
        "dashboard": {"requests": 4, "errors": 1, "p50_ms": 10.0, "p95_ms": 30.0},
        "api": {"requests": 1, "errors": 0, "p50_ms": 5.0, "p95_ms": 5.0}}


def test_figures_beside_their_targets():
    floor = {"throughput": 600.0}
    met = {"throughput": 120.0, "p99_ms": 900.0, "errors": 0, "requests": 7200}
    assert [(f["figure"], f["value"], f["target"], f["status"]) for f in load.figures(met, floor)] == [
        ("throughput", "120.0 req/s", "≥ 100 req/s", "PASS"),
        ("p99 time", "900 ms", "≤ 1 s", "PASS"),
        ("errors", "0 of 7200", "0", "PASS"),
        ("share of floor (stretch)", "20.0%", "≥ 15% of 600 req/s", "PASS"),
    ]
    missed = {"throughput": 50.0, "p99_ms": 1500.0, "errors": 3, "requests": 3000}
    assert [f["status"] for f in load.figures(missed, floor)] == ["FAIL", "FAIL", "FAIL", "FAIL"]
    assert load.figures(missed, floor)[1]["value"] == "1.50 s"


def test_the_report_prints_every_figure_with_its_verdict():
    from common import report_line

    mix = {"throughput": 50.0, "p99_ms": 1500.0, "errors": 0, "requests": 3000}
    result = {"name": "load_mix", "database": "postgresql", "runs": 3000, "dataset": "100.000 persons",
              "figures": load.figures(mix, {"throughput": 1000.0})}
    lines = report_line(result).splitlines()
    assert [line.split()[0] for line in lines[:4]] == ["FAIL", "FAIL", "PASS", "FAIL"]
    assert lines[4].strip() == "3000 requests, 100.000 persons"
