"""Excel exports as a user gets them: the URL a user clicks, the whole response body read.

- nominee_list_export: the specialist's consolidated nominee list (`nominees:export_selection`,
  `?states=ready_for_council&year=2026&format=xlsx`) of 12,000 lines (11,400 persons and 600 collectives in
  1,200 dossiers of 60 units), target ≤ 10 s and ≤ 150 MB peak memory;
- plan_tasks_export: a plan's tasks (`plans:export_xlsx`) with 10,000 tasks (lead and coordinating units, due
  dates: `plans_board.build`), target ≤ 5 s;
- people_export: the people list (`people:export`, `?q=…`) of 50,000 persons, target ≤ 5 s and ≤ 100 MB
  peak memory.

Run alone: `.venv/bin/python bench/bench_exports.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/. The parent migrates; a child (`--child`) builds the data once with bulk_create, then runs each
export in a fresh process of its own (`--export NAME`): Django set up, the specialist signed in, then
RUNS timed requests (no warm-up: an export is an occasional request, and the first one in a process pays
the spreadsheet library's import like a user's first export after a worker restart). Peak memory: `ru_maxrss` of that export process (Django, the data
read and the workbook built, together; read with `resource.getrusage(RUSAGE_SELF)` at its end), and, for
information, how much it grew from just before the first export request. Measured through URLs only, so the
figures stay valid when the exporters are rewritten. BENCH_EXPORTS=people_export,… runs only those.
"""

import datetime
import os
import resource
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    PYTHON,
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
)

RUNS = int(os.environ.get("BENCH_EXPORT_RUNS", "3"))  # each in full; 1 on a machine too loaded for more
CODE_PREFIX = "BX-"
YEAR = 2026
UNITS = 60
DOSSIERS = 1_200
LINES = 12_000
COLLECTIVE_EVERY = 20  # one line in 20 proposes a collective: 600 of 12,000
PEOPLE = 50_000
PEOPLE_QUERY = "xuat"  # every bench person is "… Xuất …" and nobody else in this database
TASKS = 10_000
PLAN_TITLE = "Kế hoạch thử nghiệm xuất 10.000 nhiệm vụ"

EXPORTS = {  # name: (target ms, target MB or None)
    "nominee_list_export": (10_000.0, 150.0),
    "plan_tasks_export": (5_000.0, None),
    "people_export": (5_000.0, 100.0),
}

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Giàng", "Sùng", "Lý", "Vàng")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "A", "Seo", "Thị Thu", "Ngọc")
GIVEN = ("An", "Bình", "Cường", "Dung", "Hà", "Páo", "Mai", "Thắng", "Hằng", "Lâm", "Sơn", "Vân")


def build() -> dict:
    """Units, persons, dossiers with their lines, and the plan: made once, reused when present."""
    from tdkt.awards.models import AwardType
    from tdkt.dossiers.enums import DossierKind, DossierState
    from tdkt.dossiers.models import Dossier, Nomination
    from tdkt.lib.vntext import fold
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person
    from tdkt.plans.models import Plan

    root = Unit.objects.filter(code=f"{CODE_PREFIX}UBND").first()
    if root is None:
        on = datetime.date(2020, 1, 1)
        root = Unit.objects.create(code=f"{CODE_PREFIX}UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                                   kind=UnitKind.PEOPLES_COMMITTEE, established_on=on)
        Unit.objects.bulk_create([Unit(code=f"{CODE_PREFIX}{i:03d}", name=f"Sở thử nghiệm xuất dữ liệu số {i:03d}",
                                       kind=UnitKind.DEPARTMENT, parent=root, established_on=on)
                                  for i in range(max(UNITS, 80))])
    units = list(Unit.objects.filter(code__startswith=CODE_PREFIX).exclude(pk=root.pk).order_by("code"))

    if not Person.objects.filter(unit__code__startswith=CODE_PREFIX).exists():
        people = []
        for i in range(PEOPLE):
            name = f"{FAMILY[i % 12]} {MIDDLE[(i // 12) % 8]} Xuất {GIVEN[(i // 96) % 12]} {i:05d}"
            born = datetime.date(1965, 1, 1) + datetime.timedelta(days=(i * 37) % 14000)
            people.append(Person(full_name=name, name_folded=fold(name), unit=units[i % UNITS], birth_date=born,
                                 birth_year=born.year, gender="male" if i % 2 else "female", ethnicity="Kinh",
                                 position="Chuyên viên phòng Tổng hợp", category="civil_servant",
                                 national_id=f"{20_000_000_000 + i:012d}"))
            if len(people) == 10_000:
                Person.objects.bulk_create(people)
                people = []
        Person.objects.bulk_create(people)

    if not Dossier.objects.filter(unit__code__startswith=CODE_PREFIX).exists():
        awards = list(AwardType.objects.order_by("sort_order", "id")[:4])
        dossiers = Dossier.objects.bulk_create([
            Dossier(unit=units[i % UNITS], title=f"Hồ sơ đề nghị khen thưởng năm {YEAR} số {i + 1}", year=YEAR,
                    kind=DossierKind.values[0], state=DossierState.READY_FOR_COUNCIL) for i in range(DOSSIERS)])
        person_ids = list(Person.objects.filter(unit__code__startswith=CODE_PREFIX).order_by("id")
                          .values_list("id", flat=True)[:LINES])
        lines = []
        per_dossier = LINES // DOSSIERS
        for index in range(LINES):
            dossier = dossiers[index // per_dossier]
            award = awards[index % len(awards)]
            collective = index % COLLECTIVE_EVERY == 0
            lines.append(Nomination(
                dossier=dossier, position=index % per_dossier + 1, proposed_award_type=award, award_type=award,
                person_id=None if collective else person_ids[index], unit=dossier.unit if collective else None,
                position_and_unit="Chuyên viên phòng Tổng hợp, Sở thử nghiệm xuất dữ liệu",
                achievement_summary="Hoàn thành xuất sắc nhiệm vụ được giao; có sáng kiến được công nhận cấp cơ sở."))
            if len(lines) == 5_000:
                Nomination.objects.bulk_create(lines)
                lines = []
        Nomination.objects.bulk_create(lines)

    if not Plan.objects.filter(title=PLAN_TITLE).exists():
        from plans_board import build as build_plan

        build_plan(PLAN_TITLE, TASKS, units[:80])
    return {"root": root}


def specialist():
    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.orgs.models import Unit

    user, created = User.objects.get_or_create(username="bench.exports.chuyenvien",
                                               defaults={"full_name": "Chuyên viên Bench"})
    if created:
        Membership.objects.create(user=user, role=Role.PROVINCE_SPECIALIST,
                                  unit=Unit.objects.get(code=f"{CODE_PREFIX}UBND"))
    return user


def export_url(name: str) -> tuple[str, str]:
    """(url, what it holds) for one export, found through the URL names a user's click resolves to."""
    from django.urls import reverse

    from tdkt.dossiers.enums import DossierState
    from tdkt.plans.models import Plan

    if name == "nominee_list_export":
        query = urlencode({"states": DossierState.READY_FOR_COUNCIL.value, "year": YEAR, "format": "xlsx"})
        return f"{reverse('nominees:export_selection')}?{query}", f"{LINES:,} lines in {DOSSIERS:,} dossiers"
    if name == "plan_tasks_export":
        plan = Plan.objects.get(title=PLAN_TITLE)
        return reverse("plans:export_xlsx", kwargs={"pk": plan.pk}), f"{TASKS:,} tasks"
    return f"{reverse('people:export')}?{urlencode({'q': PEOPLE_QUERY})}", f"{PEOPLE:,} persons"


def export_once(client, url: str) -> tuple[float, int, object]:
    """What a user gets: the export's URL, and, when the list is big enough to become a background job
    (EXPORT_JOB_THRESHOLD), the job's file. Tasks run inline here (bench/common.py), so the first request
    includes the job's whole run, as a worker would do it; then the file is downloaded."""
    from django.urls import reverse

    elapsed, count, response = time_request(client, url, expect=(302, 200))
    if response.status_code == 302:
        job = int(response["Location"].rstrip("/").split("/")[-1])
        more, extra, response = time_request(client, reverse("jobs:download", kwargs={"pk": job}))
        elapsed, count = elapsed + more, count + extra
    return elapsed, count, response


def run_export(name: str) -> None:
    """In a fresh process: one export through its URL, RUNS times; time, queries, peak memory."""
    setup_django()
    from django.db import connection

    plain_static()
    client = signed_in_client(specialist())
    url, dataset = export_url(name)
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    samples, counts = [], []
    for _ in range(RUNS):  # the first export of a fresh process is timed too
        elapsed, count, response = export_once(client, url)
        samples.append(elapsed)
        counts.append(count)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kind = response.get("Content-Type", "")
    if "spreadsheetml" not in kind:
        raise SystemExit(f"GET {url} answered {kind!r}, not a spreadsheet")
    target_ms, target_mb = EXPORTS[name]
    emit(name, connection.vendor, samples, target_ms, queries=query_figure(counts), per_request=True,
         peak_mb=round(peak_mb, 1), memory_target_mb=target_mb,
         memory_how=f"peak RSS of the export process (ru_maxrss), {peak_mb - before_mb:.0f} MB over its "
                    f"{before_mb:.0f} MB before the first export",
         dataset=f"GET {url.split('?')[0]}, {dataset.replace(',', '.')}, {response.body_bytes / 1_048_576:.1f} MB .xlsx")


def child() -> None:
    setup_django()
    build()
    from django.db import connections

    connections.close_all()
    chosen = [name for name in os.environ.get("BENCH_EXPORTS", "").split(",") if name] or list(EXPORTS)
    for name in chosen:
        done = subprocess.run([PYTHON, __file__, "--export", name], capture_output=True, text=True, check=False)
        sys.stdout.write(done.stdout)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"export {name} failed (exit {done.returncode})")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    if "--export" in sys.argv:
        run_export(sys.argv[sys.argv.index("--export") + 1])
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("exports.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_exports.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
