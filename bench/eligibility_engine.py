"""Pure eligibility-engine throughput: candidate-checks per second, no database, no Django.

Run by bench/run.py in a child process, or alone: `.venv/bin/python bench/eligibility_engine.py [N]`.
Builds N synthetic candidates with realistic histories (10 years of ratings, the titles those ratings
earn, initiatives, a little discipline and a few open cases; awards proposed in the proportions a
province sees: LĐTT and CSTĐ cơ sở most, the chains and forms less), then times `evaluate_many` over
the batch. Target: ≥ 50,000 candidate-checks per second, i.e. ≤ 200 ms per 10,000 candidates.
Prints one JSON line per figure (like the other benchmarks) and the throughput.
"""

import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(Path(__file__).resolve().parent)]
from common import emit  # noqa: E402

from tdkt.eligibility.engine import evaluate_many  # noqa: E402
from tdkt.eligibility.jsonio import candidate_to_dict, parse_document, results_to_json  # noqa: E402
from tdkt.eligibility.types import (  # noqa: E402
    AwardEntry,
    Candidate,
    DisciplineEntry,
    InitiativeEntry,
    LeadershipTerm,
    MemberStats,
    RatingEntry,
)

TARGET_CHECKS_PER_SECOND = 50_000
DECISION = dt.date(2025, 12, 20)
RUNS = 7
# (award, kind, share of proposals)
MIX = (
    ("LDTT", "individual", 30), ("CSTD_CS", "individual", 20), ("TTLDTT", "collective", 10),
    ("CSTD_TINH", "individual", 8), ("BK_TINH", "individual", 8), ("TTLDXS", "collective", 5),
    ("BK_TINH", "collective", 3), ("BK_TTG", "individual", 4), ("HCLD3", "individual", 2), ("GK", "individual", 3),
    ("GDVH", "household", 2), ("CSTD_TQ", "individual", 1), ("CO_TINH", "collective", 1), ("CO_CP", "collective", 1),
    ("HCLD2", "dedication", 1), ("UNKNOWN", "individual", 1),
)
LEVELS = ("HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV")


def person_history(rng: random.Random, first: int, last: int):
    ratings, awards, initiatives = [], [], []
    for year in range(first, last + 1):
        level = rng.choice(LEVELS)
        ratings.append(RatingEntry(year, level))
        decided = dt.date(year, 12, rng.randint(10, 20))  # the loader passes each decision's date
        if level in ("HTXSNV", "HTTNV"):
            awards.append(AwardEntry("LDTT", year, decision_date=decided))
            if level == "HTXSNV" or rng.random() < 0.2:
                awards.append(AwardEntry("CSTD_CS", year, decision_date=decided))
        if rng.random() < 0.25:
            scope = rng.choice(("CO_SO", "CO_SO", "TINH", "TOAN_QUOC"))
            initiatives.append(InitiativeEntry(f"SK-{year}-{len(initiatives)}", year, scope,
                                               rng.choice((None, None, "CSTD_CS"))))
    for year in range(first + 2, last, 3):
        if rng.random() < 0.3:
            awards.append(AwardEntry(rng.choice(("CSTD_TINH", "BK_TINH", "BK_TTG")), year,
                                     period_from=dt.date(year - 2, 1, 1), period_to=dt.date(year, 12, 31),
                                     decision_date=dt.date(year + 1, 3, 15)))
    if rng.random() < 0.1:
        awards.append(AwardEntry("BK_TINH", rng.randint(first, last), "thematic"))
    return tuple(ratings), tuple(awards), tuple(initiatives)


def make_candidate(rng: random.Random, index: int) -> Candidate:
    award, kind, _ = rng.choices(MIX, weights=[share for *_, share in MIX])[0]
    year = DECISION.year
    ratings, awards, initiatives = person_history(rng, year - 9, year)
    awards = tuple(entry for entry in awards if not (entry.award == award and entry.year == year))  # not yet given
    discipline = ()
    if rng.random() < 0.05:
        start = dt.date(rng.randint(year - 5, year), rng.randint(1, 12), 1)
        discipline = (DisciplineEntry(rng.choice(("khien_trach", "canh_cao")), start, start + dt.timedelta(days=180)),)
    members = None
    if kind == "collective":
        total = rng.randint(8, 120)
        ldtt = rng.randint(total // 2, total)
        members = MemberStats(total, ldtt, total - rng.randint(0, 1), rng.randint(0, 4), int(rng.random() < 0.05))
    leadership = ()
    if kind == "dedication":
        kind = "individual"
        leadership = (LeadershipTerm(rng.choice(("vu_truong", "pho_vu_truong", "thu_truong")), rng.randint(3, 18)),)
    return Candidate(
        id=f"C{index:06d}", kind=kind, award=award, year=year, ratings=ratings, awards=awards,
        initiatives=initiatives, discipline=discipline, open_cases=("khiếu nại",) if rng.random() < 0.02 else (),
        members=members, gender=rng.choice(("F", "M")), leadership_years=leadership)


def synthetic(n: int, seed: int = 20251220) -> list[Candidate]:
    rng = random.Random(seed)
    return [make_candidate(rng, index) for index in range(n)]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    candidates = synthetic(n)
    evaluate_many(candidates[:500], decision_date=DECISION)  # warm caches and imports
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        results = evaluate_many(candidates, decision_date=DECISION)
        samples.append((time.perf_counter() - started) * 1000)
    median = sorted(samples)[len(samples) // 2]
    verdicts = {}
    for result in results:
        verdicts[result.verdict.value] = verdicts.get(result.verdict.value, 0) + 1
    findings = sum(len(result.findings) for result in results) / len(results)
    shares = ", ".join(f"{verdict} {count}" for verdict, count in sorted(verdicts.items()))
    emit("eligibility_engine", "python", samples, n / TARGET_CHECKS_PER_SECOND * 1000,
         dataset=f"{thousands(n)} candidates, {findings:.1f} findings each; verdicts: {shares}",
         throughput=f"{thousands(round(n / median * 1000))} candidate-checks/s "
                    f"(target ≥ {thousands(TARGET_CHECKS_PER_SECOND)})")

    # End to end through the interchange (parse JSON document, check, write JSON): for information.
    document = {"decision_date": DECISION.isoformat(), "candidates": [candidate_to_dict(c) for c in candidates]}
    samples = []
    for _ in range(3):
        started = time.perf_counter()
        batch = parse_document(document)
        results_to_json(evaluate_many(batch.candidates, decision_date=batch.decision_date))
        samples.append((time.perf_counter() - started) * 1000)
    emit("eligibility_engine+json", "python", samples, float("inf"), dataset=f"{thousands(n)} candidates",
         throughput=f"{thousands(round(n / sorted(samples)[1] * 1000))} candidates/s parsed, checked and written")


def thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


if __name__ == "__main__":
    main()
