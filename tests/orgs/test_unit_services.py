"""tdkt.orgs.services: units (create, edit, rename, merge, split, lineage), emulation groups per year and
councils. Each refusal is a ValidationError on the field it names, nothing is half-saved, and each
successful call writes exactly the expected audit rows.

Messages are asserted in English (the source language): the vi catalogue is checked by its own test.
"""

import contextlib
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from tdkt.accounts.models import User
from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditEvent
from tdkt.orgs import services
from tdkt.orgs.enums import CouncilRole, GroupKind, GroupRole, SuccessionKind, UnitKind
from tdkt.orgs.models import (
    EmulationGroup,
    EmulationGroupMembership,
    EmulationGroupYear,
    Unit,
    UnitName,
    UnitSuccession,
)
from tests.conftest import client_for
from tests.factories import make_group_year, make_person, make_unit

MERGE_DAY = datetime.date(2026, 7, 1)
LATER_MERGE_DAY = datetime.date(2026, 8, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def specialist(world):
    return world.users["specialist"]


def audit_rows(after_id=0):
    """(action, object_type, object_id) of the audit rows written after `after_id`, oldest first."""
    return [
        (e.action, e.object_type, e.object_id)
        for e in AuditEvent.objects.filter(id__gt=after_id).order_by("id")
    ]


def last_audit_id():
    last = AuditEvent.objects.order_by("-id").first()
    return last.id if last else 0


def error_dict(info) -> dict:
    return info.value.message_dict


def state():
    """Everything a refused unit operation must leave untouched."""
    return (
        list(Unit.objects.order_by("id").values_list("id", "name", "code", "parent_id", "dissolved_on")),
        UnitSuccession.objects.count(),
        UnitName.objects.count(),
        AuditEvent.objects.count(),
    )


# --- create_unit ---------------------------------------------------------------------------------------


def test_create_unit_saves_and_audits(world, specialist):
    unit = services.create_unit(
        by=specialist, name="Sở Tư pháp", code="STP", kind=UnitKind.DEPARTMENT, parent=world.province,
        established_on=datetime.date(2025, 7, 1),
    )
    assert Unit.objects.get(code="STP").parent_id == world.province.pk
    assert audit_rows() == [("create", "orgs.unit", str(unit.pk))]


@pytest.mark.parametrize("code", ["SYT", "syt", "Syt"])
def test_create_unit_with_a_used_code_is_refused_whatever_the_case(world, specialist, code):
    before = state()
    with pytest.raises(ValidationError, match=r"^(?:\{'code': \['The unit code “SYT” is already used by another unit\.'\]\}|\{'code': \['The unit code “Syt” is already used by another unit\.'\]\}|\{'code': \['The unit code “syt” is already used by another unit\.'\]\})$") as info:
        services.create_unit(by=specialist, name="Sở Y tế (trùng)", code=code, kind=UnitKind.DEPARTMENT)
    assert error_dict(info) == {"code": [f"The unit code “{code}” is already used by another unit."]}
    assert state() == before


def test_create_unit_under_a_dissolved_parent_is_refused(world, specialist):
    Unit.objects.filter(pk=world.unit_b.pk).update(dissolved_on=datetime.date(2026, 1, 1))
    world.unit_b.refresh_from_db()
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'parent': \['The parent unit “Sở Giáo dục và Đào tạo” has been dissolved\.'\]\}$") as info:
        services.create_unit(by=specialist, name="Trường THPT số 1", code="THPT1", kind=UnitKind.SCHOOL,
                             parent=world.unit_b)
    assert error_dict(info) == {"parent": ["The parent unit “Sở Giáo dục và Đào tạo” has been dissolved."]}
    assert state() == before


# --- update_unit -----------------------------------------------------------------------------------------


def test_a_unit_cannot_be_placed_under_its_own_sub_unit(world, specialist):
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'parent': \['A unit cannot be placed under itself or under one of its own sub-units\.'\]\}$") as info:
        services.update_unit(world.unit_a, by=specialist, parent=world.unit_a_child)
    assert error_dict(info) == {"parent": ["A unit cannot be placed under itself or under one of its own sub-units."]}
    assert state() == before


def test_a_unit_cannot_be_placed_under_a_deeper_descendant(world, specialist):
    grandchild = make_unit("Khoa Nội", kind=UnitKind.SUBDIVISION, parent=world.unit_a_child, code="KNOI")
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'parent': \['A unit cannot be placed under itself or under one of its own sub-units\.'\]\}$") as info:
        services.update_unit(world.unit_a, by=specialist, parent=grandchild)
    assert error_dict(info) == {"parent": ["A unit cannot be placed under itself or under one of its own sub-units."]}
    assert state() == before


def test_a_unit_cannot_be_its_own_parent(world, specialist):
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'parent': \['A unit cannot be placed under itself or under one of its own sub-units\.'\]\}$") as info:
        services.update_unit(world.unit_a, by=specialist, parent=world.unit_a)
    assert error_dict(info) == {"parent": ["A unit cannot be placed under itself or under one of its own sub-units."]}
    assert state() == before


def test_a_unit_cannot_move_under_a_dissolved_unit(world, specialist):
    Unit.objects.filter(pk=world.unit_b.pk).update(dissolved_on=datetime.date(2026, 1, 1))
    world.unit_b.refresh_from_db()
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'parent': \['The parent unit “Sở Giáo dục và Đào tạo” has been dissolved\.'\]\}$") as info:
        services.update_unit(world.unit_a_child, by=specialist, parent=world.unit_b)
    assert error_dict(info) == {"parent": ["The parent unit “Sở Giáo dục và Đào tạo” has been dissolved."]}
    assert state() == before


def test_update_unit_to_another_units_code_is_refused(world, specialist):
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'code': \['The unit code “sgddt” is already used by another unit\.'\]\}$") as info:
        services.update_unit(world.unit_a, by=specialist, code="sgddt")
    assert error_dict(info) == {"code": ["The unit code “sgddt” is already used by another unit."]}
    assert state() == before


def test_update_unit_may_change_the_case_of_its_own_code(world, specialist):
    services.update_unit(world.unit_a, by=specialist, code="syt")
    assert Unit.objects.get(pk=world.unit_a.pk).code == "syt"
    assert audit_rows() == [("update", "orgs.unit", str(world.unit_a.pk))]
    assert AuditEvent.objects.get().changes == {"code": ["SYT", "syt"]}


def test_a_dissolved_unit_cannot_be_edited(world, specialist):
    Unit.objects.filter(pk=world.unit_b.pk).update(dissolved_on=datetime.date(2026, 1, 1))
    before = state()
    with pytest.raises(ValidationError, match=r"^\['A dissolved unit cannot be edited\.'\]$") as info:
        services.update_unit(world.unit_b, by=specialist, name="Sở Giáo dục")
    assert info.value.messages == ["A dissolved unit cannot be edited."]
    assert state() == before


def test_rename_keeps_the_old_name_in_the_history(world, specialist):
    services.update_unit(world.unit_a, by=specialist, name="Sở Y tế tỉnh Lào Cai", short_name="SYT Lào Cai")
    unit = Unit.objects.get(pk=world.unit_a.pk)
    assert (unit.name, unit.short_name) == ("Sở Y tế tỉnh Lào Cai", "SYT Lào Cai")
    assert list(unit.former_names.values_list("name", "short_name", "used_until")) == [
        ("Sở Y tế", "", timezone.localdate())
    ]
    assert audit_rows() == [("update", "orgs.unit", str(unit.pk))]
    assert AuditEvent.objects.get().changes == {
        "name": ["Sở Y tế", "Sở Y tế tỉnh Lào Cai"],
        "short_name": ["", "SYT Lào Cai"],
    }


def test_an_edit_without_a_name_change_keeps_no_former_name(world, specialist):
    services.update_unit(world.unit_a, by=specialist, is_remote=True)
    assert UnitName.objects.count() == 0
    assert AuditEvent.objects.get().changes == {"is_remote": [False, True]}


def test_an_edit_that_changes_nothing_writes_no_audit_row(world, specialist):
    services.update_unit(world.unit_a, by=specialist, name="Sở Y tế")
    assert audit_rows() == []
    assert UnitName.objects.count() == 0


# --- merge_units -----------------------------------------------------------------------------------------


def test_merge_dissolves_sources_links_successions_and_moves_children(world, specialist):
    extra = make_unit("Chi cục Dân số", parent=world.province, code="CCDS")
    extra_child = make_unit("Trung tâm Dân số", kind=UnitKind.PUBLIC_SERVICE, parent=extra, code="TTDS")
    old_child = make_unit("Phòng cũ", kind=UnitKind.SUBDIVISION, parent=world.unit_a, code="PCU",
                          dissolved_on=datetime.date(2024, 1, 1))
    into = services.merge_units([world.unit_a, extra], world.unit_b, effective_on=MERGE_DAY, by=specialist,
                                note="Nghị quyết 01/NQ-HĐND")
    assert into == world.unit_b
    units = {u.code: u for u in Unit.objects.all()}
    assert units["SYT"].dissolved_on == MERGE_DAY
    assert units["CCDS"].dissolved_on == MERGE_DAY
    assert units["SGDDT"].dissolved_on is None
    # Active sub-units move under the target; a long-dissolved one keeps its old parent.
    assert units["BVDK"].parent_id == world.unit_b.pk
    assert units["TTDS"].parent_id == world.unit_b.pk
    assert units["PCU"].parent_id == world.unit_a.pk
    assert extra_child.pk == units["TTDS"].pk and old_child.pk == units["PCU"].pk
    assert sorted(UnitSuccession.objects.values_list("predecessor__code", "successor__code", "kind", "effective_on",
                                                     "note")) == [
        ("CCDS", "SGDDT", SuccessionKind.MERGE, MERGE_DAY, "Nghị quyết 01/NQ-HĐND"),
        ("SYT", "SGDDT", SuccessionKind.MERGE, MERGE_DAY, "Nghị quyết 01/NQ-HĐND"),
    ]
    assert audit_rows() == [("merge", "orgs.unit", str(world.unit_b.pk))]
    changes = AuditEvent.objects.get().changes
    assert changes["effective_on"] == "2026-07-01"
    assert sorted(changes["merged"], key=lambda m: m["id"]) == [
        {"id": world.unit_a.pk, "name": "Sở Y tế"},
        {"id": extra.pk, "name": "Chi cục Dân số"},
    ]


def test_merge_into_a_dissolved_unit_is_refused(world, specialist):
    Unit.objects.filter(pk=world.unit_b.pk).update(dissolved_on=datetime.date(2026, 1, 1))
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'into': \['Cannot merge into “Sở Giáo dục và Đào tạo”: that unit has been dissolved\.'\]\}$") as info:
        services.merge_units([world.unit_a], world.unit_b, effective_on=MERGE_DAY, by=specialist)
    assert error_dict(info) == {
        "into": ["Cannot merge into “Sở Giáo dục và Đào tạo”: that unit has been dissolved."]
    }
    assert state() == before


def test_merge_into_itself_is_refused(world, specialist):
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'sources': \['A unit cannot be merged into itself\.'\]\}$") as info:
        services.merge_units([world.unit_a], world.unit_a, effective_on=MERGE_DAY, by=specialist)
    assert error_dict(info) == {"sources": ["A unit cannot be merged into itself."]}
    assert state() == before


def test_merge_into_its_own_sub_unit_is_refused(world, specialist):
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'into': \['Cannot merge a unit into one of its own sub-units\.'\]\}$") as info:
        services.merge_units([world.unit_a], world.unit_a_child, effective_on=MERGE_DAY, by=specialist)
    assert error_dict(info) == {"into": ["Cannot merge a unit into one of its own sub-units."]}
    assert state() == before


def test_merge_of_an_already_dissolved_unit_is_refused(world, specialist):
    Unit.objects.filter(pk=world.unit_a_child.pk).update(dissolved_on=datetime.date(2026, 1, 1))
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'sources': \['“Bệnh viện Đa khoa tỉnh” has already been dissolved\.'\]\}$") as info:
        services.merge_units([world.unit_a_child], world.unit_b, effective_on=MERGE_DAY, by=specialist)
    assert error_dict(info) == {"sources": ["“Bệnh viện Đa khoa tỉnh” has already been dissolved."]}
    assert state() == before


def test_merge_dated_before_the_source_was_established_is_refused(world, specialist):
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'effective_on': \['The merge date is before “Sở Y tế” was established\.'\]\}$") as info:
        services.merge_units([world.unit_a], world.unit_b, effective_on=datetime.date(2019, 12, 31), by=specialist)
    assert error_dict(info) == {"effective_on": ["The merge date is before “Sở Y tế” was established."]}
    assert state() == before


def test_merge_without_sources_is_refused(world, specialist):
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'sources': \['Choose at least one unit to merge\.'\]\}$") as info:
        services.merge_units([], world.unit_b, effective_on=MERGE_DAY, by=specialist)
    assert error_dict(info) == {"sources": ["Choose at least one unit to merge."]}
    assert state() == before


# --- split_unit -------------------------------------------------------------------------------------------


def test_split_creates_the_new_units_and_successions(world, specialist):
    parts = [{"code": "SYT-A", "name": "Sở Y tế A"}, {"code": "SYT-B", "name": "Sở Y tế B"}]
    created = services.split_unit(world.unit_b, parts, effective_on=MERGE_DAY, by=specialist, note="QĐ 12")
    assert [(u.code, u.name, u.kind, u.parent_id, u.established_on) for u in created] == [
        ("SYT-A", "Sở Y tế A", UnitKind.DEPARTMENT, world.province.pk, MERGE_DAY),
        ("SYT-B", "Sở Y tế B", UnitKind.DEPARTMENT, world.province.pk, MERGE_DAY),
    ]
    assert Unit.objects.get(pk=world.unit_b.pk).dissolved_on == MERGE_DAY
    assert sorted(UnitSuccession.objects.values_list("predecessor_id", "successor__code", "kind", "effective_on")) == [
        (world.unit_b.pk, "SYT-A", SuccessionKind.SPLIT, MERGE_DAY),
        (world.unit_b.pk, "SYT-B", SuccessionKind.SPLIT, MERGE_DAY),
    ]
    assert audit_rows() == [
        ("create", "orgs.unit", str(created[0].pk)),
        ("create", "orgs.unit", str(created[1].pk)),
        ("split", "orgs.unit", str(world.unit_b.pk)),
    ]
    assert AuditEvent.objects.get(action="split").changes == {
        "into": [{"id": created[0].pk, "name": "Sở Y tế A"}, {"id": created[1].pk, "name": "Sở Y tế B"}],
        "effective_on": "2026-07-01",
    }
    for unit in created:
        assert services.lineage_ids(unit) == {unit.pk, world.unit_b.pk}


def test_split_waits_until_the_sub_units_have_been_moved(world, specialist):
    parts = [{"code": "SYT-A", "name": "Sở Y tế A"}, {"code": "SYT-B", "name": "Sở Y tế B"}]
    before = state()
    with pytest.raises(ValidationError, match=r"^\['“Sở Y tế” still has 1 active sub-units: move them first\.'\]$") as info, translation.override("en"):
        services.split_unit(world.unit_a, parts, effective_on=MERGE_DAY, by=specialist)
    assert info.value.messages == ["“Sở Y tế” still has 1 active sub-units: move them first."]
    assert state() == before


def test_split_needs_at_least_two_parts(world, specialist):
    before = state()
    with pytest.raises(ValidationError, match=r"^\['A split needs at least two new units\.'\]$") as info:
        services.split_unit(world.unit_a, [{"code": "SYT-A", "name": "Sở Y tế A"}], effective_on=MERGE_DAY,
                            by=specialist)
    assert info.value.messages == ["A split needs at least two new units."]
    assert state() == before


def test_split_parts_need_different_codes(world, specialist):
    parts = [{"code": "SYT-A", "name": "Sở Y tế A"}, {"code": " syt-a ", "name": "Sở Y tế B"}]
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'code': \['The new units must have different codes\.'\]\}$") as info:
        services.split_unit(world.unit_b, parts, effective_on=MERGE_DAY, by=specialist)
    assert error_dict(info) == {"code": ["The new units must have different codes."]}
    assert state() == before


def test_split_part_with_a_code_in_use_saves_nothing(world, specialist):
    parts = [{"code": "SYT-A", "name": "Sở Y tế A"}, {"code": "SGDDT", "name": "Sở Y tế B"}]
    before = state()
    with pytest.raises(ValidationError, match=r"^\{'code': \['The unit code “SGDDT” is already used by another unit\.'\]\}$") as info:
        services.split_unit(world.unit_b, parts, effective_on=MERGE_DAY, by=specialist)
    assert error_dict(info) == {"code": ["The unit code “SGDDT” is already used by another unit."]}
    assert state() == before  # the first part, created before the clash, is rolled back too


def test_split_of_a_dissolved_unit_is_refused(world, specialist):
    Unit.objects.filter(pk=world.unit_a.pk).update(dissolved_on=datetime.date(2026, 1, 1))
    before = state()
    with pytest.raises(ValidationError, match=r"^\['“Sở Y tế” has already been dissolved\.'\]$") as info:
        services.split_unit(world.unit_a, [{"code": "X1", "name": "X 1"}, {"code": "X2", "name": "X 2"}],
                            effective_on=MERGE_DAY, by=specialist)
    assert info.value.messages == ["“Sở Y tế” has already been dissolved."]
    assert state() == before


# --- lineage: the successor carries its predecessors' history ---------------------------------------------


def test_lineage_includes_predecessors_recursively(world, specialist):
    successor = make_unit("Sở Văn hóa, Thể thao và Du lịch", parent=world.province, code="SVHTTDL")
    assert services.lineage_ids(world.unit_b) == {world.unit_b.pk}
    services.merge_units([world.unit_a], world.unit_b, effective_on=MERGE_DAY, by=specialist)
    assert services.lineage_ids(world.unit_b) == {world.unit_b.pk, world.unit_a.pk}
    services.merge_units([world.unit_b], successor, effective_on=LATER_MERGE_DAY, by=specialist)
    assert services.lineage_ids(successor) == {successor.pk, world.unit_b.pk, world.unit_a.pk}
    # Sub-units are not part of the lineage (they have their own page).
    assert world.unit_a_child.pk not in services.lineage_ids(successor)
    assert services.lineage_ids(world.unit_a) == {world.unit_a.pk}


def test_people_of_a_merged_unit_are_listed_on_the_successors_page(world, specialist):
    services.merge_units([world.unit_a], world.unit_b, effective_on=MERGE_DAY, by=specialist)
    response = client_for(world, "specialist").get(reverse("orgs:detail", kwargs={"pk": world.unit_b.pk}))
    assert response.status_code == 200
    assert [p.full_name for p in response.context["people"]] == ["Giàng A Páo", "Nguyễn Văn An"]
    assert response.context["people_count"] == 2
    assert [s.predecessor_id for s in response.context["predecessors"]] == [world.unit_a.pk]


def test_people_of_a_twice_merged_unit_are_on_the_last_successors_page(world, specialist):
    successor = make_unit("Sở Văn hóa, Thể thao và Du lịch", parent=world.province, code="SVHTTDL")
    services.merge_units([world.unit_a], world.unit_b, effective_on=MERGE_DAY, by=specialist)
    services.merge_units([world.unit_b], successor, effective_on=LATER_MERGE_DAY, by=specialist)
    response = client_for(world, "specialist").get(reverse("orgs:detail", kwargs={"pk": successor.pk}))
    assert [p.full_name for p in response.context["people"]] == ["Giàng A Páo", "Nguyễn Văn An"]
    assert response.context["people_count"] == 2


def test_the_clerk_of_the_successor_reaches_the_predecessors_people(world, specialist):
    client = client_for(world, "clerk_b")
    person_url = reverse("people:detail", kwargs={"pk": world.person_a.pk})
    assert client.get(person_url).status_code == 404
    assert not get_scope(User.objects.get(username="vanthu.b")).can_read_unit(world.unit_a.pk)

    services.merge_units([world.unit_a], world.unit_b, effective_on=MERGE_DAY, by=specialist)

    scope = get_scope(User.objects.get(username="vanthu.b"))  # a fresh user: scopes are cached per object
    assert scope.can_read_unit(world.unit_a.pk)
    assert scope.can_write_unit(world.unit_a.pk)
    assert scope.can_see_personal_data(world.unit_a.pk)
    assert scope.can_read_unit(world.unit_a_child.pk)  # moved under unit B by the merge
    assert not scope.can_read_unit(world.home_affairs.pk)
    assert client.get(person_url).status_code == 200
    assert client.get(reverse("orgs:detail", kwargs={"pk": world.unit_a.pk})).status_code == 200
    search = client.get(reverse("people:list"), {"q": "nguyen van an"})
    assert [p.pk for p in search.context["page"]] == [world.person_a.pk]


# --- emulation groups --------------------------------------------------------------------------------------


def test_a_second_head_for_a_group_year_is_refused_naming_the_head(world, specialist):
    before = (list(EmulationGroupMembership.objects.values_list("id", "unit_id", "role")), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match=r"^\{'role': \['Khối Văn hóa - Xã hội \(2026\) already has a head unit: Sở Y tế\.'\]\}$") as info:
        services.add_group_member(world.group_year, world.home_affairs, GroupRole.HEAD, by=specialist)
    assert error_dict(info) == {"role": ["Khối Văn hóa - Xã hội (2026) already has a head unit: Sở Y tế."]}
    # An existing member cannot be promoted to head either.
    with pytest.raises(ValidationError, match=r"^\{'role': \['Khối Văn hóa - Xã hội \(2026\) already has a head unit: Sở Y tế\.'\]\}$") as info:
        services.add_group_member(world.group_year, world.unit_b, GroupRole.HEAD, by=specialist)
    assert error_dict(info) == {"role": ["Khối Văn hóa - Xã hội (2026) already has a head unit: Sở Y tế."]}
    assert (list(EmulationGroupMembership.objects.values_list("id", "unit_id", "role")),
            AuditEvent.objects.count()) == before


def test_a_second_deputy_is_refused(world, specialist):
    membership = services.add_group_member(world.group_year, world.unit_b, GroupRole.DEPUTY, by=specialist)
    assert membership.role == GroupRole.DEPUTY
    assert audit_rows() == [("update", "orgs.emulationgroupmembership", str(membership.pk))]
    assert AuditEvent.objects.get().changes == {"role": ["member", "deputy"]}
    with pytest.raises(ValidationError, match=r"^\{'role': \['Khối Văn hóa - Xã hội \(2026\) already has a deputy head unit: Sở Giáo dục và Đào tạo\.'\]\}$") as info:
        services.add_group_member(world.group_year, world.home_affairs, GroupRole.DEPUTY, by=specialist)
    assert error_dict(info) == {
        "role": ["Khối Văn hóa - Xã hội (2026) already has a deputy head unit: Sở Giáo dục và Đào tạo."]
    }
    assert not EmulationGroupMembership.objects.filter(unit=world.home_affairs).exists()
    assert AuditEvent.objects.count() == 1


def test_the_head_may_be_set_again_on_the_head_unit(world, specialist):
    services.add_group_member(world.group_year, world.unit_a, GroupRole.HEAD, by=specialist)
    assert world.group_year.memberships.get(unit=world.unit_a).role == GroupRole.HEAD
    assert audit_rows() == []  # nothing changed


def test_adding_a_member_is_audited(world, specialist):
    membership = services.add_group_member(world.group_year, world.home_affairs, GroupRole.MEMBER, by=specialist)
    assert audit_rows() == [("create", "orgs.emulationgroupmembership", str(membership.pk))]
    assert AuditEvent.objects.get().changes["after"] == {
        "id": membership.pk, "group_year": world.group_year.pk, "unit": world.home_affairs.pk, "role": "member",
    }


def test_the_database_itself_refuses_a_second_head(world):
    with pytest.raises(IntegrityError, match=r"(?s)^(UNIQUE constraint failed: orgs_emulationgroupmembership\.group_year_id|duplicate key value violates unique constraint .*)$"), transaction.atomic():
        EmulationGroupMembership.objects.create(group_year=world.group_year, unit=world.home_affairs,
                                                role=GroupRole.HEAD)
    assert world.group_year.memberships.filter(role=GroupRole.HEAD).count() == 1


def test_the_database_itself_refuses_a_second_deputy(world):
    EmulationGroupMembership.objects.create(group_year=world.group_year, unit=world.home_affairs,
                                            role=GroupRole.DEPUTY)
    with pytest.raises(IntegrityError, match=r"(?s)^(UNIQUE constraint failed: orgs_emulationgroupmembership\.group_year_id|duplicate key value violates unique constraint .*)$"), transaction.atomic():
        EmulationGroupMembership.objects.filter(unit=world.unit_b).update(role=GroupRole.DEPUTY)
    assert world.group_year.memberships.filter(role=GroupRole.DEPUTY).count() == 1


def test_a_unit_cannot_be_in_two_groups_of_the_same_kind_in_one_year(world, specialist):
    other_cluster = make_group_year("Cụm thi đua số 2", year=2026, kind=GroupKind.CLUSTER)
    before = (EmulationGroupMembership.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match=r"^\{'unit': \['“Sở Giáo dục và Đào tạo” already belongs to Khối Văn hóa - Xã hội in 2026\.'\]\}$") as info:
        services.add_group_member(other_cluster, world.unit_b, GroupRole.MEMBER, by=specialist)
    assert error_dict(info) == {"unit": ["“Sở Giáo dục và Đào tạo” already belongs to Khối Văn hóa - Xã hội in 2026."]}
    assert (EmulationGroupMembership.objects.count(), AuditEvent.objects.count()) == before
    # Another kind, or the same kind in another year, is fine.
    block = make_group_year("Khối các sở", year=2026, kind=GroupKind.BLOCK)
    next_year = make_group_year("Cụm thi đua số 3", year=2027, kind=GroupKind.CLUSTER)
    services.add_group_member(block, world.unit_b, GroupRole.MEMBER, by=specialist)
    services.add_group_member(next_year, world.unit_b, GroupRole.MEMBER, by=specialist)
    assert EmulationGroupMembership.objects.filter(unit=world.unit_b).count() == 3


def test_a_dissolved_unit_cannot_join_a_group(world, specialist):
    Unit.objects.filter(pk=world.home_affairs.pk).update(dissolved_on=datetime.date(2026, 1, 1))
    world.home_affairs.refresh_from_db()
    with pytest.raises(ValidationError, match=r"^\{'unit': \['“Sở Nội vụ” has been dissolved\.'\]\}$") as info:
        services.add_group_member(world.group_year, world.home_affairs, GroupRole.MEMBER, by=specialist)
    assert error_dict(info) == {"unit": ["“Sở Nội vụ” has been dissolved."]}


def _last_year_group(world):
    """A cluster with a 2025 composition: head, deputy, a member and a member dissolved since."""
    group = EmulationGroup.objects.create(name="Cụm thi đua các sở", code="CUM-SO", kind=GroupKind.CLUSTER)
    gone = make_unit("Sở Kế hoạch và Đầu tư", parent=world.province, code="SKHDT",
                     dissolved_on=datetime.date(2025, 3, 1))
    year = EmulationGroupYear.objects.create(group=group, year=2025)
    for unit, role in [(world.home_affairs, GroupRole.HEAD), (world.province, GroupRole.DEPUTY),
                       (world.unit_a_child, GroupRole.MEMBER), (gone, GroupRole.MEMBER)]:
        EmulationGroupMembership.objects.create(group_year=year, unit=unit, role=role)
    return group


def test_create_group_year_copies_last_years_members_but_not_the_heads(world, specialist):
    group = _last_year_group(world)
    group_year = services.create_group_year(group, 2026, by=specialist)
    assert (group_year.group_id, group_year.year) == (group.pk, 2026)
    assert sorted(group_year.memberships.values_list("unit__code", "role")) == [
        ("BVDK", GroupRole.MEMBER), ("SNV", GroupRole.MEMBER), ("UBND", GroupRole.MEMBER),
    ]
    assert group_year.head is None
    assert group_year.deputy is None
    assert audit_rows()[0] == ("create", "orgs.emulationgroupyear", str(group_year.pk))


def test_create_group_year_without_copy_starts_empty(world, specialist):
    group = _last_year_group(world)
    group_year = services.create_group_year(group, 2026, by=specialist, copy_from_previous=False)
    assert group_year.memberships.count() == 0
    assert audit_rows() == [("create", "orgs.emulationgroupyear", str(group_year.pk))]


def test_create_group_year_twice_is_refused(world, specialist):
    before = (EmulationGroupYear.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match=r"^\{'year': \['Khối Văn hóa - Xã hội already has a composition for 2026\.'\]\}$") as info:
        services.create_group_year(world.group_year.group, 2026, by=specialist)
    assert error_dict(info) == {"year": ["Khối Văn hóa - Xã hội already has a composition for 2026."]}
    assert (EmulationGroupYear.objects.count(), AuditEvent.objects.count()) == before


def test_create_group_year_audits_each_copied_member(world, specialist):
    group = _last_year_group(world)
    group_year = services.create_group_year(group, 2026, by=specialist)
    copied = sorted(str(pk) for pk in group_year.memberships.values_list("pk", flat=True))
    assert len(copied) == 3
    assert sorted(
        object_id for action, object_type, object_id in audit_rows()
        if (action, object_type) == ("create", "orgs.emulationgroupmembership")
    ) == copied


def test_create_group_year_does_not_put_a_unit_in_two_clusters(world, specialist):
    group = _last_year_group(world)
    this_year = make_group_year("Cụm thi đua số 2", year=2026, kind=GroupKind.CLUSTER)
    services.add_group_member(this_year, world.home_affairs, GroupRole.MEMBER, by=specialist)
    with contextlib.suppress(ValidationError):  # refusing the copy is an acceptable fix too
        services.create_group_year(group, 2026, by=specialist)
    assert EmulationGroupMembership.objects.filter(
        unit=world.home_affairs, group_year__year=2026, group_year__group__kind=GroupKind.CLUSTER
    ).count() == 1


# --- councils -------------------------------------------------------------------------------------------


def test_a_second_chair_is_refused(world, specialist):
    chair = services.add_council_member(world.council, person=world.person_a, role=CouncilRole.CHAIR,
                                        term_start=datetime.date(2025, 7, 1), by=specialist)
    assert audit_rows() == [("create", "orgs.councilmember", str(chair.pk))]
    with pytest.raises(ValidationError, match=r"^\{'role': \['This council already has a chair\.'\]\}$") as info:
        services.add_council_member(world.council, person=world.person_b, role=CouncilRole.CHAIR,
                                    term_start=datetime.date(2025, 7, 1), by=specialist)
    assert error_dict(info) == {"role": ["This council already has a chair."]}
    assert world.council.members.count() == 1
    assert AuditEvent.objects.count() == 1
    # Another role is fine; a former chair (term ended) does not block a new one.
    services.add_council_member(world.council, person=world.person_b, role=CouncilRole.VICE_CHAIR,
                                term_start=datetime.date(2025, 7, 1), by=specialist)
    world.council.members.filter(pk=chair.pk).update(term_end=datetime.date(2026, 6, 30))
    third = make_person("Lý Thị Mai", unit=world.province)
    services.add_council_member(world.council, person=third, role=CouncilRole.CHAIR,
                                term_start=datetime.date(2026, 7, 1), by=specialist)
    assert world.council.members.filter(role=CouncilRole.CHAIR, term_end__isnull=True).get().person == third


def test_a_person_is_a_current_member_only_once(world, specialist):
    services.add_council_member(world.council, person=world.person_a, role=CouncilRole.MEMBER,
                                term_start=datetime.date(2025, 7, 1), by=specialist)
    with pytest.raises(ValidationError, match=r"^\{'person': \['Nguyễn Văn An is already a member of this council\.'\]\}$") as info:
        services.add_council_member(world.council, person=world.person_a, role=CouncilRole.SECRETARY,
                                    term_start=datetime.date(2025, 7, 1), by=specialist)
    assert error_dict(info) == {"person": ["Nguyễn Văn An is already a member of this council."]}
    assert world.council.members.count() == 1


def test_the_database_itself_refuses_a_second_current_chair(world):
    from tdkt.orgs.models import CouncilMember

    CouncilMember.objects.create(council=world.council, person=world.person_a, role=CouncilRole.CHAIR,
                                 term_start=datetime.date(2025, 7, 1))
    with pytest.raises(IntegrityError, match=r"(?s)^(UNIQUE constraint failed: orgs_councilmember\.council_id|duplicate key value violates unique constraint .*)$"), transaction.atomic():
        CouncilMember.objects.create(council=world.council, person=world.person_b, role=CouncilRole.CHAIR,
                                     term_start=datetime.date(2025, 7, 1))
