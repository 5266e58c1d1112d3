"""Unit tree page (`orgs:tree`, /units/) on a synthetic province of N units: server time and query count.

Run by bench/run.py in a child process with DATABASE_URL set (a dedicated, migrated database);
usage: unit_tree.py N. Prints JSON lines. The tree is realistic: People's Committee → departments →
divisions; People's Committee → communes → schools and other commune units.
"""

import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, setup_django, timed_ms  # noqa: E402

TARGET_MS = 100.0
RUNS = 20
CODE_PREFIX = "BT-"


def shape(n: int) -> tuple[int, int, int, int]:
    """(departments, divisions per department, communes, units per commune) giving exactly n units."""
    departments = max(1, round(n * 49 / 2000))
    per_department = 6
    rest = n - 1 - departments * (1 + per_department)
    per_commune = 5
    communes = rest // (1 + per_commune)
    return departments, per_department, communes, per_commune


def build(n: int) -> int:
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit

    existing = Unit.objects.filter(code__startswith=CODE_PREFIX).count()
    if existing == n:
        return existing
    if existing:
        raise SystemExit(f"bench database holds {existing} tree units, expected {n}: delete it and run again")
    on = datetime.date(2025, 7, 1)
    departments, per_department, communes, per_commune = shape(n)
    root = Unit.objects.create(code=f"{CODE_PREFIX}UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                               kind=UnitKind.PEOPLES_COMMITTEE, established_on=on)
    level1 = [Unit(code=f"{CODE_PREFIX}S{i:03d}", name=f"Sở số {i:03d}", kind=UnitKind.DEPARTMENT, parent=root,
                   established_on=on) for i in range(1, departments + 1)]
    level1 += [Unit(code=f"{CODE_PREFIX}X{i:04d}", name=f"Xã Thử Nghiệm {i:04d}", kind=UnitKind.COMMUNE, parent=root,
                    admin_code=f"9{i:04d}", established_on=on, is_remote=i % 4 == 0,
                    is_ethnic_minority_area=i % 3 == 0) for i in range(1, communes + 1)]
    Unit.objects.bulk_create(level1)
    level2 = []
    for unit in level1:
        if unit.kind == UnitKind.DEPARTMENT:
            level2 += [Unit(code=f"{unit.code}-P{j}", name=f"Phòng {j} – {unit.name}", kind=UnitKind.SUBDIVISION,
                            parent=unit, established_on=on) for j in range(1, per_department + 1)]
        else:
            level2 += [Unit(code=f"{unit.code}-T{j}", name=f"Trường số {j} {unit.name[4:]}", kind=UnitKind.SCHOOL,
                            parent=unit, established_on=on) for j in range(1, per_commune + 1)]
    # Pad to exactly n with more schools under the first communes.
    total = 1 + len(level1) + len(level2)
    communes_list = [u for u in level1 if u.kind == UnitKind.COMMUNE]
    for k in range(n - total):
        parent = communes_list[k % len(communes_list)]
        level2.append(Unit(code=f"{parent.code}-E{k}", name=f"Trường bổ sung {k}", kind=UnitKind.SCHOOL,
                           parent=parent, established_on=on))
    Unit.objects.bulk_create(level2, batch_size=500)
    return Unit.objects.filter(code__startswith=CODE_PREFIX).count()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import NoReverseMatch, reverse

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.orgs.models import Unit

    setup_test_environment()
    # Plain static URLs: the timing is about the view, not about the hashed-name manifest of collectstatic.
    from django.test.utils import override_settings

    override_settings(STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }).enable()
    count = build(n)
    user, created = User.objects.get_or_create(username="bench.chuyenvien", defaults={"full_name": "Chuyên viên Bench"})
    if created:
        Membership.objects.create(user=user, role=Role.PROVINCE_SPECIALIST, unit=Unit.objects.get(code=f"{CODE_PREFIX}UBND"))
    try:
        url = reverse("orgs:tree")
    except NoReverseMatch:
        print("unit tree view orgs:tree does not exist yet: skipped")
        return
    client = Client()
    client.force_login(user)
    response = client.get(url)  # warm-up: templates compiled, caches filled
    if response.status_code != 200:
        print(f"GET {url} answered {response.status_code}: skipped")
        return
    if "Thử Nghiệm 0001".encode() not in response.content:
        print("warning: the page does not seem to list the synthetic units")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # now: the log is reset by the next requests
    samples = [timed_ms(lambda: client.get(url)) for _ in range(RUNS)]
    emit("unit_tree", connection.vendor, samples, TARGET_MS, queries=queries,
         dataset=f"{count} units", page_kib=round(len(response.content) / 1024))


if __name__ == "__main__":
    main()
