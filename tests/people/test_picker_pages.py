"""The forms of issue 20 that name persons (initiative authors and council members, the inspection team, a
class's trainees) at provincial scale: with 2,000 persons in the registry the page runs the same queries as
with a handful and carries none of them; without JavaScript a typed name is resolved within the user's scope."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.initiatives.models import Work
from tdkt.inspections.models import Inspection
from tdkt.lib.vntext import fold
from tdkt.people.enums import PersonCategory
from tdkt.people.models import Person
from tdkt.training.models import Trainee
from tests.conftest import client_for
from tests.factories import make_person
from tests.initiatives.support import registered
from tests.training.support import make_training

CROWD = 2_000
MAX_PAGE_BYTES = 60_000


def _crowd(world):
    """2,000 persons over the three units: "Crowd Person 0001" … (a name no page may print)."""
    units = [world.unit_a, world.unit_a_child, world.unit_b]
    Person.objects.bulk_create([
        Person(full_name=f"Lò Văn Đông {i:04d}", name_folded=fold(f"Lò Văn Đông {i:04d}"), unit=units[i % 3],
               category=PersonCategory.CIVIL_SERVANT, birth_year=1960 + i % 40) for i in range(CROWD)])


PAGES = [
    ("initiatives:new", lambda world: {}, "clerk_a"),
    ("initiatives:new", lambda world: {}, "specialist"),
    ("initiatives:evaluate", lambda world: {"pk": registered(world).pk}, "clerk_a"),
    ("inspections:new", lambda world: {}, "specialist"),
    ("training:detail", lambda world: {"pk": make_training(world).pk}, "clerk_a"),
    ("training:detail", lambda world: {"pk": make_training(world, by="specialist", targets=[world.unit_a])
                                       .pk}, "specialist"),
]


@pytest.mark.parametrize("name, kwargs, persona", PAGES, ids=[f"{n}-{p}" for n, _k, p in PAGES])
def test_the_page_stays_small_and_its_queries_fixed_with_2000_persons(world, name, kwargs, persona):
    url = reverse(name, kwargs=kwargs(world))
    client = client_for(world, persona)
    client.get(url)  # warm: session, scope, catalogues
    with CaptureQueriesContext(connection) as few:
        small = client.get(url)
    _crowd(world)
    with CaptureQueriesContext(connection) as many:
        large = client.get(url)
    html = large.content.decode()
    assert (small.status_code, large.status_code) == (200, 200)
    assert len(many) == len(few)
    assert "Lò Văn Đông" not in html and len(large.content) < MAX_PAGE_BYTES
    assert 'class="picker"' in html and f'data-picker="{reverse("people:choices")}"' in html


def _initiative(world, authors: dict):
    data = {"kind": "initiative", "title": "Ứng dụng phần mềm quản lý văn bản", "unit": world.unit_a.pk,
            "field": "Hành chính", "applied_on": "15/03/2025", "summary": "", "authors-TOTAL_FORMS": "4",
            "authors-INITIAL_FORMS": "0", "authors-MIN_NUM_FORMS": "0", "authors-MAX_NUM_FORMS": "20", **authors}
    return client_for(world, "clerk_a").post(reverse("initiatives:new"), data)


def test_without_javascript_an_author_is_typed_without_diacritics(world):
    response = _initiative(world, {"authors-0-person_q": "nguyen van an", "authors-0-share": "60",
                                   "authors-1-person": world.person_a_child.pk, "authors-1-share": "40"})
    assert response.status_code == 302
    work = Work.objects.get()
    assert [(a.person_id, a.share) for a in work.authors.order_by("id")] == [
        (world.person_a.pk, 60), (world.person_a_child.pk, 40)]


def test_a_typed_author_with_namesakes_is_asked_for_more_and_nothing_is_saved(world):
    make_person("Nguyễn Văn An", unit=world.unit_a_child)
    response = _initiative(world, {"authors-0-person_q": "Nguyen Van An", "authors-0-share": "100"})
    assert response.status_code == 200 and Work.objects.count() == 0
    assert response.context["authors"].forms[0].errors["person"] == [
        "Tác giả: có 2 người tên “Nguyen Van An”; hãy chọn trong danh sách, hoặc gõ thêm năm sinh và đơn vị "
        "như “Nguyễn Văn An (1985) — Sở Y tế”."]
    assert 'value="Nguyen Van An"' in response.content.decode()  # what he typed is kept


def test_another_units_author_posted_by_hand_is_refused(world):
    response = _initiative(world, {"authors-0-person": world.person_b.pk, "authors-0-share": "100"})
    assert response.status_code == 200 and Work.objects.count() == 0
    assert response.context["authors"].forms[0].errors["person"] == [
        "Tác giả: người đã chọn không thuộc phạm vi những người bạn được chọn."]
    assert world.person_b.full_name not in response.content.decode()


def test_without_javascript_the_inspection_team_is_typed(world):
    response = client_for(world, "specialist").post(reverse("inspections:new"), {
        "year": "2026", "title": "Kiểm tra công tác TĐKT tại Sở Y tế", "starts_on": "04/05/2026",
        "ends_on": "15/05/2026", "units": [world.unit_a.pk], "leader_q": "giang a pao",
        "members_q": "nguyen van an; dang thi dao"})
    assert response.status_code == 302
    team = Inspection.objects.get().team.order_by("-is_leader", "person__name_folded")
    assert [(m.person_id, m.is_leader) for m in team] == [
        (world.person_b.pk, True), (world.person_a_child.pk, False), (world.person_a.pk, False)]


def test_without_javascript_a_clerk_adds_trainees_by_name_beyond_any_cap(world):
    _crowd(world)
    training = make_training(world)
    client = client_for(world, "clerk_a")
    response = client.post(reverse("training:trainees_add", args=[training.pk]),
                           {"person_q": "lo van dong 1998; nguyen van an"}, follow=True)
    assert response.status_code == 200
    assert sorted(Trainee.objects.values_list("person__full_name", flat=True)) == ["Lò Văn Đông 1998",
                                                                                  "Nguyễn Văn An"]


def test_a_clerk_typing_another_units_person_gets_the_vietnamese_message(world):
    training = make_training(world, by="specialist", organiser=world.home_affairs, targets=[world.unit_a, world.unit_b])
    response = client_for(world, "clerk_a").post(reverse("training:trainees_add", args=[training.pk]),
                                                 {"person_q": "giang a pao"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Người được thêm: không có ai tên “giang a pao” trong phạm vi những người bạn được chọn."]
    assert Trainee.objects.count() == 0


def test_the_search_offers_a_clerk_his_own_units_and_the_standing_body_anyone(world):
    training = make_training(world, by="specialist", organiser=world.home_affairs, targets=[world.unit_b])
    url = reverse("training:detail", args=[training.pk])
    own = sorted([world.unit_a.pk, world.unit_a_child.pk])
    clerk_page = client_for(world, "clerk_b").get(url).content.decode()
    assert f'data-picker-params="unit={world.unit_b.pk}"' in clerk_page  # the search offers what the field takes
    training_a = make_training(world, by="specialist", organiser=world.home_affairs, targets=[world.unit_a])
    clerk_a_page = client_for(world, "clerk_a").get(reverse("training:detail", args=[training_a.pk])).content.decode()
    assert f'data-picker-params="unit={own[0]}&amp;unit={own[1]}"' in clerk_a_page
    client = client_for(world, "specialist")
    assert 'data-picker-params=""' in client.get(url).content.decode()
    client.post(reverse("training:trainees_add", args=[training.pk]), {"person": [world.person_a.pk]})
    assert list(Trainee.objects.values_list("person_id", flat=True)) == [world.person_a.pk]  # not a target: allowed
