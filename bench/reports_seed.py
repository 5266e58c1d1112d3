"""The provincial dataset the reports benchmarks (issue 18) share: built once in the database "reports" with
bulk_create, reused by bench_stats_forms.py, bench_history_search.py, bench_reports_dashboard.py and
bench_work_report.py (each calls `build()` in its child process after setup_django()).

- 486 units (code prefix "RP-"): the provincial People's Committee, 30 departments with 2 divisions each,
  120 communes (a third remote, some border, especially difficult or ethnic-minority areas), 40 enterprises,
  235 schools and public service units;
- 100,000 persons: half women, one in five of an ethnic minority, seven in ten with a confirmed statistical
  group (the rest "chưa phân loại"), positions from the person-group suggestion's vocabulary;
- 20,000 households (communes only);
- 1,000,000 award records over the statistical years 2017–2026 (decision dates 01/12/2016–30/11/2026):
  7 in 10 to individuals, 2 to collectives (enterprises flagged), 1 to households; State, ministry/province
  and grassroots titles and forms from the national catalogue; the seven methods; the group frozen on the
  record for 6 in 10 individual records;
- 200 movements of every launch level, kind and duration; 40 TĐKT organisations and 400 TĐKT civil servants.

`SIZES` scales it down for a quick try: `REPORTS_BENCH_SCALE=0.01` builds 1 % (the figures are then not the
targets' dataset and say so)."""

from __future__ import annotations

import datetime
import os
import random

CODE_PREFIX = "RP-"
SCALE = float(os.environ.get("REPORTS_BENCH_SCALE", "1"))
SIZES = {"persons": round(100_000 * SCALE), "households": round(20_000 * SCALE),
         "records": round(1_000_000 * SCALE), "movements": 200, "offices": 40, "staff": 400}
FIRST_DAY = datetime.date(2016, 12, 1)
LAST_DAY = datetime.date(2026, 11, 30)
BATCH = 5_000

POSITIONS = [  # (position, suggested group); the person's confirmed group is usually the suggestion
    ("Chủ tịch UBND tỉnh", "province_leader"), ("Giám đốc Sở", "department_leader"),
    ("Phó Giám đốc Sở", "department_leader"), ("Giám đốc công ty", "business"),
    ("Trưởng phòng", "manager"), ("Phó Trưởng phòng", "manager"), ("Hiệu trưởng", "manager"),
    ("Chuyên viên", "direct_worker"), ("Giáo viên", "direct_worker"), ("Công nhân", "direct_worker"),
    ("Nông dân", "direct_worker"), ("Bác sĩ", "direct_worker"), ("Nhân viên", "direct_worker"),
]
POSITION_WEIGHTS = [1, 4, 6, 6, 30, 40, 20, 300, 250, 120, 120, 60, 100]
ETHNICITIES = ["Kinh"] * 8 + ["Tày", "H'Mông"]
BASES = ["merit", "thematic", "adhoc", "foreign", "dedication", "seniority", "resistance"]
BASIS_WEIGHTS = [70, 15, 8, 1, 3, 2, 1]


def dataset_text() -> str:
    return (f"{SIZES['records']:,} award records, {SIZES['persons']:,} persons, 486 units".replace(",", ".")
            + ("" if SCALE == 1 else f" (REPORTS_BENCH_SCALE={SCALE:g})"))


def build() -> dict:
    """Build the dataset when missing; returns {"units", "province_unit_id", "persons", "records"}."""
    from tdkt.awards.models import AwardRecord
    from tdkt.orgs.models import Unit

    province = Unit.objects.filter(code=f"{CODE_PREFIX}TINH").first()
    if province is None or AwardRecord.objects.filter(person__unit__code__startswith=CODE_PREFIX).count() == 0:
        province = _build()
    return {"province_unit_id": province.pk, "units": Unit.objects.filter(code__startswith=CODE_PREFIX).count(),
            "records": AwardRecord.objects.count()}


def _build():
    from django.db import transaction

    rng = random.Random(18)
    with transaction.atomic():
        province, units = _units(rng)
        persons = _persons(rng, units)
        households = _households(rng, units)
        _movements(rng, province, units)
        _staff(rng, province, units, persons)
    _records(rng, units, persons, households)
    return province


def _units(rng):
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit

    established = datetime.date(2000, 1, 1)
    province = Unit.objects.create(code=f"{CODE_PREFIX}TINH", name="Ủy ban nhân dân tỉnh (thử nghiệm báo cáo)",
                                   kind=UnitKind.PEOPLES_COMMITTEE, established_on=established)
    rows = []
    for i in range(30):
        rows.append(Unit(code=f"{CODE_PREFIX}S{i:02d}", name=f"Sở thử nghiệm {i:02d}", kind=UnitKind.DEPARTMENT,
                         parent=province, established_on=established))
    for i in range(120):
        rows.append(Unit(code=f"{CODE_PREFIX}X{i:03d}", name=f"Xã thử nghiệm {i:03d}", kind=UnitKind.COMMUNE,
                         parent=province, established_on=established, is_remote=i % 3 == 0, is_border=i % 10 == 0,
                         is_especially_difficult=i % 7 == 0, is_ethnic_minority_area=i % 4 == 0))
    for i in range(40):
        rows.append(Unit(code=f"{CODE_PREFIX}D{i:02d}", name=f"Công ty thử nghiệm {i:02d}", kind=UnitKind.ENTERPRISE,
                         parent=province, established_on=established))
    for i in range(235):
        kind = UnitKind.SCHOOL if i % 2 else UnitKind.PUBLIC_SERVICE
        rows.append(Unit(code=f"{CODE_PREFIX}T{i:03d}", name=f"Đơn vị sự nghiệp thử nghiệm {i:03d}", kind=kind,
                         parent=province, established_on=established))
    Unit.objects.bulk_create(rows)
    departments = list(Unit.objects.filter(code__startswith=f"{CODE_PREFIX}S").order_by("code"))
    Unit.objects.bulk_create([
        Unit(code=f"{dept.code}-P{j}", name=f"Phòng {j} thuộc {dept.name}", kind=UnitKind.SUBDIVISION, parent=dept,
             established_on=established)
        for dept in departments for j in (1, 2)])
    units = list(Unit.objects.filter(code__startswith=CODE_PREFIX).exclude(pk=province.pk).order_by("code"))
    return province, units


def _persons(rng, units):
    from tdkt.lib.vntext import fold
    from tdkt.people.models import Person

    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Lò", "Sùng", "Hà", "Nông"]
    middle = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc"]
    given = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Linh", "Mai", "Nam", "Sơn", "Thảo", "Vân"]
    batch = []
    for i in range(SIZES["persons"]):
        woman = i % 2 == 1
        name = f"{rng.choice(family)} {'Thị' if woman else rng.choice(middle)} {rng.choice(given)}"
        position, group = rng.choices(POSITIONS, POSITION_WEIGHTS)[0]
        batch.append(Person(full_name=name, name_folded=fold(name), gender="female" if woman else "male",
                            birth_year=1960 + i % 40, ethnicity=rng.choice(ETHNICITIES), position=position,
                            unit=units[i % len(units)], category="civil_servant",
                            statistical_group=group if rng.random() < 0.7 else ""))
        if len(batch) == BATCH:
            Person.objects.bulk_create(batch)
            batch = []
    Person.objects.bulk_create(batch)
    return list(Person.objects.filter(unit__code__startswith=CODE_PREFIX).order_by("id")
                .values_list("id", "unit_id", "statistical_group"))


def _households(rng, units):
    from tdkt.lib.vntext import fold
    from tdkt.people.models import Household

    communes = [unit for unit in units if unit.kind == "commune"]
    Household.objects.bulk_create([
        Household(head_name=f"Hộ ông Lò Văn {i}", name_folded=fold(f"Hộ ông Lò Văn {i}"), unit=communes[i % len(communes)])
        for i in range(SIZES["households"])], batch_size=BATCH)
    return list(Household.objects.filter(unit__code__startswith=CODE_PREFIX).values_list("id", flat=True))


def _movements(rng, province, units):
    from tdkt.movements.models import Movement

    rows = []
    for i in range(SIZES["movements"]):
        start = datetime.date(2017 + i % 10, 1 + i % 12, 1)
        years = [0, 1, 2, 4, 6, None][i % 6]
        end = None if years is None else (start + datetime.timedelta(days=max(180, 365 * years)) if years else
                                          start + datetime.timedelta(days=120))
        rows.append(Movement(name=f"Phong trào thử nghiệm {i:03d}", code=f"{CODE_PREFIX}M{i:03d}",
                             level=["national", "province", "unit"][i % 3], kind=["regular", "thematic", "campaign"][i % 3],
                             start_date=start, end_date=end, launching_unit=province if i % 3 else units[i % 50]))
    Movement.objects.bulk_create(rows)


def _staff(rng, province, units, persons):
    from tdkt.reports.models import TdktOffice, TdktStaffMember

    offices = TdktOffice.objects.bulk_create([
        TdktOffice(unit=units[i], name=f"Bộ phận TĐKT {i:02d}", established_on=datetime.date(2010, 1, 1),
                   structure=["home_affairs_board", "home_affairs_division", "ministry_department",
                              "ministry_division"][i % 4]) for i in range(SIZES["offices"])])
    TdktStaffMember.objects.bulk_create([
        TdktStaffMember(person_id=persons[i * 97][0], unit_id=persons[i * 97][1], office=offices[i % len(offices)],
                        training=["elementary", "intermediate", "college", "university", "postgraduate"][i % 5],
                        tdkt_work_since=datetime.date(2005 + i % 20, 1, 1), started_on=datetime.date(2005 + i % 20, 1, 1))
        for i in range(min(SIZES["staff"], len(persons) // 97))])


def _records(rng, units, persons, households):
    from django.db import transaction

    from tdkt.awards.models import AwardRecord, AwardType

    types = {level: {kind: list(AwardType.objects.filter(level=level, **{f"for_{kind}": True}).values_list("id", flat=True))
                     for kind in ("individual", "collective", "household")}
             for level in ("state", "province", "grassroots")}
    level_weights = {"state": 2, "province": 18, "grassroots": 80}
    days = (LAST_DAY - FIRST_DAY).days
    enterprise_ids = {unit.pk for unit in units if unit.kind == "enterprise"}
    collectives = [unit.pk for unit in units]
    batch = []
    for i in range(SIZES["records"]):
        decided = FIRST_DAY + datetime.timedelta(days=(i * 7919) % (days + 1))
        roll = i % 10
        kind = "individual" if roll < 7 else "collective" if roll < 9 else "household"
        level = rng.choices(list(level_weights), list(level_weights.values()))[0]
        choices = types[level][kind] or types["grassroots"][kind] or types["province"][kind]
        values = {"award_type_id": choices[i % len(choices)], "year": decided.year, "decision_date": decided,
                  "decision_number": f"{i // 100 + 1}/QĐ-UBND", "decision_issuer": "Chủ tịch UBND tỉnh",
                  "basis": rng.choices(BASES, BASIS_WEIGHTS)[0], "source": "issued_here"}
        if kind == "individual":
            person_id, _unit_id, group = persons[(i * 7919) % len(persons)]
            values.update(person_id=person_id, person_group=group if rng.random() < 0.6 else "")
        elif kind == "collective":
            unit_id = collectives[(i * 31) % len(collectives)]
            values.update(unit_id=unit_id, is_enterprise=unit_id in enterprise_ids)
        else:
            values.update(household_id=households[(i * 7919) % len(households)])
        batch.append(AwardRecord(**values))
        if len(batch) == BATCH:
            with transaction.atomic():
                AwardRecord.objects.bulk_create(batch)
            batch = []
    AwardRecord.objects.bulk_create(batch)
