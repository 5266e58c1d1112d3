"""Registrations (issue 7, item 2): the registered / proposed / awarded comparison of a whole province, and an
all-or-nothing Excel import of every unit's registration.

Run alone: `.venv/bin/python bench/bench_movements.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/. The parent migrates the database, then times in a child process (`--child`) that builds the data
once with bulk_create: 1,500 units, each with a year-round registration (a collective title and 3 individual
titles), one dossier with 12 nomination lines and 10 award records of the year (18,000 nominations, 15,000
awards). Timed: `registrations.comparison(specialist, year)` (the whole province) and
`import_registrations` of a 1,500-row workbook (checked and saved as drafts; the same file each run).
Targets are this app's own (no target in the issue): comparison ≤ 1 s, import ≤ 10 s.
"""

import io
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url, timed_ms  # noqa: E402

COMPARISON_TARGET_MS = 1_000.0
IMPORT_TARGET_MS = 10_000.0
UNITS = 1500
YEAR = 2026
CODE_PREFIX = "BM-"


def build():
    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.awards.models import AwardRecord, AwardType
    from tdkt.dossiers.models import Dossier, Nomination
    from tdkt.movements.models import Registration, RegistrationItem
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    awards = {a.code: a for a in AwardType.objects.filter(code__in=("LDTT", "CSTD_CS", "TTLDXS", "BK_TINH", "GK"))}
    user = User.objects.filter(username="bench-movements").first()
    if user is None:
        user = User.objects.create_user("bench-movements", password="x-bench-only-Mat-khau-2026")
    if Unit.objects.filter(code__startswith=CODE_PREFIX).exists():
        return user, list(Unit.objects.filter(code__startswith=CODE_PREFIX).order_by("code"))
    root = Unit.objects.create(name="Ủy ban nhân dân tỉnh Thử Nghiệm", code=f"{CODE_PREFIX}UBND",
                               kind=UnitKind.PEOPLES_COMMITTEE)
    Membership.objects.create(user=user, role=Role.PROVINCE_SPECIALIST, unit=root)
    units = Unit.objects.bulk_create([Unit(name=f"Xã Thử Nghiệm {i:04d}", code=f"{CODE_PREFIX}{i:04d}",
                                           kind=UnitKind.COMMUNE, parent=root) for i in range(UNITS)])
    people = Person.objects.bulk_create([Person(full_name=f"Nguyễn Văn {i}", unit=units[i % UNITS], category="other")
                                         for i in range(UNITS * 12)], batch_size=2000)
    registrations = Registration.objects.bulk_create([Registration(unit=u, year=YEAR, collective_award=awards["TTLDXS"])
                                                      for u in units])
    RegistrationItem.objects.bulk_create([RegistrationItem(registration=r, award_type=awards[code], count=n)
                                          for r in registrations for code, n in (("LDTT", 30), ("CSTD_CS", 4),
                                                                                 ("GK", 2))], batch_size=2000)
    dossiers = Dossier.objects.bulk_create([Dossier(unit=u, title="Hồ sơ năm", year=YEAR) for u in units])
    lines = []
    for i, person in enumerate(people):
        dossier = dossiers[i % UNITS]
        code = "LDTT" if i % 4 else "CSTD_CS"
        lines.append(Nomination(dossier=dossier, person=person, position=i, proposed_award_type=awards[code],
                                award_type=awards[code]))
    Nomination.objects.bulk_create(lines, batch_size=2000)
    AwardRecord.objects.bulk_create([AwardRecord(person=p, award_type=awards["LDTT"], year=YEAR)
                                     for p in people[: UNITS * 10]], batch_size=2000)
    return user, [root, *units]


def workbook(units) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Mã đơn vị", "Tên đơn vị", "Danh hiệu tập thể", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở",
                  "Chỉ tiêu"])
    for unit in units:
        sheet.append([unit.code, unit.name, "Tập thể lao động xuất sắc", 31, 5, "Hoàn thành 100% chỉ tiêu"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def child() -> None:
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.lib.uploads import sniff_upload
    from tdkt.movements.registration_io import import_registrations
    from tdkt.movements.registrations import comparison

    user, units = build()
    database = connection.vendor
    samples, rows = [], []
    for _ in range(7):
        user.__dict__.pop("_tdkt_scope", None)
        samples.append(timed_ms(lambda: rows.append(comparison(user, YEAR))))
    with CaptureQueriesContext(connection) as queries:
        comparison(user, YEAR)
    emit("movements_comparison", database, samples, COMPARISON_TARGET_MS, queries=len(queries),
         dataset=f"{len(rows[-1])} units, 18,000 nominations, 15,000 awards")
    upload = sniff_upload(workbook([u for u in units if u.code != f"{CODE_PREFIX}UBND"]), allowed={"xlsx"},
                          max_bytes=50 * 1024 * 1024, field_label="bench")
    samples, reports = [], []
    for _ in range(3):
        samples.append(timed_ms(lambda: reports.append(import_registrations(upload, by=user, year=YEAR))))
        assert not reports[-1].errors, reports[-1].errors[:3]
    emit("movements_registration_import", database, samples, IMPORT_TARGET_MS, dataset=f"{UNITS}-row workbook")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("movements.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_movements.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
