"""Registered vs proposed vs awarded at year end (issue 20 item 4): the whole comparison page
(/movements/registrations/compare/) for the standing body over 500 units, with the named lines and the
early warnings (the eligibility engine run for every person registered for CSTĐ cơ sở). Target: ≤ 1 s
(p90); the query count is taken for 50 units and for 500 to show that it does not grow.

Data (built once with bulk_create, reused): 500 units, each with 10 persons; a signed year-round
registration per unit naming its 10 persons (8 × Lao động tiên tiến, 2 × Chiến sĩ thi đua cơ sở) and its
numbers per title; a dossier per unit proposing 5 of them; an award record for 4 of them.
BENCH_REG_UNITS sets a smaller number of units for a quick try.

Run alone: `.venv/bin/python bench/bench_registrations.py` — on DATABASE_URL when set, else on a SQLite
file under var/bench/. The parent migrates, a child (`--child`) builds the data and times."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, plain_static, report_line, run_child, setup_django, sqlite_url, time_requests  # noqa: E402

TARGET_MS = 1000.0
RUNS = 3
UNITS = int(os.environ.get("BENCH_REG_UNITS", "500"))
PEOPLE_PER_UNIT = 10
YEAR = 2026
CODE_PREFIX = "BR-"


def build():
    """(the specialist, the units' ids), the data built when missing."""
    import datetime

    from django.utils import timezone

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.awards.models import AwardRecord, AwardType
    from tdkt.dossiers.models import Dossier, Nomination
    from tdkt.lib.vntext import fold
    from tdkt.movements.models import Registration, RegistrationItem
    from tdkt.movements.models_registrations import RegistrationEntry
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    specialist = User.objects.filter(username="bench.registrations").first()
    if specialist is not None:
        units = list(Unit.objects.filter(code__startswith=f"{CODE_PREFIX}0").values_list("id", flat=True))
        if len(units) != UNITS:
            raise SystemExit(f"bench data holds {len(units)} units, expected {UNITS}: delete the bench database")
        return specialist, units
    on = datetime.date(2020, 1, 1)
    root = Unit.objects.create(code=f"{CODE_PREFIX}UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                               kind=UnitKind.PEOPLES_COMMITTEE, established_on=on)
    specialist = User.objects.create_user(username="bench.registrations", password="x")
    Membership.objects.create(user=specialist, role=Role.PROVINCE_SPECIALIST, unit=root)
    Unit.objects.bulk_create([Unit(code=f"{CODE_PREFIX}{i:04d}", name=f"Đơn vị thử nghiệm số {i:04d}",
                                   kind=UnitKind.DEPARTMENT, parent=root, established_on=on) for i in range(UNITS)])
    units = list(Unit.objects.filter(code__startswith=f"{CODE_PREFIX}0").order_by("code"))
    Person.objects.bulk_create([
        Person(full_name=f"Trần Văn Thử {u.code} {k}", name_folded=fold(f"Trần Văn Thử {u.code} {k}"), unit=u,
               category="civil_servant", birth_year=1980 + k) for u in units for k in range(PEOPLE_PER_UNIT)],
        batch_size=2000)
    people: dict[int, list[int]] = {}
    for pk, unit_id in Person.objects.filter(unit__in=units).order_by("id").values_list("id", "unit_id"):
        people.setdefault(unit_id, []).append(pk)
    ldtt, cstd = AwardType.objects.get(code="LDTT"), AwardType.objects.get(code="CSTD_CS")
    now = timezone.now()
    Registration.objects.bulk_create([
        Registration(unit=u, year=YEAR, state="signed", submitted_at=now, signed_at=now) for u in units],
        batch_size=1000)
    registrations = dict(Registration.objects.filter(unit__in=units, year=YEAR).values_list("unit_id", "id"))
    RegistrationEntry.objects.bulk_create([
        RegistrationEntry(registration_id=registrations[u.pk], person_id=pk, award_type=cstd if k < 2 else ldtt,
                          position=k) for u in units for k, pk in enumerate(people[u.pk])], batch_size=5000)
    RegistrationItem.objects.bulk_create([
        RegistrationItem(registration_id=registrations[u.pk], award_type=award, count=count)
        for u in units for award, count in ((cstd, 2), (ldtt, PEOPLE_PER_UNIT - 2))], batch_size=5000)
    Dossier.objects.bulk_create([Dossier(unit=u, title="Hồ sơ đề nghị khen thưởng cuối năm", year=YEAR)
                                 for u in units], batch_size=1000)
    dossiers = dict(Dossier.objects.filter(unit__in=units, year=YEAR).values_list("unit_id", "id"))
    Nomination.objects.bulk_create([
        Nomination(dossier_id=dossiers[u.pk], position=k + 1, person_id=pk, proposed_award_type=ldtt,
                   award_type=ldtt) for u in units for k, pk in enumerate(people[u.pk][2:7])], batch_size=5000)
    AwardRecord.objects.bulk_create([
        AwardRecord(person_id=pk, award_type=ldtt, year=YEAR, decision_number="1/QĐ-UBND")
        for u in units for pk in people[u.pk][2:6]], batch_size=5000)
    return specialist, [u.pk for u in units]


def child() -> None:
    setup_django()
    plain_static()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    specialist, units = build()
    client = Client()
    client.force_login(specialist)
    url = f"{reverse('movements:comparison')}?year={YEAR}"
    small_units = units[: max(1, len(units) // 10)]
    _s, small_queries, _r = time_requests(client, f"{url}&unit={small_units[0]}", 1)
    samples, queries, response = time_requests(client, url, RUNS)
    named = response.context["named"] if response.context else None
    emit("registered_vs_awarded_page", connection.vendor, samples, TARGET_MS,
         queries=f"{min(small_queries)}–{max(queries)}", page_kib=round(response.body_bytes / 1024, 1),
         dataset=f"{len(units)} units, {len(units) * PEOPLE_PER_UNIT} persons registered by name "
                 f"({len(units) * 2} checked for CSTĐ cơ sở); queries for one unit / all: "
                 f"{min(small_queries)} / {max(queries)}" + (f"; {len(named)} named lines" if named else ""))


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url(f"registrations{'' if UNITS == 500 else UNITS}.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_registrations.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
