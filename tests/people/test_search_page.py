"""The people page's search (`people.queries.search_page`): the same rows, in the same order (name_folded, id),
with the same paging as the plain reference query `search_people` through `cheap_page`, whichever of its steps
finds them (on PostgreSQL: the bounded walk, the materialised matches, the full walk; forced here with tiny
bounds); its exact query count; and a clerk never sees another unit's person."""

import random

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tdkt.lib.paging import cheap_page
from tdkt.lib.vntext import fold
from tdkt.people import queries
from tdkt.people.enums import PersonCategory
from tdkt.people.models import Person
from tests.conftest import client_for

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Phùng", "Hoàng", "Đặng", "Giàng", "Sùng", "Lý", "Vàng", "Bàn", "Quách",
          "Đỗ", "Vũ", "Lò", "Triệu", "Nông"]
MIDDLE = ["Văn", "Thị", "Seo", "A", "Minh", "Đức", "Thu", ""]
GIVEN = ["An", "Mai", "Páo", "Thắng", "Hằng", "Hương", "Chờ", "Mây", "Lưu", "Hà", "Su", "Mỷ", "Đào", "Anh", "Phụng"]
QUERIES = ["", "nguyen van an", "Nguyễn Văn An", "phung", "pham thi", "thi mai", "van an", "dang", "huong",
           "Đỗ Đức", "a", "an", "giang a pao", "xyz khong co", "qwerty", "  THI  ", "%", "_", "thi_mai", "a%b"]
# (walk entries, materialised matches): the production bounds, then bounds that force the second and the
# third step on a small table (the steps exist on PostgreSQL only; SQLite walks in one step).
BOUNDS = [(queries.WALK_ENTRIES, queries.TRIGRAM_MATCHES), (7, 10_000), (7, 5), (1, 1)]


@pytest.fixture
def crowd(world):
    """140 live persons (with name ties) spread over units A, A's sub-unit and B, and a few merged ones."""
    rng = random.Random(12)
    units = [world.unit_a, world.unit_a_child, world.unit_b]
    people = []
    for _ in range(140):
        name = " ".join(part for part in (rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)) if part)
        people.append(Person(full_name=name, name_folded=fold(name), unit=rng.choice(units),
                             category=PersonCategory.CIVIL_SERVANT))
    created = Person.objects.bulk_create(people)
    for duplicate in created[:6]:
        Person.objects.filter(pk=duplicate.pk).update(merged_into=created[-1])
    return created


def reference(user, query, page):
    return cheap_page(queries.search_people(user, query), page, queries.PAGE_SIZE)


def assert_same_page(user, query, page):
    expected = reference(user, query, page)
    got = queries.search_page(user, query, page)
    assert [p.pk for p in got] == [p.pk for p in expected], (query, page)
    assert (got.number, got.has_next) == (expected.number, expected.has_next), (query, page)
    assert [p.unit.name for p in got] == [p.unit.name for p in expected]


@pytest.mark.parametrize("bounds", BOUNDS, ids=["production", "walk-7", "walk-7-cap-5", "walk-1-cap-1"])
@pytest.mark.parametrize("persona", ["specialist", "clerk_a", "clerk_b"])
def test_every_page_is_the_reference_page(world, crowd, monkeypatch, bounds, persona):
    monkeypatch.setattr(queries, "WALK_ENTRIES", bounds[0])
    monkeypatch.setattr(queries, "TRIGRAM_MATCHES", bounds[1])
    monkeypatch.setattr(queries, "FEW_UNITS", 0 if bounds[0] == 1 else queries.FEW_UNITS)  # SQLite: a wide scope
    user = world.users[persona]
    for query in QUERIES:
        for page in (None, "1", "2", "3", "4", "0", "x", "-2"):
            assert_same_page(user, query, page)


@hypothesis_settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(
    st.lists(st.sampled_from(FAMILY + MIDDLE + GIVEN), min_size=1, max_size=3).map(" ".join),
    st.text(alphabet="aăâbdđeêghiklmnoôơpqrstuưvxyàảãạáằẳẵặắầẩẫậấ %_\\", max_size=6)),
    page=st.sampled_from([None, "1", "2", "3"]), bounds=st.sampled_from(BOUNDS),
    persona=st.sampled_from(["specialist", "clerk_a", "clerk_b"]))
def test_any_query_gets_the_reference_page(world, crowd, query, page, bounds, persona):
    saved = queries.WALK_ENTRIES, queries.TRIGRAM_MATCHES
    queries.WALK_ENTRIES, queries.TRIGRAM_MATCHES = bounds
    try:
        assert_same_page(world.users[persona], query, page)
    finally:
        queries.WALK_ENTRIES, queries.TRIGRAM_MATCHES = saved


@pytest.mark.parametrize("bounds", BOUNDS, ids=["production", "walk-7", "walk-7-cap-5", "walk-1-cap-1"])
@pytest.mark.parametrize("query", ["", "a", "nguyen", "thi", "an"])
def test_a_clerk_never_sees_another_units_person(world, crowd, monkeypatch, bounds, query):
    monkeypatch.setattr(queries, "WALK_ENTRIES", bounds[0])
    monkeypatch.setattr(queries, "TRIGRAM_MATCHES", bounds[1])
    monkeypatch.setattr(queries, "FEW_UNITS", 0 if bounds[0] == 1 else queries.FEW_UNITS)
    readable = {"clerk_a": {world.unit_a.pk, world.unit_a_child.pk}, "clerk_b": {world.unit_b.pk}}
    for persona, units in readable.items():
        seen = []
        for page in range(1, 5):
            seen += [p.unit_id for p in queries.search_page(world.users[persona], query, str(page))]
        assert seen and set(seen) <= units


def page_queries(world, django_assert_num_queries, query, count):
    client = client_for(world, "specialist")
    client.get(reverse("people:list"))  # session and caches warm
    with django_assert_num_queries(count):
        response = client.get(reverse("people:list"), {"q": query})
    return response


# The request's own queries (session, user, memberships…) plus the page: the ids, then the persons with their
# units by id (none when no one matches).
@pytest.mark.parametrize(("query", "rows", "count"), [("xyz khong co", 0, 4), ("hao hanh", 1, 5),
                                                      ("", 50, 5)])
def test_the_page_makes_a_fixed_number_of_queries(world, crowd, django_assert_num_queries, query, rows, count):
    Person.objects.create(full_name="Ma Thị Hảo Hạnh", unit=world.unit_b, category=PersonCategory.CIVIL_SERVANT)
    response = page_queries(world, django_assert_num_queries, query, count)
    assert len(response.context["page"]) == rows
