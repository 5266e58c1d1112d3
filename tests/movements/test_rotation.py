"""Rotation of head and deputy (law.md §5 [U]: the deputy becomes next year's head — a default, overridable
with a logged reason) and restructuring of groups after unit merges."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditEvent
from tdkt.movements.groups import default_rotation, restructure_after_merge, rotate_group_year, unit_group_history
from tdkt.orgs.enums import GroupRole
from tdkt.orgs.models import EmulationGroupMembership, EmulationGroupYear
from tdkt.orgs.services import merge_units
from tests.factories import make_unit


def _group(world, names=("Xã A", "Xã B", "Xã C", "Xã D"), head=0, deputy=1, year=2026):
    units = [make_unit(name, kind="commune") for name in names]
    group_year = EmulationGroupYear.objects.create(group=world.group_year.group.__class__.objects.create(
        name="Cụm thi đua số 7", code=f"C7-{year}-{names[0]}", kind="cluster"), year=year)
    for i, unit in enumerate(units):
        role = GroupRole.HEAD if i == head else GroupRole.DEPUTY if i == deputy else GroupRole.MEMBER
        if head is None and i == 0 or deputy is None and i == 1:
            role = GroupRole.MEMBER
        EmulationGroupMembership.objects.create(group_year=group_year, unit=unit, role=role)
    return group_year, units


def _roles(group_year):
    return [(m.unit.name, m.role) for m in group_year.memberships.select_related("unit").order_by("id")]


# (case, head index, deputy index, chosen head, chosen deputy, reason, expected head, expected deputy, error field)
CASES = [
    ("default: the deputy becomes head, the next member deputy", 0, 1, None, None, "", 1, 2, None),
    ("default wraps round the member order", 2, 3, None, None, "", 3, 0, None),
    ("override with a reason", 0, 1, 3, 2, "Xã D đăng cai hội nghị ký kết", 3, 2, None),
    ("override without a reason is refused", 0, 1, 3, 2, "", None, None, "reason"),
    ("choosing the default explicitly needs no reason", 0, 1, 1, 2, "", 1, 2, None),
    ("head and deputy the same unit", 0, 1, 2, 2, "lý do", None, None, "deputy"),
]


@pytest.mark.parametrize(("case", "head", "deputy", "chosen_head", "chosen_deputy", "reason", "new_head",
                          "new_deputy", "error"), CASES, ids=[c[0] for c in CASES])
def test_rotation_cases(world, case, head, deputy, chosen_head, chosen_deputy, reason, new_head, new_deputy, error):
    group_year, units = _group(world, head=head, deputy=deputy)
    by = world.users["specialist"]
    kwargs = {"head": units[chosen_head] if chosen_head is not None else None,
              "deputy": units[chosen_deputy] if chosen_deputy is not None else None, "reason": reason}
    if error:
        with pytest.raises(ValidationError, match=r"^(?:\{'deputy': \['Đơn vị Trưởng và Phó trưởng phải là hai đơn vị khác nhau\.'\]\}|\{'reason': \['Mặc định là Xã B làm Trưởng và Xã C làm Phó trưởng; hãy nêu lý do chọn khác\.'\]\})$") as caught:
            rotate_group_year(group_year, by=by, next_year=2027, **kwargs)
        assert error in caught.value.message_dict
        assert not EmulationGroupYear.objects.filter(group=group_year.group, year=2027).exists()
        return
    rotation = rotate_group_year(group_year, by=by, next_year=2027, **kwargs)
    expected = [(u.name, GroupRole.HEAD if i == new_head else GroupRole.DEPUTY if i == new_deputy else GroupRole.MEMBER)
                for i, u in enumerate(units)]
    assert _roles(rotation.group_year) == expected
    assert rotation.overridden == bool(reason)
    event = AuditEvent.objects.filter(object_type="orgs.emulationgroupyear", object_id=str(rotation.group_year.pk),
                                      changes__has_key="rotation_from").get()
    assert event.changes["reason"] == reason
    assert event.changes["overridden"] == bool(reason)


def test_rotation_refuses_a_group_without_a_head(world):
    group_year, _units = _group(world, head=None, deputy=1)
    with pytest.raises(ValidationError, match=r"^\['Cụm thi đua số 7 chưa có đơn vị Trưởng năm 2026: cụm, khối không có Trưởng thì không thể luân phiên\. Hãy xác định đơn vị Trưởng trước\.'\]$") as caught:
        rotate_group_year(group_year, by=world.users["specialist"], next_year=2027)
    expected = _("%(group)s has no head unit in %(year)s: a group without a head cannot be rotated. "
                 "Set its head first.") % {"group": group_year.group, "year": 2026}
    assert caught.value.messages == [expected]


def test_rotation_refuses_a_group_without_a_deputy(world):
    group_year, _units = _group(world, head=0, deputy=None)
    with pytest.raises(ValidationError, match=r"^\['Cụm thi đua số 7 chưa có đơn vị Phó trưởng năm 2026: luân phiên mặc định \(Phó trưởng lên làm Trưởng\) cần có đơn vị này\. Hãy xác định đơn vị Phó trưởng trước\.'\]$"):
        default_rotation(group_year)
    with pytest.raises(ValidationError, match=r"^\['Cụm thi đua số 7 chưa có đơn vị Phó trưởng năm 2026: luân phiên mặc định \(Phó trưởng lên làm Trưởng\) cần có đơn vị này\. Hãy xác định đơn vị Phó trưởng trước\.'\]$"):
        rotate_group_year(group_year, by=world.users["specialist"], next_year=2027)
    assert not EmulationGroupYear.objects.filter(group=group_year.group, year=2027).exists()


def test_rotation_refuses_an_existing_next_year(world):
    group_year, _units = _group(world)
    rotate_group_year(group_year, by=world.users["specialist"], next_year=2027)
    with pytest.raises(ValidationError, match=r"^\{'year': \['Cụm thi đua số 7 đã có danh sách thành viên năm 2027\.'\]\}$"):
        rotate_group_year(group_year, by=world.users["specialist"], next_year=2027)


def test_rotation_leaves_dissolved_members_out(world):
    group_year, units = _group(world)
    merge_units([units[2]], units[3], effective_on=datetime.date(2026, 7, 1), by=world.users["specialist"])
    rotation = rotate_group_year(group_year, by=world.users["specialist"], next_year=2027)
    assert _roles(rotation.group_year) == [("Xã A", GroupRole.MEMBER), ("Xã B", GroupRole.HEAD),
                                           ("Xã D", GroupRole.DEPUTY)]


def test_restructure_replaces_merged_units_by_their_successor(world):
    group_year, units = _group(world)
    by = world.users["specialist"]
    new_commune = make_unit("Xã Mới", kind="commune")
    merge_units([units[0], units[1]], new_commune, effective_on=datetime.date(2025, 7, 1), by=by)
    merge_units([units[2]], units[3], effective_on=datetime.date(2025, 7, 1), by=by)
    report = restructure_after_merge(group_year, by=by)
    assert [(line.predecessor.name, line.successor.name, line.outcome) for line in report.lines] == [
        ("Xã A", "Xã Mới", "replaced"), ("Xã B", "Xã Mới", "already_member"), ("Xã C", "Xã D", "already_member")]
    assert sorted(_roles(group_year)) == [("Xã D", GroupRole.MEMBER), ("Xã Mới", GroupRole.HEAD)]
    assert report.changed == 3


def test_restructure_reports_a_split_and_a_successor_elsewhere(world):
    group_year, units = _group(world)
    by = world.users["specialist"]
    from tdkt.orgs.services import split_unit

    split_unit(units[3], [{"name": "Xã D1", "code": "XD1"}, {"name": "Xã D2", "code": "XD2"}],
               effective_on=datetime.date(2025, 7, 1), by=by)
    other, other_units = _group(world, names=("Xã E", "Xã F"), head=0, deputy=1)
    merge_units([units[2]], other_units[0], effective_on=datetime.date(2025, 7, 1), by=by)
    report = restructure_after_merge(group_year, by=by)
    assert sorted((line.predecessor.name, line.outcome) for line in report.lines) == [
        ("Xã C", "elsewhere"), ("Xã D", "split")]
    assert report.changed == 0


def test_unit_history_lists_groups_of_the_unit_and_its_predecessors(world):
    group_year, units = _group(world)
    by = world.users["specialist"]
    rotate_group_year(group_year, by=by, next_year=2027)
    rows = unit_group_history(units[1])
    assert [(row.year, row.role) for row in rows] == [(2027, GroupRole.HEAD), (2026, GroupRole.DEPUTY)]


def test_unit_history_follows_a_merged_predecessor(world, django_assert_num_queries):
    group_year, units = _group(world)
    merged = make_unit("Xã Hợp Nhất", kind="commune")
    merge_units([units[0]], merged, effective_on=datetime.date(2026, 7, 1), by=world.users["specialist"])
    with django_assert_num_queries(4):
        rows = unit_group_history(merged)
    assert [(row.year, row.unit.name, row.role, row.rank, row.awards) for row in rows] == [
        (2026, "Xã A", GroupRole.HEAD, None, [])]


def test_default_rotation_for_every_head_and_deputy_position(world):
    """Every (head, deputy) placement in a 4-member group: the deputy moves up, the member after it (in the
    order members were entered, wrapping round) becomes deputy."""
    names = ("Xã A", "Xã B", "Xã C", "Xã D")
    for head in range(4):
        for deputy in range(4):
            if head == deputy:
                continue
            group_year, units = _group(world, names=tuple(f"{n} {head}{deputy}" for n in names), head=head,
                                       deputy=deputy)
            new_head, new_deputy = default_rotation(group_year)
            assert (new_head, new_deputy) == (units[deputy], units[(deputy + 1) % 4])
