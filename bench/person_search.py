"""Person search on the seeded 1,000,000-person province: diacritic-insensitive contains-match, first page.

Run by bench/run.py in a child process with DATABASE_URL set; prints JSON lines.
The query is the one the person list page runs:
    Person.objects.filter(name_folded__contains=fold(q)).order_by("name_folded", "id")[:50]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, setup_django, timed_ms  # noqa: E402

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


def main() -> None:
    setup_django()
    from django.db import connection

    from tdkt.lib.vntext import fold
    from tdkt.people.models import Person

    vendor = connection.vendor
    total = Person.objects.count()
    target = TARGETS_MS.get(vendor, 150.0)
    dataset = f"{total:,} persons".replace(",", ".")

    def page(q, related=False):
        queryset = Person.objects.filter(name_folded__contains=fold(q)).order_by("name_folded", "id")
        if related:
            queryset = queryset.select_related("unit")
        return list(queryset[:50])

    for related, name in ((False, "person_search"), (True, "person_search+unit")):
        samples = []
        per_query = {}
        for q in QUERIES:
            page(q, related)  # warm the cache the same way for every query
            runs = [timed_ms(lambda q=q, related=related: page(q, related)) for _ in range(RUNS_PER_QUERY)]
            samples.extend(runs)
            per_query[q] = sorted(runs)[len(runs) // 2]
        slowest = max(per_query, key=per_query.get)
        emit(name, vendor, samples, target, dataset=dataset,
             slowest=f"slowest query {slowest!r}: {per_query[slowest]:.1f} ms")


if __name__ == "__main__":
    main()
