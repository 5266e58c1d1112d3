"""Person search page on the seeded 1,000,000-person province: `/people/?q=…`, first page of 50.

Run by bench/run.py in a child process with DATABASE_URL set; prints JSON lines.
What a user gets: the whole GET through the middleware stack with Django's test Client, signed in, the body
read: the page's own queries (`people.queries.search_page`: the ids of the page first — merged duplicates
hidden, the reader's scope, order by folded name, one row more than the page for "next" — then those persons
with their unit for the Unit column), the session,
the user, the memberships, and the rendering. Two personas: the province specialist (reads every person;
the target) and the clerk of one commune (the scope filter on top).
Queries are counted for every timed request. Each query string: one warm-up request, then RUNS_PER_QUERY.
"""

import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, plain_static, query_figure, setup_django, signed_in_client, time_requests  # noqa: E402

TARGETS_MS = {"sqlite": 150.0, "postgresql": 50.0}
RUNS_PER_QUERY = 3

# Realistic queries typed into the search box: full names with and without diacritics, partial
# names, given names, ethnic-minority names, and names that match nothing (the worst case: no early stop).
QUERIES = (
    "Nguyễn Văn An", "nguyen van an", "van an", "Trần Thị Thu", "thi mai", "Hoàng Văn Thắng", "hoang van thang",
    "Giàng A Páo", "giang a pao", "Sùng Thị Mai", "vang seo su", "Lý Seo Chờ", "trieu van luu", "Bàn Thị Mây",
    "lo van pao", "Lê Minh", "pham thi", "Đỗ Đức", "dang", "huong", "nguyen thi thu ha", "thao mi", "nong van",
    "quach", "chu a", "tan van", "Vũ Thị Hằng", "phung", "xyz khong co", "qwerty",
)


def personas():
    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    root = Unit.objects.filter(parent__isnull=True).order_by("id").first()
    specialist, created = User.objects.get_or_create(username="bench.search.chuyenvien",
                                                     defaults={"full_name": "Chuyên viên Bench"})
    if created:
        Membership.objects.create(user=specialist, role=Role.PROVINCE_SPECIALIST, unit=root)
    clerk, created = User.objects.get_or_create(username="bench.search.vanthu", defaults={"full_name": "Văn thư Bench"})
    if created:
        unit_id = Person.objects.order_by("id").values_list("unit_id", flat=True).first()
        Membership.objects.create(user=clerk, role=Role.UNIT_CLERK, unit_id=unit_id)
    return (("person_search_page", specialist), ("person_search_page_unit_clerk", clerk))


def main() -> None:
    setup_django()
    from django.db import connection
    from django.urls import reverse

    from tdkt.people.models import Person

    plain_static()
    vendor = connection.vendor
    total = Person.objects.count()
    target = TARGETS_MS.get(vendor, 150.0)
    base = reverse("people:list")
    for name, user in personas():
        client = signed_in_client(user)
        samples, queries, per_query = [], [], {}
        for q in QUERIES:
            runs, counts, response = time_requests(client, f"{base}?{urlencode({'q': q})}", RUNS_PER_QUERY)
            samples.extend(runs)
            queries.extend(counts)
            per_query[q] = sorted(runs)[len(runs) // 2]
        slowest = sorted(per_query, key=per_query.get, reverse=True)[:3]
        emit(name, vendor, samples, target, queries=query_figure(queries), per_request=True,
             dataset=f"GET {base}?q=…, {len(QUERIES)} search strings, {f'{total:,}'.replace(',', '.')} persons",
             slowest="slowest: " + ", ".join(f"{q!r} {per_query[q]:.1f} ms" for q in slowest))


if __name__ == "__main__":
    main()
