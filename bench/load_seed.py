"""The provincial dataset of the load test (bench/load.py), on PostgreSQL, built once and reused.

- the demo province (`seed_demo --province "Lào Cai"`): 487 units (99 communes and wards), its clusters and
  blocks, council and meeting, a signed decision, the scoring round of Cụm thi đua số 1, the demo accounts;
- topped up in bulk (COPY) to 100,000 persons and 1,000,000 award records over 2007–2026 (20 years; 9 in 10 to
  individuals, the rest to units), and (bulk_create) to 10,000 dossiers of 3 lines each over every state,
  plus one dossier of 300 lines in appraisal (every line with its stored verdict, as the pages expect);
- a plan of 200 tasks when the demo found no seed plan, certificates for the signed decision (the portal's
  verification), and the load test's users: 35 province specialists, 10 council members (each a member of the
  provincial council), 5 commune clerks.

Keyed by a version: the table bench_load_dataset (outside Django's models, this database is the benchmark's own)
holds the version and scale of a complete build. `ensure(url, scale)` (the parent, no Django) rebuilds the
database when the key differs or a build was interrupted, else reuses it at once. `load.py --scale 0.05` builds 5 % of
the persons, records and dossiers (units, users and the 300-line dossier stay whole) for a quick try.

Run as a child (Django set up from DATABASE_URL): `load_seed.py --build SCALE` builds the data;
`load_seed.py --plan PATH` signs the users in (sessions in the database, as a browser gets them), issues their
API tokens, fetches every URL of the mix once through Django's test Client and writes the plan: each user's
cookie and token, and per page kind the URLs with the page's <title> as served (the load test's "right page").
"""

from __future__ import annotations

import datetime
import json
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import manage, setup_django  # noqa: E402

VERSION = "load-v1"  # change when the dataset's shape changes: the next run rebuilds it
PERSONS = 100_000
RECORDS = 1_000_000
DOSSIERS = 10_000
LINES_PER_DOSSIER = 3
BIG_DOSSIER_LINES = 300
BIG_DOSSIER_TITLE = "Hồ sơ đề nghị khen thưởng tổng kết năm 2026 (300 dòng, tải thử)"
SPECIALISTS, COUNCIL_MEMBERS, CLERKS = 35, 10, 5
PLAN_TASKS = 200
FIRST_YEAR, LAST_YEAR = 2007, 2026
MARKER_TABLE = "bench_load_dataset"

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Sùng", "Giàng", "Vàng",
          "Lý", "Triệu", "Bàn", "Hà", "Nông", "Quách", "Chu", "Tẩn", "Thào", "Phùng", "Đinh"]
FAMILY_WEIGHTS = [38, 11, 9, 7, 5, 4, 3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
MIDDLE_MEN = ["Văn", "Đức", "Minh", "Hữu", "Quang", "A", "Seo", "Xuân"]
MIDDLE_WOMEN = ["Thị", "Thu", "Ngọc", "Thanh", "Mai", "Thị"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hằng", "Hùng", "Hương", "Lan", "Linh", "Lưu", "Mai", "Mây",
         "Nam", "Páo", "Pao", "Sơn", "Sử", "Thảo", "Thắng", "Thu", "Vân", "Chờ", "Mỷ", "Dế", "Tuấn", "Yến"]
ETHNICITIES = ["Kinh"] * 6 + ["Tày", "H'Mông", "Dao", "Giáy", "Nùng", "Thái"]
STATES = (["submitted", "received", "in_appraisal", "consultation", "public_posting", "ready_for_council"] * 2
          + ["draft", "draft", "returned", "decided", "decided", "decided", "on_hold", "withdrawn"])


# --- the parent's side (no Django): reuse or rebuild -------------------------------------------------------


def built_key(url: str) -> tuple[str, float] | None:
    """(version, scale) of the complete dataset in this database, or None."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT to_regclass(%s)", [MARKER_TABLE]).fetchone()[0] is None:
            return None
        row = conn.execute(f"SELECT version, scale FROM {MARKER_TABLE} ORDER BY built_at DESC LIMIT 1").fetchone()  # noqa: S608
        return (row[0], float(row[1])) if row else None


def recreate_database(url: str) -> None:
    """Drop and create the load test's own database (signed decisions cannot be deleted row by row)."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("tdkt_bench_load"):
        raise SystemExit(f"refusing to drop {name!r}: the load test rebuilds only a database named tdkt_bench_load…")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure(url: str, scale: float, run_child) -> str:
    """Build the dataset unless this version at this scale is there; returns what was done, for the report."""
    if built_key(url) == (VERSION, scale):
        return "reused"
    started = time.monotonic()
    if built_key(url) is not None or _has_tables(url):
        recreate_database(url)
    manage(url, "migrate", "--noinput", quiet=True)
    manage(url, "seed_demo", "--province", "Lào Cai", "--persons", "2000", quiet=True)
    run_child("load_seed.py", url, "--build", f"{scale:g}")
    return f"built in {time.monotonic() - started:.0f} s"


def _has_tables(url: str) -> bool:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT to_regclass('people_person')").fetchone()[0] is not None


# --- the child's side (Django): the bulk data ----------------------------------------------------------------


def _copy(table: str, columns: list[str], rows) -> int:
    from django.db import connection

    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def build(scale: float) -> None:
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        raise SystemExit("the load test's dataset is for PostgreSQL (COPY, and the figures are PostgreSQL's)")
    started = time.monotonic()
    rng = random.Random(f"load:{VERSION}")
    with transaction.atomic():
        persons = _persons(rng, round(PERSONS * scale))
        _records(rng, round(RECORDS * scale), persons)
        _dossiers(rng, round(DOSSIERS * scale), persons)
        _big_dossier(persons)
        _plan()
        _certificates()
        _users()
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (version text, scale double precision, "
                           "built_at timestamptz DEFAULT now(), summary jsonb)")
            cursor.execute(f"INSERT INTO {MARKER_TABLE} (version, scale, summary) VALUES (%s, %s, %s)",  # noqa: S608
                           [VERSION, scale, json.dumps(counts())])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them in production
    print(f"load dataset built in {time.monotonic() - started:.0f} s: {counts()}", file=sys.stderr)


def counts() -> dict:
    from tdkt.accounts.models import User
    from tdkt.awards.models import AwardRecord
    from tdkt.dossiers.models import Dossier, Nomination
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    return {"units": Unit.objects.count(), "persons": Person.objects.count(),
            "award_records": AwardRecord.objects.count(), "dossiers": Dossier.objects.count(),
            "lines": Nomination.objects.count(), "load_users": User.objects.filter(username__startswith="tai.").count()}


def _persons(rng, target: int) -> list[tuple[int, int]]:
    """Top the demo's persons up to target, in every unit (communes and schools hold more); (id, unit_id)."""
    from django.utils import timezone

    from tdkt.lib.vntext import fold
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    units = list(Unit.objects.values_list("id", "kind"))
    weights = [3 if kind in ("commune", "school", "public_service") else 1 for _id, kind in units]
    missing = max(0, target - Person.objects.count())
    now = timezone.now()

    def rows():
        for i in range(missing):
            woman = i % 2 == 1
            family = rng.choices(FAMILY, FAMILY_WEIGHTS)[0]
            name = f"{family} {rng.choice(MIDDLE_WOMEN if woman else MIDDLE_MEN)} {rng.choice(GIVEN)}"
            unit_id = rng.choices(units, weights)[0][0]
            yield (name, fold(name), "female" if woman else "male", 1960 + i % 45, rng.choice(ETHNICITIES),
                   "Chuyên viên" if i % 3 else "Giáo viên", "civil_servant", now, unit_id, "direct_worker")

    _copy(Person._meta.db_table, ["full_name", "name_folded", "gender", "birth_year", "ethnicity", "position",
                                  "category", "created_at", "unit_id", "statistical_group"], rows())
    return list(Person.objects.order_by("id").values_list("id", "unit_id"))


def _records(rng, target: int, persons) -> None:
    """Award records over twenty years: 9 in 10 to individuals, the rest to units (collective awards)."""
    from django.utils import timezone

    from tdkt.awards.models import AwardRecord, AwardType
    from tdkt.orgs.models import Unit

    individual = list(AwardType.objects.filter(for_individual=True).values_list("id", flat=True))
    collective = list(AwardType.objects.filter(for_collective=True).values_list("id", flat=True))
    unit_ids = list(Unit.objects.values_list("id", flat=True))
    missing = max(0, target - AwardRecord.objects.count())
    now = timezone.now()
    span = (datetime.date(LAST_YEAR, 11, 30) - datetime.date(FIRST_YEAR, 1, 15)).days

    def rows():
        for i in range(missing):
            decided = datetime.date(FIRST_YEAR, 1, 15) + datetime.timedelta(days=(i * 7919) % (span + 1))
            person_id = unit_id = None
            if i % 10:
                person_id = persons[(i * 7919) % len(persons)][0]
                award = individual[i % len(individual)]
            else:
                unit_id = unit_ids[(i * 31) % len(unit_ids)]
                award = collective[i % len(collective)]
            yield (now, person_id, unit_id, award, "merit", decided.year, "", f"{i // 100 % 900 + 1}/QĐ-UBND",
                   decided, "Chủ tịch UBND tỉnh", "imported", "", False, "")

    _copy(AwardRecord._meta.db_table,
          ["created_at", "person_id", "unit_id", "award_type_id", "basis", "year", "school_year", "decision_number",
           "decision_date", "decision_issuer", "source", "note", "is_enterprise", "person_group"], rows())


def _dossiers(rng, target: int, persons) -> None:
    """Dossiers of the units over every state, three lines each (persons of the dossier's unit)."""
    from django.utils import timezone

    from tdkt.awards.models import AwardType
    from tdkt.dossiers.enums import DossierKind
    from tdkt.dossiers.models import Dossier, Nomination

    missing = max(0, target - Dossier.objects.count())
    award = AwardType.objects.get(code="LDTT")
    by_unit: dict[int, list[int]] = {}
    for person_id, unit_id in persons:
        by_unit.setdefault(unit_id, []).append(person_id)
    unit_ids = sorted(unit for unit, people in by_unit.items() if len(people) >= LINES_PER_DOSSIER)
    kinds = list(DossierKind.values)
    today = timezone.localdate()
    for start in range(0, missing, 2000):
        batch = [Dossier(unit_id=unit_ids[i % len(unit_ids)], title=f"Hồ sơ đề nghị khen thưởng số {i + 1} (tải thử)",
                         year=2017 + i % 10, kind=kinds[i % len(kinds)], state=STATES[i % len(STATES)],
                         step_due_on=today + datetime.timedelta(days=rng.randint(-20, 30)) if i % 9 else None)
                 for i in range(start, min(missing, start + 2000))]
        Dossier.objects.bulk_create(batch)
        lines = []
        for dossier in batch:
            people = by_unit[dossier.unit_id]
            first = rng.randrange(len(people))
            lines.extend(Nomination(dossier=dossier, position=k + 1, person_id=people[(first + k) % len(people)],
                                    proposed_award_type=award, award_type=award)
                         for k in range(LINES_PER_DOSSIER))
        Nomination.objects.bulk_create(lines, batch_size=2000)


def _big_dossier(persons) -> None:
    """One dossier of 300 lines in appraisal, every line's verdict stored (the pages read it, run no rule)."""
    from tdkt.awards.models import AwardType
    from tdkt.dossiers.eligibility import check_nominations
    from tdkt.dossiers.enums import DossierKind, DossierState
    from tdkt.dossiers.models import Dossier, Nomination
    from tdkt.orgs.models import Unit

    unit = Unit.objects.get(name="Sở Y tế")
    award = AwardType.objects.get(code="LDTT")
    dossier = Dossier.objects.create(unit=unit, title=BIG_DOSSIER_TITLE, year=2026, kind=DossierKind.YEAR_END,
                                     state=DossierState.IN_APPRAISAL)
    stride = len(persons) // BIG_DOSSIER_LINES  # persons from all over the province
    Nomination.objects.bulk_create([
        Nomination(dossier=dossier, position=i + 1, person_id=persons[i * stride][0], proposed_award_type=award,
                   award_type=award, achievement_summary="Hoàn thành xuất sắc nhiệm vụ năm 2026.",
                   position_and_unit="Chuyên viên, Sở Y tế") for i in range(BIG_DOSSIER_LINES)])
    lines = list(Nomination.objects.filter(dossier=dossier))
    verdicts = check_nominations(lines)
    for line in lines:
        line.verdict_live = verdicts[line.pk]
    Nomination.objects.bulk_update(lines, ["verdict_live"], batch_size=500)


def _plan() -> None:
    """The demo's plan when its seed file was found; else a plan of PLAN_TASKS tasks (bench/plans_board.py)."""
    from plans_board import build as build_plan

    from tdkt.orgs.models import Unit
    from tdkt.plans.models import Plan

    if Plan.objects.exists():
        return
    build_plan("Kế hoạch công tác thi đua, khen thưởng năm 2026 (tải thử)", PLAN_TASKS,
               list(Unit.objects.filter(parent__isnull=False).order_by("id")[:80]))


def _certificates() -> None:
    from tdkt.accounts.models import User
    from tdkt.decisions.certificates.services import issue_certificates
    from tdkt.decisions.models import Decision

    by = User.objects.get(username="chuyenvien")
    for decision in Decision.objects.filter(state__in=("signed", "published")):
        issue_certificates(decision, by=by)


def _users() -> None:
    """tai.chuyenvien.NN, tai.uyvien.NN, tai.vanthu.NN with the memberships of the demo's chuyenvien, uyvien
    and vanthu.xa (the clerks at five communes: A Mú Sung's and four others)."""
    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.orgs.models import CouncilMember, Unit
    from tdkt.people.models import Person

    def clone(template: str, username: str, full_name: str, unit=None) -> User:
        user = User.objects.create(username=username, full_name=full_name)
        user.set_unusable_password()  # signed in by session in the load test; never through the form
        user.save(update_fields=["password"])
        for membership in Membership.objects.filter(user__username=template):
            membership.pk = None
            membership.user = user
            if unit is not None and membership.role == Role.UNIT_CLERK:
                membership.unit = unit
            membership.save()
        return user

    for i in range(SPECIALISTS):
        clone("chuyenvien", f"tai.chuyenvien.{i:02d}", f"Chuyên viên tải thử {i:02d}")
    template = CouncilMember.objects.filter(user__username="uyvien").first()
    for i in range(COUNCIL_MEMBERS):
        user = clone("uyvien", f"tai.uyvien.{i:02d}", f"Ủy viên tải thử {i:02d}")
        if template is not None:
            person = Person.objects.create(full_name=f"Ủy viên Tải Thử {i:02d}", name_folded=f"uy vien tai thu {i:02d}",
                                           unit=template.person.unit, category="civil_servant")
            CouncilMember.objects.create(council=template.council, person=person, role=template.role, user=user,
                                         title=template.title, term_start=template.term_start)
    home = Membership.objects.filter(user__username="vanthu.xa").values_list("unit_id", flat=True).first()
    others = list(Unit.objects.filter(kind="commune").exclude(pk=home).order_by("name")[:CLERKS - 1])
    for i, unit in enumerate([Unit.objects.get(pk=home), *others]):
        clone("vanthu.xa", f"tai.vanthu.{i:02d}", f"Văn thư tải thử {i:02d}", unit=unit)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--build":
        setup_django()
        build(float(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--plan":
        setup_django()
        from load_plan import write_plan

        write_plan(Path(sys.argv[2]))
    else:
        raise SystemExit(__doc__)
