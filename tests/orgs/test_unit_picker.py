"""The unit picker (tdkt.orgs.pickers, issue 21 item 5): labels that tell the identical names apart, the
orgs:choices search scoped to the user's units in a fixed number of queries, typed names without JavaScript,
the dossier form preselecting the clerk's own unit, and forms whose page does not grow with 2,000 units."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tdkt.dossiers.forms import DossierForm
from tdkt.lib.vntext import fold, normalize
from tdkt.movements.models import Movement
from tdkt.orgs.forms import CouncilMemberForm
from tdkt.orgs.models import Unit
from tdkt.orgs.pickers import DASH, match_typed, typed_parts, unit_label
from tests.conftest import client_for
from tests.factories import make_person, make_unit

URL = reverse("orgs:choices")
PLANNING = "Phòng Kế hoạch - Tài chính"


def search(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.fixture
def plannings(world):
    """The same office under three departments, and under the hospital (two levels below the province)."""
    return {parent.name: make_unit(PLANNING, parent=parent) for parent in
            (world.unit_a, world.unit_b, world.home_affairs, world.unit_a_child)}


def test_identical_names_are_told_apart_by_the_units_above(world, plannings):
    labels = sorted(result["label"] for result in search(client_for(world, "specialist"), "ke hoach")["results"])
    assert labels == [
        f"{PLANNING} — Bệnh viện Đa khoa tỉnh — Sở Y tế",
        f"{PLANNING} — Sở Giáo dục và Đào tạo",
        f"{PLANNING} — Sở Nội vụ",
        f"{PLANNING} — Sở Y tế",
    ]
    assert unit_label(Unit.objects.select_related("parent__parent").get(pk=world.province.pk)) == (
        "Ủy ban nhân dân tỉnh Lào Cai")


def test_the_search_offers_only_the_units_the_user_may_read(world, plannings):
    clerk_b = search(client_for(world, "clerk_b"), "ke hoach")["results"]
    assert [result["label"] for result in clerk_b] == [f"{PLANNING} — Sở Giáo dục và Đào tạo"]
    assert search(client_for(world, "clerk_b"), "y te")["results"] == []  # Sở Y tế is another unit's
    assert search(client_for(world, "clerk_b"), "k") == {"results": [], "more": False}  # too short
    assert client_for(world, "anonymous").get(URL, {"q": "so y"}).status_code == 302


def test_names_starting_with_the_text_come_first_and_more_is_said(world):
    for index in range(25):
        make_unit(f"Trường Tiểu học Số {index + 1}", parent=world.unit_b)
    found = search(client_for(world, "specialist"), "truong tieu hoc")
    assert len(found["results"]) == 20 and found["more"] is True
    first = search(client_for(world, "specialist"), "so giao")["results"]
    assert first[0]["label"] == "Sở Giáo dục và Đào tạo — Ủy ban nhân dân tỉnh Lào Cai"


def test_the_search_reads_the_same_number_of_queries_with_2000_units(world):
    client = client_for(world, "specialist")
    for i in range(3):
        make_unit(f"Phòng thứ {i}", parent=world.unit_b)

    def counted():
        with CaptureQueriesContext(connection) as captured:
            search(client, "phong")
        return len(captured)

    search(client, "phong")  # its first page marks the session active (a write)
    few = counted()
    Unit.objects.bulk_create([Unit(name=f"Phòng số {i}", code=f"P{i:05d}", kind="department", parent=world.unit_a)
                              for i in range(2000)])
    assert counted() == few


NAMES = st.text(st.characters(codec="utf-8", exclude_characters="—\x00"), min_size=1).filter(lambda t: normalize(t))


@given(NAMES, NAMES, NAMES)
def test_a_typed_label_is_read_back_as_the_unit_and_the_unit_above(name, parent, grandparent):
    assert typed_parts(DASH.join([name, parent, grandparent])) == (normalize(name), normalize(parent))
    assert typed_parts(name) == (normalize(name), "")


@pytest.mark.parametrize("text", ["Sở Y tế", " Sở Y tế ", "Sở Y tế — Ủy ban nhân dân tỉnh Lào Cai", "SYT", "syt"])
def test_a_typed_name_or_code_names_the_unit(world, text):
    assert list(match_typed(Unit.objects.all(), text)) == [world.unit_a]


def test_without_javascript_a_typed_name_with_its_parent_is_chosen_and_a_bare_one_is_refused(world, plannings):
    units = Unit.objects.all()
    base = {"title": "Hồ sơ khen thưởng", "kind": "annual", "authority": "province_chair", "year": 2026}
    form = DossierForm({**base, "unit_q": f"{PLANNING} — Sở Nội vụ"}, units=units, movements=Movement.objects.none())
    form.is_valid()
    assert form.cleaned_data["unit"] == plannings["Sở Nội vụ"]
    form = DossierForm({**base, "unit_q": PLANNING}, units=units, movements=Movement.objects.none())
    assert not form.is_valid()
    assert form.errors["unit"] == [
        f"Đơn vị trình: có 4 đơn vị tên “{PLANNING}”; hãy chọn trong danh sách, hoặc ghi thêm đơn vị cấp trên như "
        f"“{PLANNING} — Sở Y tế”."]


def test_the_dossier_form_preselects_the_clerks_unit_and_does_not_grow_with_2000_units(world):
    client = client_for(world, "clerk_a")

    def page():
        with CaptureQueriesContext(connection) as captured:
            html = client.get(reverse("dossiers:create")).content.decode()
        return html, len(captured)

    client.get(reverse("dossiers:create"))  # its first page marks the session active (a write)
    html, queries = page()
    assert f'<option value="{world.unit_a.pk}" selected>Sở Y tế — Ủy ban nhân dân tỉnh Lào Cai</option>' in html
    assert f'data-picker="{URL}"' in html
    Unit.objects.bulk_create([Unit(name=f"Phòng số {i}", code=f"P{i:05d}", kind="department", parent=world.unit_a)
                              for i in range(2000)])
    bigger, more_queries = page()
    assert (len(bigger), more_queries) == (len(html), queries)


def test_a_posted_unit_outside_the_form_is_refused_without_naming_it(world):
    form = DossierForm({"unit": world.unit_b.pk, "title": "x", "kind": "annual", "authority": "province_chair"},
                       units=Unit.objects.filter(pk=world.unit_a.pk), movements=Movement.objects.none())
    assert not form.is_valid()
    assert form.errors["unit"] == ["Đơn vị trình: đơn vị được chọn không thuộc các đơn vị ông/bà được chọn ở đây."]
    assert fold(world.unit_b.name) not in fold(str(form.errors))


def test_council_members_are_chosen_with_the_person_picker(world):
    make_person("Nguyễn Văn An", unit=world.unit_b)  # a namesake in the council's tree
    form = CouncilMemberForm({"person_q": "Nguyễn Văn An", "role": "member", "term_start": "01/07/2025"},
                             council=world.council)
    assert not form.is_valid() and "2" in form.errors["person"][0]
    outsider = make_person("Người Ngoài", unit=make_unit("Tỉnh khác"))
    form = CouncilMemberForm({"person": outsider.pk, "role": "member", "term_start": "01/07/2025"},
                             council=world.council)
    assert not form.is_valid() and "không thuộc" in form.errors["person"][0]
    html = str(CouncilMemberForm(council=world.council)["person"])
    assert 'data-picker="/people/choices/"' in html and "Nguyễn Văn An" not in html  # no list of everyone
