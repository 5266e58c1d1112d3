"""The query plans behind the load test's heaviest reads, on its dataset (docs/scaling.md quotes them).

`DATABASE_URL=postgres://…/tdkt_bench_load .venv/bin/python bench/load_explain.py` (after bench/load.py built the
dataset): as a load-test specialist, requests the person search (`/people/?q=…`), a person's page (their award
history) and the award history search (`/reports/history/?name=…`) through Django's test Client, captures their
SQL, and prints EXPLAIN (ANALYZE, BUFFERS) of each query that reads people_person or awards_awardrecord.
Read-only; nothing is timed against a target.
"""

import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import plain_static, setup_django  # noqa: E402

TABLES = ("people_person", "awards_awardrecord")


def main() -> None:
    setup_django()
    plain_static()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tdkt.accounts.models import User
    from tdkt.awards.models import AwardRecord

    user = User.objects.get(username="tai.chuyenvien.00")
    client = Client()
    client.force_login(user)
    # A person with a long history: the most awarded.
    person_id = (AwardRecord.objects.filter(person__isnull=False).values("person_id")
                 .order_by().annotate(n=Count("id"))
                 .order_by("-n").values_list("person_id", flat=True).first())
    pages = [("person search, 'nguyen van an'", f"{reverse('people:list')}?{urlencode({'q': 'nguyen van an'})}"),
             ("person search, 'qwerty' (no match)", f"{reverse('people:list')}?{urlencode({'q': 'qwerty'})}"),
             ("person page (award history)", reverse("people:detail", args=[person_id])),
             ("award history search, name 'nguyen van an'",
              f"{reverse('reports:history')}?{urlencode({'name': 'nguyen van an'})}")]
    for label, url in pages:
        client.get(url)  # warm: the plans below are of a warm cache, as under load
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        print(f"## {label}: GET {url} → {response.status_code}, {len(captured.captured_queries)} queries")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not any(table in sql for table in TABLES) or not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"\n-- {sql[:600]}{'…' if len(sql) > 600 else ''}\n{plan}\n")


if __name__ == "__main__":
    main()
