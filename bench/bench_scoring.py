"""Scoring of clusters and blocks (issue 7): leaderboards of every group computed ≤ 1 s; one unit's scoring
sheet ≤ 150 ms server time.

Run alone: `.venv/bin/python bench/bench_scoring.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/. The parent migrates the database, then times in a child process (`--child`) that builds the data
once with bulk_create: 60 groups of 25 member units (1,500 units), each group-year with its own 120-criterion
template (12 headings × 9 criteria, among them bonus and penalty lines), an open year-end round and every
unit's self-scores on every criterion (162,000 scores).
Timed: `queries.leaderboards(every round of the year)` — totals and ranking of the 60 groups computed from
the scores (rounds still open, so nothing is read from stored results); and the GET of one unit's sheet
through the Django test client, signed in as the unit's clerk (body read). Queries are counted per request.
"""

import os
import random
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    emit,
    manage,
    plain_static,
    query_figure,
    report_line,
    run_child,
    setup_django,
    signed_in_client,
    sqlite_url,
    time_requests,
    timed_ms,
)

LEADERBOARD_TARGET_MS = 1_000.0
SHEET_TARGET_MS = 150.0
RUNS = 11
GROUPS = 60
UNITS_PER_GROUP = 25
HEADINGS, LEAVES_PER_HEADING = 12, 9
YEAR = 2026
CODE_PREFIX = "BS-"


def build() -> None:
    from tdkt.movements.scoring.enums import CriterionKind, RoundKind
    from tdkt.movements.scoring.models import Criterion, ScoreSheet, ScoringRound, ScoringTemplate, SelfScore
    from tdkt.orgs.enums import GroupKind, GroupRole, UnitKind
    from tdkt.orgs.models import EmulationGroup, EmulationGroupMembership, EmulationGroupYear, Unit

    if Unit.objects.filter(code__startswith=CODE_PREFIX).exists():
        have = SelfScore.objects.filter(sheet__unit__code__startswith=CODE_PREFIX).count()
        expected = GROUPS * UNITS_PER_GROUP * HEADINGS * LEAVES_PER_HEADING
        if have != expected:
            raise SystemExit(f"bench data holds {have} scores, expected {expected}: delete the bench database")
        return
    import datetime

    rng = random.Random("scoring")
    on = datetime.date(2025, 7, 1)
    root = Unit.objects.create(code=f"{CODE_PREFIX}UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                               kind=UnitKind.PEOPLES_COMMITTEE, established_on=on)
    units = Unit.objects.bulk_create([
        Unit(code=f"{CODE_PREFIX}X{i:04d}", name=f"Xã thử nghiệm {i:04d}", kind=UnitKind.COMMUNE, parent=root,
             established_on=on) for i in range(GROUPS * UNITS_PER_GROUP)])
    groups = EmulationGroup.objects.bulk_create([
        EmulationGroup(code=f"{CODE_PREFIX}C{g:02d}", name=f"Cụm thi đua thử nghiệm số {g:02d}", kind=GroupKind.CLUSTER)
        for g in range(GROUPS)])
    group_years = EmulationGroupYear.objects.bulk_create([EmulationGroupYear(group=g, year=YEAR) for g in groups])
    memberships = []
    for g, group_year in enumerate(group_years):
        for k in range(UNITS_PER_GROUP):
            memberships.append(EmulationGroupMembership(
                group_year=group_year, unit=units[g * UNITS_PER_GROUP + k],
                role=GroupRole.HEAD if k == 0 else GroupRole.DEPUTY if k == 1 else GroupRole.MEMBER))
    EmulationGroupMembership.objects.bulk_create(memberships)
    templates = ScoringTemplate.objects.bulk_create([
        ScoringTemplate(group_year=gy, title=f"Bảng tiêu chí {gy.group.name}",
                        tie_breaks=["more_bonus", "fewer_penalty", "criterion:1.1", "earlier_submission"])
        for gy in group_years])
    rounds = ScoringRound.objects.bulk_create([
        ScoringRound(group_year=gy, template=t, kind=RoundKind.YEAR_END) for gy, t in zip(group_years, templates,
                                                                                        strict=True)])
    leaves_by_template = {}
    for template in templates:
        headings = Criterion.objects.bulk_create([
            Criterion(template=template, code=str(h + 1), title=f"Nhóm tiêu chí {h + 1}", max_points=Decimal(90),
                      order=(h + 1) * 100) for h in range(HEADINGS)])
        leaves = []
        for h, heading in enumerate(headings):
            for leaf in range(LEAVES_PER_HEADING):
                kind = (CriterionKind.BONUS if h == HEADINGS - 2 else CriterionKind.PENALTY if h == HEADINGS - 1
                        else CriterionKind.NORMAL)
                leaves.append(Criterion(template=template, parent=heading, code=f"{h + 1}.{leaf + 1}",
                                        title=f"Tiêu chí {h + 1}.{leaf + 1}: kết quả thực hiện nhiệm vụ, chỉ tiêu",
                                        max_points=Decimal(10), kind=kind, evidence_required=leaf == 0,
                                        order=(h + 1) * 100 + leaf + 1))
        leaves_by_template[template.pk] = Criterion.objects.bulk_create(leaves)
    submitted = datetime.datetime(YEAR, 11, 30, 8, 0, tzinfo=datetime.UTC)  # only submitted sheets count (issue 20)
    sheets = ScoreSheet.objects.bulk_create([ScoreSheet(round=r, unit=m.unit, submitted_at=submitted)
                                             for r in rounds
                                             for m in memberships if m.group_year_id == r.group_year_id])
    round_template = {r.pk: r.template_id for r in rounds}
    scores = []
    for sheet in sheets:
        for criterion in leaves_by_template[round_template[sheet.round_id]]:
            points = Decimal(rng.randint(0, 20)) / 2
            if criterion.kind == CriterionKind.PENALTY:
                points = -Decimal(rng.choice([0, 0, 0, 1, 2]))
            scores.append(SelfScore(sheet=sheet, criterion=criterion, points=points, self_points=points,
                                    explanation="Đã thực hiện đầy đủ theo kế hoạch."))
            if len(scores) >= 20_000:
                SelfScore.objects.bulk_create(scores)
                scores = []
    SelfScore.objects.bulk_create(scores)


def child() -> None:
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.movements.scoring import queries
    from tdkt.movements.scoring.models import ScoringRound
    from tdkt.orgs.models import Unit

    plain_static()
    build()

    def every_leaderboard():
        rounds = queries.rounds_of_year(YEAR)
        boards = queries.leaderboards(rounds)
        assert len(boards) == GROUPS and all(len(b) == UNITS_PER_GROUP for b in boards.values())

    every_leaderboard()
    with CaptureQueriesContext(connection) as captured:
        every_leaderboard()
    query_count = len(captured.captured_queries)  # read now: a later request resets the connection's query log
    samples = [timed_ms(every_leaderboard) for _ in range(RUNS)]
    emit("scoring_leaderboards", connection.vendor, samples, LEADERBOARD_TARGET_MS, queries=query_count,
         dataset=f"{GROUPS} groups, {GROUPS * UNITS_PER_GROUP} units, {HEADINGS * (LEAVES_PER_HEADING + 1)} criteria")

    unit = Unit.objects.get(code=f"{CODE_PREFIX}X0007")
    clerk, created = User.objects.get_or_create(username="bench.scoring.vanthu", defaults={"full_name": "Văn thư xã"})
    if created:
        Membership.objects.create(user=clerk, role=Role.UNIT_CLERK, unit=unit)
    scoring_round = ScoringRound.objects.get(group_year__memberships__unit=unit, group_year__year=YEAR)
    client = signed_in_client(clerk)
    url = reverse("scoring:sheet", kwargs={"pk": scoring_round.pk, "unit_id": unit.pk})
    samples, counts, response = time_requests(client, url, RUNS * 2)
    emit("scoring_sheet", connection.vendor, samples, SHEET_TARGET_MS, queries=query_figure(counts), per_request=True,
         dataset=f"{HEADINGS * (LEAVES_PER_HEADING + 1)}-criterion sheet, page {response.body_bytes // 1024} KiB")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("scoring.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_scoring.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
