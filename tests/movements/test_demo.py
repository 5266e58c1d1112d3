"""The demo province gets a provincial movement with milestones, registrations of the home group's members and
that group's covenant; its hook deletes and reloads them (`seed_demo --reset` recreates the database instead)."""

from io import StringIO

import pytest
from django.core.management import call_command

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.movements import demo
from tdkt.movements.models import Covenant, Movement, Registration


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **({"persons": 100, "seed": "3", "year": 2026} | options))
    return out.getvalue()


@pytest.mark.django_db
def test_demo_movement_registrations_and_covenant():
    output = seed()
    movement = Movement.objects.get(code="DEMO-TD-2026")
    assert [m.kind for m in movement.milestones.all()] == ["launch", "midterm_review", "final_review"]
    head = Membership.objects.get(user__username="truongcum", role=Role.GROUP_HEAD)
    covenant = Covenant.objects.select_related("group_year").get()
    assert covenant.group_year.group_id == head.emulation_group_id
    assert covenant.host_unit_id == head.unit_id  # the demo home commune heads its cluster
    assert Registration.objects.filter(year=2026).count() == 4 + 2  # the group's members; two by name (demo_names)
    assert "Phong trào mẫu năm 2026: 1 phong trào, 3 mốc, 4 đăng ký thi đua" in output
    assert demo.wipe_demo() > 0
    demo.load_demo(2026)
    assert Movement.objects.filter(code__startswith="DEMO-").count() == 1
    assert Covenant.objects.count() == 1
