"""Organisation pages through the real views: bad input shows the field error in the form and saves
nothing; list pages run a fixed number of queries whatever the number of rows.

Language: the site serves Vietnamese (LANGUAGE_CODE "vi"). Tests run under translation.override("en")
(and send Accept-Language "en", for a LocaleMiddleware if there is one) to check the exact English source
text; the "…_in_vietnamese" tests run under "vi" and expect the catalogue's translation, looked up with
gettext, so they hold whatever the state of the catalogue.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tdkt.accounts.enums import Role
from tdkt.audit.models import AuditEvent
from tdkt.orgs.enums import GroupKind, GroupRole, UnitKind
from tdkt.orgs.models import EmulationGroupMembership, EmulationGroupYear, Unit, UnitSuccession
from tdkt.people.enums import PersonCategory
from tests.conftest import client_for
from tests.factories import make_group_year, make_person, make_unit, make_user

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def vi(msgid: str, **params) -> str:
    with translation.override("vi"):
        return gettext(msgid) % params


def counts():
    return (Unit.objects.count(), UnitSuccession.objects.count(), EmulationGroupMembership.objects.count(),
            AuditEvent.objects.count())


def unit_post(**overrides):
    data = {
        "name": "Sở Y tế mới", "short_name": "", "code": "syt", "kind": UnitKind.DEPARTMENT, "parent": "",
        "admin_code": "", "established_on": "2025-07-01",
    }
    data.update(overrides)
    return data


# --- bad input through the forms -------------------------------------------------------------------------


def test_create_unit_with_a_duplicate_code_shows_the_error_in_english(world):
    client = client_for(world, "specialist")  # signing in writes a "login" audit row
    before = counts()
    response = client.post(
        reverse("orgs:create"), unit_post(code="syt"), **EN
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"code": ["The unit code “syt” is already used by another unit."]}
    assert "The unit code “syt” is already used by another unit." in response.content.decode()
    assert counts() == before


def test_create_unit_with_a_duplicate_code_shows_the_error_in_vietnamese(world):
    client = client_for(world, "specialist")  # signing in writes a "login" audit row
    before = counts()
    with translation.override("vi"):
        response = client.post(reverse("orgs:create"), unit_post(code="SYT", established_on="01/07/2025"))
        assert response.status_code == 200
        expected = vi("The unit code “%(code)s” is already used by another unit.", code="SYT")
        assert response.context["form"].errors == {"code": [expected]}
        assert expected in response.content.decode()
    assert counts() == before


def test_create_unit_with_a_new_code_is_saved_and_audited(world):
    client = client_for(world, "specialist")
    with translation.override("vi"):  # dd/mm/yyyy
        response = client.post(
            reverse("orgs:create"),
            unit_post(code="STP", name="Sở Tư pháp", parent=world.province.pk, established_on="01/07/2025"),
        )
    unit = Unit.objects.get(code="STP")
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:detail", kwargs={"pk": unit.pk})
    assert (unit.name, unit.parent_id, unit.established_on) == ("Sở Tư pháp", world.province.pk,
                                                                 datetime.date(2025, 7, 1))
    assert list(AuditEvent.objects.exclude(action="login").values_list("action", "object_type", "object_id",
                                                                       "actor_name")) == [
        ("create", "orgs.unit", str(unit.pk), "chuyenvien")
    ]


def test_edit_unit_making_it_its_own_ancestor_shows_the_error(world):
    client = client_for(world, "specialist")  # signing in writes a "login" audit row
    before = counts()
    response = client.post(
        reverse("orgs:edit", kwargs={"pk": world.unit_a.pk}),
        unit_post(name="Sở Y tế", code="SYT", parent=world.unit_a_child.pk, established_on="2020-01-01"),
        **EN,
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "parent": ["A unit cannot be placed under itself or under one of its own sub-units."]
    }
    assert Unit.objects.get(pk=world.unit_a.pk).parent_id == world.province.pk
    assert counts() == before


def test_merge_into_a_dissolved_unit_shows_the_error(world):
    Unit.objects.filter(pk=world.unit_b.pk).update(dissolved_on=datetime.date(2026, 1, 1))
    client = client_for(world, "specialist")  # signing in writes a "login" audit row
    before = counts()
    response = client.post(
        reverse("orgs:merge", kwargs={"pk": world.unit_a.pk}),
        {"into": world.unit_b.pk, "effective_on": "2026-07-01", "note": ""},
        **EN,
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "into": ["Cannot merge into “Sở Giáo dục và Đào tạo”: that unit has been dissolved."]
    }
    assert Unit.objects.get(pk=world.unit_a.pk).dissolved_on is None
    assert counts() == before


def test_merge_into_a_dissolved_unit_shows_the_error_in_vietnamese(world):
    Unit.objects.filter(pk=world.unit_b.pk).update(dissolved_on=datetime.date(2026, 1, 1))
    client = client_for(world, "specialist")  # signing in writes a "login" audit row
    before = counts()
    with translation.override("vi"):
        response = client.post(
            reverse("orgs:merge", kwargs={"pk": world.unit_a.pk}),
            {"into": world.unit_b.pk, "effective_on": "01/07/2026", "note": ""},
        )
        assert response.status_code == 200
        expected = vi("Cannot merge into “%(name)s”: that unit has been dissolved.", name="Sở Giáo dục và Đào tạo")
        assert response.context["form"].errors == {"into": [expected]}
        assert expected in response.content.decode()
    assert counts() == before


def test_merge_through_the_form_redirects_to_the_successor(world):
    client = client_for(world, "specialist")
    with translation.override("vi"):  # dd/mm/yyyy
        response = client.post(
            reverse("orgs:merge", kwargs={"pk": world.unit_a.pk}),
            {"into": world.unit_b.pk, "effective_on": "01/07/2026", "note": "NQ 01"},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:detail", kwargs={"pk": world.unit_b.pk})
    assert Unit.objects.get(pk=world.unit_a.pk).dissolved_on == datetime.date(2026, 7, 1)
    assert list(AuditEvent.objects.exclude(action="login").values_list("action", "object_id")) == [
        ("merge", str(world.unit_b.pk))
    ]


def test_split_with_duplicate_codes_shows_the_error_on_the_names_field(world):
    client = client_for(world, "specialist")  # signing in writes a "login" audit row
    before = counts()
    response = client.post(
        reverse("orgs:split", kwargs={"pk": world.unit_b.pk}),
        {"effective_on": "2026-07-01", "names": "SYT-A; Sở Y tế A\nsyt-a; Sở Y tế B", "note": ""},
        **EN,
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"names": ["The new units must have different codes."]}
    assert counts() == before


def test_split_line_without_a_semicolon_names_the_line(world):
    client = client_for(world, "specialist")  # signing in writes a "login" audit row
    before = counts()
    response = client.post(
        reverse("orgs:split", kwargs={"pk": world.unit_a.pk}),
        {"effective_on": "2026-07-01", "names": "SYT-A; Sở Y tế A\nSở Y tế B", "note": ""},
        **EN,
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"names": ["Line 2: write the code, a semicolon, then the name."]}
    assert counts() == before


def test_group_member_form_refuses_a_second_head(world):
    client = client_for(world, "specialist")  # signing in writes a "login" audit row
    before = counts()
    response = client.post(
        reverse("orgs:group_detail", kwargs={"pk": world.group_year.pk}),
        {"unit": world.home_affairs.pk, "role": GroupRole.HEAD},
        **EN,
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "role": ["Khối Văn hóa - Xã hội (2026) already has a head unit: Sở Y tế."]
    }
    assert "Khối Văn hóa - Xã hội (2026) already has a head unit: Sở Y tế." in response.content.decode()
    assert counts() == before


def test_group_member_form_refuses_a_second_head_in_vietnamese(world):
    client = client_for(world, "specialist")  # signing in writes a "login" audit row
    before = counts()
    with translation.override("vi"):
        response = client.post(
            reverse("orgs:group_detail", kwargs={"pk": world.group_year.pk}),
            {"unit": world.home_affairs.pk, "role": GroupRole.HEAD},
        )
        assert response.status_code == 200
        expected = vi("%(group)s already has a head unit: %(unit)s.", group="Khối Văn hóa - Xã hội (2026)",
                      unit="Sở Y tế")
        assert response.context["form"].errors == {"role": [expected]}
    assert counts() == before


def test_group_member_form_may_not_be_posted_by_a_clerk(world):
    client = client_for(world, "clerk_a")  # signing in writes a "login" audit row
    before = counts()
    response = client.post(
        reverse("orgs:group_detail", kwargs={"pk": world.group_year.pk}),
        {"unit": world.home_affairs.pk, "role": GroupRole.MEMBER},
    )
    assert response.status_code == 403
    assert counts() == before


# --- a fixed number of queries whatever the size -----------------------------------------------------------
#
# Per request: session, user, memberships (scope); the page's own queries. A unit clerk's scope also loads the
# unit graph (units and successions: 2 more queries). Each client is warmed first: its first page marks the
# session active (a write), the pages after it within the minute do not (accounts.idle).


def _province(size: int):
    """`size` units in a tree three levels deep, under one root."""
    root = make_unit("Ủy ban nhân dân tỉnh", kind=UnitKind.PEOPLES_COMMITTEE, code="ROOT")
    units = [root]
    for n in range(size - 1):
        parent = units[n // 3]  # each unit gets up to three sub-units: depth grows with size
        units.append(make_unit(f"Đơn vị {n:03d}", parent=parent, code=f"U{n:03d}"))
    return units


TREE_QUERIES = {Role.PROVINCE_SPECIALIST: 6, Role.UNIT_CLERK: 6}  # a reader of all: roots or chain, children


def _codes(response):
    return [row.code for row in response.context["rows"]]


@pytest.mark.parametrize("role", [Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK])
@pytest.mark.parametrize("size", [3, 30])
def test_unit_tree_runs_a_fixed_number_of_queries(db, django_assert_num_queries, role, size):
    units = _province(size)
    client = Client()
    client.force_login(make_user("nguoidung", role=role, unit=units[0]))
    client.get(reverse("orgs:tree"))  # its first page marks the session active (a write)
    with django_assert_num_queries(TREE_QUERIES[role]):
        response = client.get(reverse("orgs:tree"))
    assert response.status_code == 200
    # Folded on the server: the single root opens by itself, its children listed with how many units each holds.
    assert response.context["level"].opened.name == "Ủy ban nhân dân tỉnh"
    assert [(row.code, row.child_count) for row in response.context["rows"]] == {
        3: [("U000", 0), ("U001", 0)], 30: [("U000", 3), ("U001", 3), ("U002", 3)]}[size]
    with django_assert_num_queries(TREE_QUERIES[role]):
        response = client.get(reverse("orgs:tree"), {"open": units[1].pk})
    assert _codes(response) == {3: [], 30: ["U003", "U004", "U005"]}[size]


def test_unit_tree_opens_a_unit_with_its_path_and_searches_folded(db):
    units = _province(30)
    client = Client()
    client.force_login(make_user("nguoidung", role=Role.PROVINCE_SPECIALIST, unit=units[0]))
    response = client.get(reverse("orgs:tree"), {"open": units[5].pk})  # U004, under U000, under the root
    level = response.context["level"]
    assert (level.opened.code, level.ancestors) == ("U004", [(units[0].pk, "Ủy ban nhân dân tỉnh"),
                                                            (units[1].pk, "Đơn vị 000")])
    assert _codes(response) == ["U015", "U016", "U017"]
    response = client.get(reverse("orgs:tree"), {"q": "don vi 01"})  # accents folded
    assert _codes(response) == [f"U{n:03d}" for n in range(10, 20)]
    assert response.context["rows"][0].parent_name == "Đơn vị 002"
    assert _codes(client.get(reverse("orgs:tree"), {"q": "u027"})) == ["U027"]
    assert client.get(reverse("orgs:tree"), {"open": 999999}).status_code == 404


def test_unit_tree_pages_are_bounded(db):
    root = make_unit("Ủy ban nhân dân tỉnh", kind=UnitKind.PEOPLES_COMMITTEE, code="ROOT")
    Unit.objects.bulk_create([Unit(name=f"Xã số {n:03d}", code=f"X{n:03d}", kind=UnitKind.COMMUNE, parent=root,
                                   established_on=datetime.date(2025, 7, 1)) for n in range(150)])
    client = Client()
    client.force_login(make_user("nguoidung", role=Role.PROVINCE_SPECIALIST, unit=root))
    first = client.get(reverse("orgs:tree"))
    assert _codes(first) == [f"X{n:03d}" for n in range(100)] and first.context["page"].has_next
    second = client.get(reverse("orgs:tree"), {"page": 2})
    assert _codes(second) == [f"X{n:03d}" for n in range(100, 150)] and not second.context["page"].has_next


def test_unit_tree_hides_other_units_from_a_unit_user(db):
    units = _province(30)
    client = Client()
    client.force_login(make_user("nguoidung", role=Role.UNIT_CLERK, unit=units[1]))  # U000 and what is under it
    response = client.get(reverse("orgs:tree"))
    assert (response.context["level"].opened.code, _codes(response)) == ("U000", ["U003", "U004", "U005"])
    assert client.get(reverse("orgs:tree"), {"open": units[2].pk}).status_code == 404  # U001: another unit
    assert _codes(client.get(reverse("orgs:tree"), {"q": "don vi"})) == [
        "U000", "U003", "U004", "U005", *(f"U{n:03d}" for n in range(12, 21))]


def test_unit_tree_shows_dissolved_units_only_on_request(db):
    units = _province(3)
    Unit.objects.filter(pk=units[2].pk).update(dissolved_on=datetime.date(2026, 1, 1))
    client = Client()
    client.force_login(make_user("nguoidung", role=Role.PROVINCE_SPECIALIST, unit=units[0]))
    assert _codes(client.get(reverse("orgs:tree"))) == ["U000"]
    rows = client.get(reverse("orgs:tree"), {"dissolved": "1"}).context["rows"]
    assert [(row.code, row.dissolved) for row in rows] == [("U000", False), ("U001", True)]


PEOPLE_LIST_QUERIES = {Role.PROVINCE_SPECIALIST: 5, Role.UNIT_CLERK: 7}  # the page: its ids, then its rows


@pytest.mark.parametrize("role", [Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK])
@pytest.mark.parametrize("size", [1, 3, 30])
def test_people_list_runs_a_fixed_number_of_queries(db, django_assert_num_queries, role, size):
    units = _province(4)
    for n in range(size):
        make_person(f"Nguyễn Văn {n:02d}", unit=units[n % 4], category=PersonCategory.WORKER)
    client = Client()
    client.force_login(make_user("nguoidung", role=role, unit=units[0]))
    client.get(reverse("people:list"))  # its first page marks the session active (a write)
    with django_assert_num_queries(PEOPLE_LIST_QUERIES[role]):
        response = client.get(reverse("people:list"))
    assert response.status_code == 200
    assert len(response.context["page"]) == size
    with django_assert_num_queries(PEOPLE_LIST_QUERIES[role]):
        response = client.get(reverse("people:list"), {"q": "nguyen van"})
    assert len(response.context["page"]) == size


GROUP_LIST_QUERIES = 8  # the "open a group for a year" form lists the groups: one more


@pytest.mark.parametrize("size", [1, 5])
def test_group_list_runs_a_fixed_number_of_queries(db, django_assert_num_queries, size):
    units = _province(3 * size + 1)
    year = timezone.localdate().year
    for n in range(size):
        head, deputy, member = units[3 * n + 1: 3 * n + 4]
        group_year = make_group_year(f"Cụm thi đua số {n + 1}", year=year, kind=GroupKind.CLUSTER, head=head,
                                     members=[member])
        EmulationGroupMembership.objects.create(group_year=group_year, unit=deputy, role=GroupRole.DEPUTY)
        make_group_year(f"Cụm thi đua số {n + 1} (năm trước)", year=year - 1, head=head)
    client = Client()
    client.force_login(make_user("nguoidung", role=Role.PROVINCE_SPECIALIST, unit=units[0]))
    client.get(reverse("orgs:groups"))  # its first page marks the session active (a write)
    with django_assert_num_queries(GROUP_LIST_QUERIES):
        response = client.get(reverse("orgs:groups"))
    assert response.status_code == 200
    group_years = list(response.context["group_years"])
    assert len(group_years) == size
    assert EmulationGroupYear.objects.count() == 2 * size
    assert [(gy.head.code, gy.deputy.code) for gy in group_years] == [
        (units[3 * n + 1].code, units[3 * n + 2].code) for n in range(size)
    ]
