"""Fair ranking of clusters and blocks (issue 20, item 6): the ranking of 30 groups of 20 units, each under
review with every member's sheet submitted and reviewed (or the member marked absent), ≤ 500 ms; and the
completeness check that gates the publication, for the 30 groups.

Data (built once with bulk_create, reused): 30 groups of 20 communes (600 units), each group-year with its own
30-criterion template (3 headings × 9 criteria + 3 bonus lines), a year-end round under review, every unit's
sheet submitted and reviewed with points on every criterion (16,200 scores); one member per group marked
absent; the groups take the sum, the mean and the median in turn (the per-group aggregation).
Timed: `queries.leaderboards(every round of the year)` plus `queries.completeness_of` (the same rounds). The query
count is taken for 10 groups and for 30, to show it does not grow with the groups.

Run alone: `.venv/bin/python bench/bench_ranking.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/. The parent migrates, a child (`--child`) builds the data and times."""

import os
import random
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url, timed_ms  # noqa: E402

TARGET_MS = 500.0
RUNS = 11
GROUPS = int(os.environ.get("BENCH_RANKING_GROUPS", "30"))  # smaller for a quick try; the target is for 30
UNITS_PER_GROUP = 20
HEADINGS, LEAVES_PER_HEADING, BONUS_LINES = 3, 9, 3
YEAR = 2027
CODE_PREFIX = "BR-"


def build() -> None:
    import datetime

    from django.utils import timezone

    from tdkt.movements.scoring.enums import Aggregation, CriterionKind, Participation, RoundKind, RoundState
    from tdkt.movements.scoring.models import Criterion, ScoreSheet, ScoringRound, ScoringTemplate, SelfScore
    from tdkt.orgs.enums import GroupKind, GroupRole, UnitKind
    from tdkt.orgs.models import EmulationGroup, EmulationGroupMembership, EmulationGroupYear, Unit

    leaves_per_template = HEADINGS * LEAVES_PER_HEADING + BONUS_LINES
    if Unit.objects.filter(code__startswith=CODE_PREFIX).exists():
        have = SelfScore.objects.filter(sheet__unit__code__startswith=CODE_PREFIX).count()
        expected = GROUPS * (UNITS_PER_GROUP - 1) * leaves_per_template
        if have != expected:
            raise SystemExit(f"bench data holds {have} scores, expected {expected}: delete the bench database")
        return
    rng = random.Random("ranking")
    on = datetime.date(2025, 7, 1)
    now = timezone.now()
    root = Unit.objects.create(code=f"{CODE_PREFIX}UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                               kind=UnitKind.PEOPLES_COMMITTEE, established_on=on)
    units = Unit.objects.bulk_create([
        Unit(code=f"{CODE_PREFIX}X{i:04d}", name=f"Xã xếp hạng {i:04d}", kind=UnitKind.COMMUNE, parent=root,
             established_on=on) for i in range(GROUPS * UNITS_PER_GROUP)])
    groups = EmulationGroup.objects.bulk_create([
        EmulationGroup(code=f"{CODE_PREFIX}C{g:02d}", name=f"Cụm xếp hạng số {g:02d}", kind=GroupKind.CLUSTER)
        for g in range(GROUPS)])
    group_years = EmulationGroupYear.objects.bulk_create([EmulationGroupYear(group=g, year=YEAR) for g in groups])
    memberships = EmulationGroupMembership.objects.bulk_create([
        EmulationGroupMembership(group_year=gy, unit=units[g * UNITS_PER_GROUP + k],
                                 role=GroupRole.HEAD if k == 0 else GroupRole.DEPUTY if k == 1 else GroupRole.MEMBER)
        for g, gy in enumerate(group_years) for k in range(UNITS_PER_GROUP)])
    methods = Aggregation.values
    templates = ScoringTemplate.objects.bulk_create([
        ScoringTemplate(group_year=gy, title=f"Bảng tiêu chí {gy.group.name}", aggregation=methods[g % len(methods)],
                        tie_breaks=["more_bonus", "fewer_penalty", "criterion:1.1", "earlier_submission"])
        for g, gy in enumerate(group_years)])
    rounds = ScoringRound.objects.bulk_create([
        ScoringRound(group_year=gy, template=t, kind=RoundKind.YEAR_END, state=RoundState.UNDER_REVIEW)
        for gy, t in zip(group_years, templates, strict=True)])
    leaves_by_template = {}
    for template in templates:
        headings = Criterion.objects.bulk_create([
            Criterion(template=template, code=str(h + 1), title=f"Nhóm tiêu chí {h + 1}", max_points=Decimal(90),
                      order=(h + 1) * 100) for h in range(HEADINGS)])
        leaves = [Criterion(template=template, parent=heading, code=f"{h + 1}.{leaf + 1}",
                            title=f"Tiêu chí {h + 1}.{leaf + 1}", max_points=Decimal(10), order=(h + 1) * 100 + leaf)
                  for h, heading in enumerate(headings) for leaf in range(LEAVES_PER_HEADING)]
        leaves += [Criterion(template=template, code=f"T{b + 1}", title=f"Điểm thưởng {b + 1}", max_points=Decimal(2),
                             kind=CriterionKind.BONUS, order=1000 + b) for b in range(BONUS_LINES)]
        leaves_by_template[template.pk] = Criterion.objects.bulk_create(leaves)
    sheets = []
    for r in rounds:
        members = [m for m in memberships if m.group_year_id == r.group_year_id]
        for index, m in enumerate(members):
            absent = index == len(members) - 1  # one member per group marked absent by the standing body
            sheets.append(ScoreSheet(round=r, unit=m.unit, submitted_at=None if absent else now,
                                     reviewed_at=None if absent else now, absent_at=now if absent else None,
                                     absent_reason="Sáp nhập đơn vị" if absent else "",
                                     participation=Participation.ABSENT if absent else Participation.TAKING_PART))
    sheets = ScoreSheet.objects.bulk_create(sheets)
    template_of = {r.pk: r.template_id for r in rounds}
    scores = []
    for sheet in sheets:
        if sheet.absent_at is not None:
            continue
        for criterion in leaves_by_template[template_of[sheet.round_id]]:
            points = Decimal(rng.randint(0, 4)) / 2 if criterion.kind == CriterionKind.BONUS else \
                Decimal(rng.randint(0, 20)) / 2
            scores.append(SelfScore(sheet=sheet, criterion=criterion, points=points, self_points=points))
    SelfScore.objects.bulk_create(scores, batch_size=5000)


def child() -> None:
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.movements.scoring import queries

    build()

    def rank(count=GROUPS):
        rounds = queries.rounds_of_year(YEAR)[:count]
        boards = queries.leaderboards(rounds)
        ready = queries.completeness_of(rounds)
        assert all(state.complete for state in ready.values()) and all(len(b) == UNITS_PER_GROUP - 1 for b in boards.values())

    rank()
    counts = {}
    for size in (10, GROUPS):
        with CaptureQueriesContext(connection) as captured:
            rank(size)
        counts[size] = len(captured.captured_queries)
    samples = [timed_ms(rank) for _ in range(RUNS)]
    emit("ranking_30_groups_fair", connection.vendor, samples, TARGET_MS, queries=f"{counts[10]}–{counts[GROUPS]}",
         dataset=f"{GROUPS} groups × {UNITS_PER_GROUP} units, {HEADINGS * LEAVES_PER_HEADING + BONUS_LINES} scored "
                 f"criteria, sum/mean/median in turn; queries for 10 / {GROUPS} groups: {counts[10]} / {counts[GROUPS]}")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("ranking.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_ranking.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
