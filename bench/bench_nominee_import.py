"""Importing a 2,000-line nominee list (Excel) into a dossier, with eligibility for every line: target ≤ 5 s
(issues 5 and 13).

Run alone: `.venv/bin/python bench/bench_nominee_import.py` — on DATABASE_URL when set, else on a SQLite file
under var/bench/. The parent migrates the database, then times in a child process (`--child`) that builds
the data once with bulk_create: one department with 20 sub-units, 2,500 people with dates of birth, two
years of ratings each and an award for one in five, and 97,500 more people in other units (100,000 in all,
some with the same names: matching must not look at them); then an .xlsx list under a title block (1,980
persons written without accents for a third of them, behind "Ông", "Bà", "Đ/c" or "TS." for half of them,
with the year of birth; 20 collectives "Tập thể …"; award names in their usual spellings). Timed: `importing.import_list` as the screen calls it — sniffing the
upload, parsing, matching persons, awards and collectives, bulk-creating the lines and running the
engine over all of them — into a fresh draft dossier, three times. The query count is reported too.
"""

import datetime
import io
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url  # noqa: E402

TARGET_MS = 5_000.0
RUNS = 3
LINES = 2_000
COLLECTIVES = 20
PEOPLE = 2_500
OTHERS = 97_500  # persons of other units: 100,000 in the registry
PREFIXES = ("", "Ông ", "", "Đ/c ", "", "TS. ")
CODE_PREFIX = "BN-"
# The unit's own round (issue 16): the awards its head decides, in their usual spellings.
AWARDS = ("Lao động tiên tiến", "LĐTT", "Chiến sỹ thi đua cơ sở", "CSTĐCS", "Giấy khen")


def build():
    from tdkt.awards.models import AwardRecord, AwardType, Rating
    from tdkt.lib.vntext import fold
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    root = Unit.objects.filter(code=f"{CODE_PREFIX}ROOT").first()
    if root is not None:
        return root
    on = datetime.date(2020, 1, 1)
    root = Unit.objects.create(code=f"{CODE_PREFIX}ROOT", name="Sở Thử Nghiệm Danh Sách", kind=UnitKind.DEPARTMENT,
                               established_on=on)
    Unit.objects.bulk_create([Unit(code=f"{CODE_PREFIX}{i:02d}", name=f"Phòng thử nghiệm số {i:02d}",
                                   kind=UnitKind.DEPARTMENT, parent=root, established_on=on)
                              for i in range(COLLECTIVES)])
    units = [root] + list(Unit.objects.filter(parent=root).order_by("code"))
    people = []
    for i in range(PEOPLE):
        name = f"Nguyễn Văn Thử {i:04d}"
        born = datetime.date(1970, 1, 1) + datetime.timedelta(days=(i * 37) % 12000)
        people.append(Person(full_name=name, name_folded=fold(name), unit=units[i % len(units)], birth_date=born,
                             birth_year=born.year, category="civil_servant"))
    Person.objects.bulk_create(people, batch_size=1000)
    elsewhere = Unit.objects.create(code=f"{CODE_PREFIX}OTHER", name="Đơn vị khác thử nghiệm", kind=UnitKind.DEPARTMENT,
                                    established_on=on)
    Person.objects.bulk_create(
        [Person(full_name=f"Nguyễn Văn Thử {i % 10_000:04d}", name_folded=f"nguyen van thu {i % 10_000:04d}", unit=elsewhere,
                birth_year=1960 + i % 40, category="civil_servant") for i in range(OTHERS)], batch_size=2000)
    ids = list(Person.objects.filter(unit__in=units).order_by("id").values_list("id", flat=True))
    Rating.objects.bulk_create([Rating(person_id=pk, year=year, level="HTTNV") for pk in ids for year in (2024, 2025)],
                               batch_size=2000)
    ldtt = AwardType.objects.get(code="LDTT")
    AwardRecord.objects.bulk_create([AwardRecord(person_id=pk, award_type=ldtt, year=2024) for pk in ids[::5]],
                                    batch_size=2000)
    return root


def workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["SỞ THỬ NGHIỆM DANH SÁCH"])
    sheet.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị", "Hình thức đề nghị"])
    for i in range(COLLECTIVES):
        sheet.append([i + 1, f"Tập thể Phòng thử nghiệm số {i:02d}", "", "Sở Thử Nghiệm Danh Sách",
                      "Tập thể lao động tiên tiến"])
    for i in range(LINES - COLLECTIVES):
        name = PREFIXES[i % len(PREFIXES)] + (f"Nguyễn Văn Thử {i:04d}" if i % 3 else f"nguyen van thu {i:04d}")
        born = datetime.date(1970, 1, 1) + datetime.timedelta(days=(i * 37) % 12000)
        sheet.append([i + 1, name, born.year, "Chuyên viên", AWARDS[i % len(AWARDS)]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _counter(count: list):
    def counter(execute, sql, params, many, context):  # counts statements without keeping their text
        count[0] += 1
        return execute(sql, params, many, context)

    return counter


def child() -> None:
    import time

    setup_django()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.dossiers.models import Dossier
    from tdkt.dossiers.nominees.importing import import_list
    from tdkt.orgs.enums import AuthorityKind
    from tdkt.orgs.models import IssuingAuthority

    root = build()
    authority, _created = IssuingAuthority.objects.get_or_create(unit=root, defaults={
        "kind": AuthorityKind.AGENCY_HEAD, "name": root.name, "symbol": "QĐ-BN", "place": "Lào Cai",
        "decider_title": f"GIÁM ĐỐC {root.name.upper()}", "head_title": "GIÁM ĐỐC", "collective_body": ""})
    user = User.objects.filter(username="bench-nominees").first()
    if user is None:
        user = User.objects.create_user(username="bench-nominees", password=None, full_name="Văn thư thử")
        Membership.objects.create(user=user, role=Role.UNIT_CLERK, unit=root)
    data = workbook()
    samples, queries = [], 0
    for run in range(RUNS):
        dossier = Dossier.objects.create(unit=root, year=2025, title=f"Hồ sơ thử {run}", receiving_authority=authority,
                                         authority=authority.kind)
        upload = SimpleUploadedFile("danh-sach.xlsx", data)
        count = [0]
        with connection.execute_wrapper(_counter(count)):
            started = time.perf_counter()
            outcome = import_list(dossier, upload, by=user)
            samples.append((time.perf_counter() - started) * 1000)
        if not outcome.ok:
            raise SystemExit("import refused: " + "; ".join(str(p) for p in outcome.problems[:5]))
        if outcome.lines != LINES:
            raise SystemExit(f"imported {outcome.lines} lines, expected {LINES}")
        queries = count[0]
        user = User.objects.get(pk=user.pk)  # a fresh request: scope computed again
    emit("nominee_import", connection.vendor, samples, TARGET_MS, queries=queries,
         dataset=f"{LINES}-line .xlsx, {len(data) // 1024} KB, {PEOPLE} persons with history, "
                 f"{PEOPLE + OTHERS} persons in all")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("nominee_import.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_nominee_import.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
