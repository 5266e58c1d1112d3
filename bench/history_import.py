"""History import of a 100,000-row award spreadsheet with person matching: ≤ 60 s, peak memory ≤ 500 MB.

Run by bench/run.py in a child process with DATABASE_URL set (a dedicated, migrated database:
var/bench/history-import.sqlite3, or tdkt_bench_history on PostgreSQL), or alone:
`DATABASE_URL=… .venv/bin/python bench/history_import.py`. Prints JSON lines.

Set-up (not timed, reused): 200 units and 50,000 persons with dates of birth; the spreadsheet
var/bench/history-100k.xlsx (openpyxl write-only, then given the <dimension> element that Excel and
LibreOffice write): 70,000 rows about existing persons (name as typed,
with or without accents, date of birth as a date cell or dd/mm/yyyy text, unit by name or code) and
30,000 rows about 15,000 persons not yet recorded; award names in their usual spellings
("Chiến sỹ thi đua cơ sở", "CSTĐCS", "LĐTT", "Giấy khen của Giám đốc Sở…"), decision dates as dates.
Before each measurement the previous import's rows are removed.

Timed, in a fresh process so that its peak RSS (ru_maxrss) is the import's own: the service functions the
screens call — create_batch (upload), map_columns (columns, then validation: a background task, run
inline by the ImmediateBackend), start_commit (commit: a background task too).
"""

import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BENCH_DIR, emit, setup_django  # noqa: E402

TARGET_S = 60.0
TARGET_MB = 500.0
ROWS = 100_000
EXISTING_ROWS = 70_000
NEW_PERSONS = 15_000
PERSONS = 50_000
UNITS = 200
PREFIX = "HI-"
SHEET = BENCH_DIR / "history-100k.xlsx"
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Giàng",
          "Lò")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Hữu", "Thanh", "Xuân", "Hồng", "Kim")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan",
         "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Nhung", "Phong", "Phương", "Quân", "Quỳnh", "Sơn",
         "Tâm", "Thảo", "Thắng", "Thành", "Thủy", "Trang", "Trung", "Tú", "Tuấn", "Vân", "Việt", "Yến", "Páo",
         "Chứ", "Sếnh", "Mỷ", "Lềnh", "Dìn", "Chai", "Khoa", "Lộc", "Phúc", "Quyết")
AWARDS = (("Lao động tiên tiến", "LDTT"), ("LĐTT", "LDTT"), ("Chiến sỹ thi đua cơ sở", "CSTD_CS"),
          ("CSTĐCS", "CSTD_CS"), ("chiến sĩ thi đua cấp cơ sở", "CSTD_CS"),
          ("Giấy khen của Giám đốc Sở", "GK"), ("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH"))
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Hình thức khen thưởng", "Năm", "Số quyết định",
          "Ngày quyết định", "Cơ quan ban hành"]


def seed() -> None:
    """Units and persons, once."""
    from django.db import transaction

    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    if Person.objects.filter(unit__code__startswith=PREFIX).count() >= PERSONS:
        return
    rng = random.Random(1)
    with transaction.atomic():
        root = Unit.objects.create(code=f"{PREFIX}UBND", name="UBND tỉnh Nhập Thử", kind=UnitKind.PEOPLES_COMMITTEE,
                                   established_on=dt.date(2000, 1, 1))
        Unit.objects.bulk_create([Unit(code=f"{PREFIX}{i:03d}", name=f"Sở Nhập Thử {i:03d}", kind=UnitKind.DEPARTMENT,
                                       parent=root, established_on=dt.date(2000, 1, 1)) for i in range(UNITS)])
        units = list(Unit.objects.filter(parent=root).order_by("code"))
        names = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
        people = []
        for unit in units:
            for name in rng.sample(names, PERSONS // UNITS):
                born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365))
                people.append(Person(full_name=name, name_folded="", unit=unit, birth_date=born, category="other"))
        for person in people:  # bulk_create skips save(): derive the folded name and birth year here
            from tdkt.lib.vntext import fold

            person.name_folded, person.birth_year = fold(person.full_name), person.birth_date.year
        Person.objects.bulk_create(people, batch_size=5000)


def _rows(rng: random.Random):
    from tdkt.lib.vntext import fold
    from tdkt.people.models import Person

    persons = list(Person.objects.filter(unit__code__startswith=PREFIX, merged_into__isnull=True)
                   .order_by("pk").values_list("full_name", "birth_date", "unit__name", "unit__code")[:PERSONS])
    number = 0
    used_years: dict[tuple, set[int]] = {}

    def award_rows(name, born, unit_name, unit_code, count):
        nonlocal number
        used = used_years.setdefault((name, born, unit_code), set())
        years = rng.sample(sorted(set(range(2012, 2025)) - used), count)
        used.update(years)
        for year in years:
            number += 1
            text, _code = rng.choice(AWARDS)
            typed = fold(name).title() if rng.random() < 0.2 else name
            birth = born if rng.random() < 0.5 else born.strftime("%d/%m/%Y")
            unit = unit_code if rng.random() < 0.3 else unit_name
            yield [number, typed, birth, unit, text, year, f"{rng.randint(1, 999)}/QĐ-{year}",
                   dt.date(year + 1, rng.randint(1, 12), rng.randint(1, 28)), "Sở Nhập Thử"]

    made = 0
    while made < EXISTING_ROWS:
        name, born, unit_name, unit_code = persons[made % len(persons)] if made < len(persons) else rng.choice(persons)
        count = min(2, EXISTING_ROWS - made)
        yield from award_rows(name, born, unit_name, unit_code, count)
        made += count
    units = sorted({(p[2], p[3]) for p in persons})
    for index in range(NEW_PERSONS):
        unit_name, unit_code = units[index % len(units)]
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {rng.choice(GIVEN)}"
        born = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(35 * 365))
        yield from award_rows(name, born, unit_name, unit_code, (ROWS - EXISTING_ROWS) // NEW_PERSONS)


def generate() -> None:
    """The spreadsheet, once (write-only: streamed to disk)."""
    import openpyxl

    if SHEET.exists():
        return
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Khen thưởng")
    sheet.append(["DANH SÁCH KHEN THƯỞNG CÁC NĂM (số liệu thử nghiệm)"])
    sheet.append(HEADER)
    count = 0
    for row in _rows(random.Random(2)):
        sheet.append(row)
        count += 1
    assert count == ROWS, count
    book.save(SHEET)
    _add_dimension(SHEET, f"A1:{chr(ord('A') + len(HEADER) - 1)}{ROWS + 2}")


def _add_dimension(path: Path, ref: str) -> None:
    """Write the <dimension> element Excel and LibreOffice put in every sheet (openpyxl's write-only mode
    leaves it out, and a reader then scans the whole sheet once more to size it)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "xl/worksheets/sheet1.xml" and b"<dimension" not in data:
                data = re.sub(rb"(<sheetViews|<sheetFormatPr|<cols|<sheetData)", f'<dimension ref="{ref}"/>'.encode()
                              + rb"\1", data, count=1)
            target.writestr(info, data)


def clean() -> None:
    """Remove what a previous measurement imported."""
    from django.db import transaction

    from tdkt.awards.imports.models import ImportBatch, ImportMapping
    from tdkt.awards.models import AwardRecord
    from tdkt.people.models import Person

    with transaction.atomic():
        AwardRecord.objects.filter(person__unit__code__startswith=PREFIX).delete()
        ImportBatch.objects.all().delete()
        ImportMapping.objects.all().delete()
        keep = list(Person.objects.filter(unit__code__startswith=PREFIX).order_by("pk")
                    .values_list("pk", flat=True)[:PERSONS])
        if keep:
            Person.objects.filter(unit__code__startswith=PREFIX, pk__gt=keep[-1]).delete()


def measure() -> None:
    """The timed part, in its own process."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership
    from tdkt.awards.imports import services
    from tdkt.orgs.models import Unit

    user, created = get_user_model().objects.get_or_create(username="bench-importer")
    root = Unit.objects.get(code=f"{PREFIX}UBND")
    if created:
        Membership.objects.create(user=user, role=Role.PROVINCE_SPECIALIST, unit=root)
    data = SHEET.read_bytes()
    executed = []

    def count(execute, sql, params, many, context):  # counts statements without keeping their text
        executed.append(1)
        return execute(sql, params, many, context)

    connection.execute_wrappers.append(count)
    phases = {}
    started = time.perf_counter()
    batch = services.create_batch(by=user, kind="awards", unit=root, uploaded=SimpleUploadedFile(SHEET.name, data),
                                  field_label="Tệp")
    phases["upload"] = time.perf_counter() - started
    batch = services.map_columns(batch, batch.mapping, by=user)
    batch.refresh_from_db()
    phases["validate"] = time.perf_counter() - started - phases["upload"]
    counts_checked = dict(batch.counts)
    batch = services.start_commit(batch, by=user)
    batch.refresh_from_db()
    total = time.perf_counter() - started
    phases["commit"] = total - phases["upload"] - phases["validate"]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": total, "peak_mb": peak_mb, "status": batch.status, "error": batch.error,
                      "checked": counts_checked, "committed": batch.counts, "phases": phases,
                      "queries": len(executed), "file_mb": len(data) / 1048576}))


def main() -> None:
    if "--measure" in sys.argv:
        setup_django()
        measure()
        return
    setup_django()
    from django.db import connection

    seed()
    generate()
    samples, result = [], {}
    for _run in range(2):
        clean()
        child = subprocess.run([sys.executable, __file__, "--measure"], env=dict(os.environ), capture_output=True,
                               text=True, check=False)
        if child.returncode != 0:
            raise SystemExit(child.stderr[-3000:])
        result = json.loads(child.stdout.strip().splitlines()[-1])
        if result["status"] != "committed":
            raise SystemExit(f"import did not commit: {result}")
        samples.append(result["seconds"] * 1000)
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in result["phases"].items())
    emit("history_import", connection.vendor, samples, TARGET_S * 1000,
         dataset=f"{ROWS:,} rows ({result['file_mb']:.1f} MB .xlsx), {PERSONS:,} persons".replace(",", "."),
         peak_mb=round(result["peak_mb"]), memory_target_mb=TARGET_MB,
         memory_how="peak RSS of the import process (ru_maxrss)",
         detail=f"{phases}; {result['queries']} queries; checked {result['checked']}; committed {result['committed']}")


if __name__ == "__main__":
    main()
