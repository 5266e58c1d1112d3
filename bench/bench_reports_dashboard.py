"""The province's dashboard with charts (`reports:dashboard`, issue 18 item 6): server time of the whole page
(awards by year and level over ten statistical years, by title and form, the five equity shares beside the
previous year, dossiers by state, processing time per step, cluster and block scoring) and its query count.
Target: ≤ 500 ms on PostgreSQL (issue 18); SQLite printed beside it. A department's own dashboard is timed too.

Data: the reports benchmarks' shared dataset (bench/reports_seed.py: 1,000,000 award records, 100,000 persons,
486 units, built once in the database "reports"), plus what it lacks for this page, built once here with
bulk_create: 10,000 dossiers of its units opened over the statistical year 2026, each with its state changes
(submitted, received, in appraisal, … at working-day intervals; the cover letter numbers start "BD-"), and
twelve clusters and blocks scored over the ten years (one criterion, the year-end round).

Run alone: `REPORTS_BENCH_SCALE=0.01 .venv/bin/python bench/bench_reports_dashboard.py` for a quick try (1 % of
the records; the figures then say so) — on DATABASE_URL when set, else on a SQLite file under var/bench/. The
parent migrates, a child (`--child`) builds the data and times."""

import datetime
import os
import random
import sys
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
    time_request,
    time_requests,
)

TARGET_MS = 500.0
RUNS = 15
RUNS_AFTER_A_CHANGE = 10
YEAR = 2026
DOSSIERS = 10_000
GROUPS = 12
CODE_PREFIX = "BD-"
# The path a dossier takes (each step a few working days), cut short at random: where it stands now.
PATH = ["submitted", "received", "in_appraisal", "consultation", "public_posting", "ready_for_council",
        "considered", "decided"]


def build_dossiers(unit_ids: list[int]) -> None:
    from django.utils import timezone

    from tdkt.dossiers.models import Dossier, DossierEvent

    if Dossier.objects.filter(cover_letter_number__startswith=CODE_PREFIX).exists():
        return
    rng = random.Random("dashboard")
    start = datetime.date(YEAR - 1, 12, 1)
    tz = timezone.get_current_timezone()
    dossiers, paths = [], []
    for index in range(DOSSIERS):
        opened = start + datetime.timedelta(days=rng.randint(0, 300))
        steps = PATH[:rng.randint(1, len(PATH))]
        due = opened + datetime.timedelta(days=rng.randint(5, 60)) if steps[-1] not in {"considered", "decided"} else None
        dossiers.append(Dossier(unit_id=unit_ids[index % len(unit_ids)], title=f"Hồ sơ thử nghiệm {index}",
                                cover_letter_number=f"{CODE_PREFIX}{index:05d}", state=steps[-1], step_due_on=due))
        paths.append((opened, steps))
    Dossier.objects.bulk_create(dossiers, batch_size=2000)
    events, created = [], []
    for dossier, (opened, steps) in zip(dossiers, paths, strict=True):
        day, previous = opened, "draft"
        created.append((dossier.pk, opened))
        for state in steps:
            events.append(DossierEvent(dossier=dossier, from_state=previous, to_state=state, kind="state",
                                       at=datetime.datetime.combine(day, datetime.time(9), tz)))
            day += datetime.timedelta(days=rng.randint(1, 15))
            previous = state
    # The history's `at` is set by the database on insert (auto_now_add): the bench writes past dates itself.
    field = DossierEvent._meta.get_field("at")
    field.auto_now_add = False
    try:
        DossierEvent.objects.bulk_create(events, batch_size=5000)
    finally:
        field.auto_now_add = True
    opened_field = Dossier._meta.get_field("created_at")
    for pk, opened in created:  # a few seconds once; the page counts dossiers by the day they were opened
        Dossier.objects.filter(pk=pk).update(created_at=datetime.datetime.combine(opened, datetime.time(8), tz))
    assert opened_field.auto_now_add  # unchanged: update() does not touch auto_now_add fields


def build_scoring(unit_ids: list[int]) -> None:
    from tdkt.movements.scoring.models import Criterion, ScoreSheet, ScoringRound, ScoringTemplate, SelfScore
    from tdkt.orgs.models import EmulationGroup, EmulationGroupMembership, EmulationGroupYear

    if EmulationGroup.objects.filter(code__startswith=CODE_PREFIX).exists():
        return
    rng = random.Random("dashboard-scoring")
    for g in range(GROUPS):
        group = EmulationGroup.objects.create(code=f"{CODE_PREFIX}G{g:02d}", name=f"Cụm thi đua thử nghiệm {g:02d}",
                                              kind="cluster" if g % 2 else "block")
        members = unit_ids[g * 10:(g + 1) * 10]
        for year in range(YEAR - 9, YEAR + 1):
            group_year = EmulationGroupYear.objects.create(group=group, year=year)
            EmulationGroupMembership.objects.bulk_create([
                EmulationGroupMembership(group_year=group_year, unit_id=u, role="head" if i == 0 else "member")
                for i, u in enumerate(members)])
            template = ScoringTemplate.objects.create(group_year=group_year, title=f"Bảng tiêu chí {year}")
            criterion = Criterion.objects.create(template=template, code="1", title="Tiêu chí", max_points=100)
            scoring_round = ScoringRound.objects.create(group_year=group_year, template=template, kind="year_end")
            sheets = ScoreSheet.objects.bulk_create([ScoreSheet(round=scoring_round, unit_id=u) for u in members])
            SelfScore.objects.bulk_create([SelfScore(sheet=s, criterion=criterion, points=rng.randint(60, 100))
                                           for s in sheets])


def child() -> None:
    setup_django()
    plain_static()
    import reports_seed
    from django.db import connection
    from django.urls import reverse

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.orgs.models import Unit

    seed = reports_seed.build()
    province = Unit.objects.get(pk=seed["province_unit_id"])
    unit_ids = list(Unit.objects.filter(code__startswith=reports_seed.CODE_PREFIX).exclude(pk=province.pk)
                    .order_by("code").values_list("id", flat=True))
    build_dossiers(unit_ids)
    build_scoring(unit_ids)
    specialist, created = User.objects.get_or_create(username="bench.dashboard.chuyenvien",
                                                     defaults={"full_name": "Chuyên viên thử nghiệm"})
    if created:
        Membership.objects.create(user=specialist, role=Role.PROVINCE_SPECIALIST, unit=province)
    client = signed_in_client(specialist)
    department = Unit.objects.get(code=f"{reports_seed.CODE_PREFIX}S00")
    dataset = f"{reports_seed.dataset_text()}, {DOSSIERS:,} dossiers".replace(",", ".")
    with connection.cursor() as cursor:  # planner statistics and the visibility map, as autovacuum keeps them
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    for label, url in (("reports_dashboard", reverse("reports:dashboard")),
                       ("reports_dashboard_unit", reverse("reports:unit_dashboard", kwargs={"pk": department.pk}))):
        samples, queries, _response = time_requests(client, f"{url}?year={YEAR}", RUNS, warmup=2)
        emit(label, connection.vendor, samples, TARGET_MS, queries=query_figure(queries),
             dataset=f"{dataset}; award figures stored (the register unchanged since the last view)")
        samples, queries = time_after_a_change(client, f"{url}?year={YEAR}")
        emit(f"{label}_after_a_change", connection.vendor, samples, TARGET_MS, queries=query_figure(queries),
             dataset=f"{dataset}; the first view after the register changed: the award figures counted")


def time_after_a_change(client, url):
    """Each sample the first view after a change to the register (the stored figures out of date)."""
    from tdkt.reports.models import StoredFigures

    samples, queries = [], []
    for _ in range(RUNS_AFTER_A_CHANGE):
        StoredFigures.objects.update(version="changed")
        elapsed, count, _response = time_request(client, url)
        samples.append(elapsed)
        queries.append(count)
    return samples, queries


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("reports.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_reports_dashboard.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
