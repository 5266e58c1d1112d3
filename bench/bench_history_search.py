"""The award history search's first page (tra cứu khen thưởng, issue 18 item 5) with any combination of filters:
30 fixed combinations (names typed without diacritics and reordered, a unit with its sub-units, the statistical
group, gender, ethnic minority, area flags, level, method, period, decision number, issuing authority, and
mixes of them), each requested as the province specialist (the whole province) and as a unit clerk (a
department, its two divisions). Target: every combination's first page ≤ 200 ms (judge: the slowest
combination's p90) on PostgreSQL; SQLite printed beside it. The query count per page is reported (it does not
depend on the filters' selectivity).

Data: the reports benchmarks' shared dataset (bench/reports_seed.py: 1,000,000 award records, 100,000 persons,
20,000 households, 486 units), built once in the database "reports"; REPORTS_BENCH_SCALE scales it for a try.

Run alone: `.venv/bin/python bench/bench_history_search.py` — on DATABASE_URL when set, else on a SQLite file
under var/bench/. The parent migrates, a child (`--child`) builds the data and times (the whole request through
Django's test Client, body read)."""

import os
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
    time_requests,
)

TARGET_MS = 200.0
RUNS = 3
CLERK_UNIT = "RP-S00"  # a department with two divisions

# The combinations (the query string of the search page). "@unit" is the clerk's department, "@type" the
# Bằng khen of the province's chairman.
COMBINATIONS = [
    {},
    {"name": "nguyen van an"},
    {"name": "an nguyen van"},
    {"name": "Nguyễn Thị Lan"},
    {"name": "lo van"},
    {"name": "hung"},
    {"name": "qwerty"},
    {"level": "state"},
    {"level": "province", "year": "2024"},
    {"award_type": "@type"},
    {"basis": "adhoc"},
    {"basis": "resistance"},
    {"group": "unclassified"},
    {"group": "business", "gender": "female"},
    {"gender": "female", "minority": "on"},
    {"areas": ["remote", "border"]},
    {"areas": ["difficult"], "recipient": "household"},
    {"recipient": "enterprise"},
    {"unit": "@unit"},
    {"unit": "@unit", "name": "tran thi"},
    {"date_from": "01/12/2023", "date_to": "30/11/2024"},
    {"decision_date": "15/03/2022"},
    {"decision_number": "125/qd-ubnd"},
    {"issuer": "chu tich ubnd"},
    {"issuer": "khong co co quan nay"},
    {"year": "2019", "name": "pham minh"},
    {"source": "imported"},
    {"ethnicity": "Tày", "level": "grassroots"},
    {"name": "son le duc", "group": "manager", "level": "grassroots"},
    {"unit": "@unit", "gender": "male", "basis": "thematic", "date_from": "01/01/2020"},
]


def _query(combination: dict, unit_id: int, type_id: int) -> str:
    from urllib.parse import urlencode

    pairs = []
    for key, value in combination.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, {"@unit": unit_id, "@type": type_id}.get(item, item)))
    return urlencode(pairs)


def _users():
    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.orgs.models import Unit

    province = Unit.objects.get(code="RP-TINH")
    department = Unit.objects.get(code=CLERK_UNIT)
    users = {}
    for username, role, unit in (("bench-history-specialist", Role.PROVINCE_SPECIALIST, province),
                                 ("bench-history-clerk", Role.UNIT_CLERK, department)):
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": username})
        if created:
            Membership.objects.create(user=user, role=role, unit=unit)
        users[username.rsplit("-", 1)[1]] = user
    return users, department


def child() -> None:
    setup_django()
    plain_static()
    import reports_seed
    from django.db import connection
    from django.urls import reverse

    from tdkt.awards.models import AwardType

    reports_seed.build()
    with connection.cursor() as cursor:  # planner statistics and the visibility map, as autovacuum keeps them
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    users, department = _users()
    type_id = AwardType.objects.get(code="BK_TINH").pk
    url = reverse("reports:history")
    for persona, user in users.items():
        client = signed_in_client(user)
        worst, all_queries, slowest = [0.0], [], []
        for combination in COMBINATIONS:
            query = _query(combination, department.pk, type_id)
            samples, queries, response = time_requests(client, f"{url}?{query}", RUNS)
            if response.context is not None and response.context.get("page") is None:
                raise SystemExit(f"the search refused {query}: {response.context['form'].errors}")
            all_queries += queries
            if max(samples) > max(worst):
                worst = samples
            slowest.append((max(samples), query or "(no filter)"))
        slowest.sort(reverse=True)
        emit(f"history_search_first_page_{persona}", connection.vendor, worst, TARGET_MS,
             queries=query_figure(all_queries),
             dataset=f"{reports_seed.dataset_text()}; {len(COMBINATIONS)} filter combinations, the slowest's "
                     f"samples; slowest three: " + ", ".join(f"{q} {ms:.0f} ms" for ms, q in slowest[:3]))


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    scale = os.environ.get("REPORTS_BENCH_SCALE", "1")
    # A scaled-down try gets its own file: the seed reuses whatever dataset it finds.
    url = os.environ.get("DATABASE_URL") or sqlite_url("reports.sqlite3" if float(scale) == 1 else
                                                       f"reports-scale-{scale}.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_history_search.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
