"""Searching the initiatives register (issue 20): the list page `/initiatives/` as the standing body's
specialist sees it, over 50,000 initiatives and research works. Target: ≤ 150 ms per search (p90) on
PostgreSQL; SQLite printed beside it. Timed through the whole request (middleware, scope, template), for
four searches a user makes: an author's name typed without diacritics, a word of a title with a unit, a
scope and year, and no filter (the newest page). The query count must not change between them.

Data (built once with bulk_create, reused): 50,000 works of 100 units, each with one to three authors among
5,000 persons (two shares of 60/40 or one of 100), a third of them recognised at a scope with a year.
INITIATIVES_BENCH_SCALE scales the number of works for a try (e.g. 0.02 for 1,000).

Run alone: `.venv/bin/python bench/bench_initiatives.py` — on DATABASE_URL when set, else on a SQLite file
under var/bench/. The parent migrates, a child (`--child`) builds the data and times."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    emit,
    manage,
    plain_static,
    report_line,
    run_child,
    setup_django,
    signed_in_client,
    sqlite_url,
    time_requests,
)

TARGET_MS = 150.0
RUNS = 5
SCALE = float(os.environ.get("INITIATIVES_BENCH_SCALE", "1"))
WORKS = max(100, int(50_000 * SCALE))
UNITS = 100
PEOPLE = 5_000
CODE_PREFIX = "SK-"
FIELDS = ["Y tế", "Giáo dục", "Nông nghiệp", "Hành chính", "Giao thông", "Tài chính", "Văn hóa", "Môi trường"]
WORDS = ["Ứng dụng", "Cải tiến", "Số hóa", "Quy trình", "Giải pháp", "Nâng cao", "Quản lý", "Đổi mới"]
OBJECTS = ["hồ sơ bệnh án", "tiếp nhận hồ sơ", "giảng dạy trực tuyến", "tưới tiêu tiết kiệm", "thu ngân sách",
           "bảo tồn di sản", "xử lý rác thải", "điều phối giao thông", "quản lý văn bản", "chăm sóc người cao tuổi"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Giàng"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thị Hoa", "Văn Hùng", "Thu Hương", "Đức Long", "A Páo",
         "Thị Mai"]


def build():
    """The specialist user and a unit id (data built when missing)."""
    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.initiatives.models import Author, Work
    from tdkt.lib.vntext import fold
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    user = User.objects.filter(username="bench.initiatives").first()
    if user is not None:
        have = Work.objects.filter(unit__code__startswith=CODE_PREFIX).count()
        if have != WORKS:
            raise SystemExit(f"bench data holds {have} works, expected {WORKS}: delete the bench database")
        return user, Unit.objects.filter(code=f"{CODE_PREFIX}007").values_list("pk", flat=True).get()
    import datetime

    on = datetime.date(2020, 1, 1)
    root = Unit.objects.create(code=f"{CODE_PREFIX}UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                               kind=UnitKind.PEOPLES_COMMITTEE, established_on=on)
    Unit.objects.bulk_create([Unit(code=f"{CODE_PREFIX}{i:03d}", name=f"Sở thử nghiệm số {i:03d}",
                                   kind=UnitKind.DEPARTMENT, parent=root, established_on=on) for i in range(UNITS)])
    units = list(Unit.objects.filter(code__startswith=CODE_PREFIX).exclude(pk=root.pk).order_by("code"))
    names = [f"{SURNAMES[i % 10]} {GIVEN[(i // 10) % 10]} {i:04d}" for i in range(PEOPLE)]
    Person.objects.bulk_create([Person(full_name=name, name_folded=fold(name), unit=units[i % UNITS],
                                       category="civil_servant", birth_year=1970 + i % 30)
                                for i, name in enumerate(names)], batch_size=1000)
    people = list(Person.objects.filter(unit__in=units).order_by("id").values_list("id", "full_name"))
    works, author_rows = [], []
    for i in range(WORKS):
        unit = units[i % UNITS]
        title = f"{WORDS[i % 8]} {OBJECTS[(i // 8) % 10]} tại đơn vị, đợt {i}"
        field = FIELDS[i % 8]
        authors = [people[(i * 7 + k * 13) % PEOPLE] for k in range(1 + i % 2)]
        recognised = i % 3 == 0
        works.append(Work(
            kind="initiative" if i % 5 else "research_topic", title=title, field=field, unit=unit,
            state="recognised" if recognised else "registered", scope=["CO_SO", "TINH", "TOAN_QUOC"][(i // 3) % 3]
            if recognised else "", year=2018 + i % 8 if recognised else None,
            search_text=fold(" ".join([title, *(name for _pk, name in authors), unit.name, field]))))
        author_rows.append(authors)
    Work.objects.bulk_create(works, batch_size=2000)
    ids = list(Work.objects.filter(unit__in=units).order_by("id").values_list("id", flat=True))
    Author.objects.bulk_create([
        Author(work_id=work_id, person_id=pk, share=(100 if len(authors) == 1 else (60, 40)[k]), position=k)
        for work_id, authors in zip(ids, author_rows, strict=True) for k, (pk, _name) in enumerate(authors)],
        batch_size=5000)
    user = User.objects.create_user("bench.initiatives", password="x-Bench-2026-x")
    Membership.objects.create(user=user, role=Role.PROVINCE_SPECIALIST, unit=root)
    return user, units[7].pk


def child() -> None:
    setup_django()
    plain_static()
    from django.db import connection

    user, unit_id = build()
    client = signed_in_client(user)
    searches = {
        "author": "?q=nguyen+van+an",
        "title_unit": f"?q=so+hoa&unit={unit_id}",
        "scope_year": "?scope=TINH&year=2024",
        "newest": "",
    }
    samples, counts = [], []
    for query in searches.values():
        times, queries, _response = time_requests(client, "/initiatives/" + query, RUNS)
        samples += times
        counts += queries
    emit("initiatives_register_search", connection.vendor, samples, TARGET_MS,
         queries=f"{min(counts)}–{max(counts)}",
         dataset=f"{WORKS:,} works of {UNITS} units, {PEOPLE:,} authors; searches: {', '.join(searches)}")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url(
        "initiatives.sqlite3" if SCALE == 1 else f"initiatives-{SCALE:g}.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_initiatives.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
