"""The person picker (tdkt.lib.pickers, tdkt.people.pickers): the search endpoint per persona (scoped, folded,
at most 20 results, fixed queries, labelled so namesakes are told apart), the field's validation against its
scoped queryset (a pk posted by hand from another unit is refused in Vietnamese) and the no-JS fallback (a
typed name resolved server-side: one match chosen; none or several named with the count)."""

import datetime
import json

import pytest
from django import forms
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tdkt.lib.pickers import MAX_RESULTS, Typed
from tdkt.lib.vntext import fold
from tdkt.people.enums import PersonCategory
from tdkt.people.models import Person
from tdkt.people.pickers import TYPED, PersonField, PersonsField, person_label
from tdkt.people.queries import people_for_user
from tests.conftest import client_for
from tests.factories import make_person

URL = reverse("people:choices")


def _search(world, persona, **params):
    response = client_for(world, persona).get(URL, params)
    return response.status_code, (json.loads(response.content) if response.status_code in (200, 400) else None)


def _labels(world, persona, **params):
    status, body = _search(world, persona, **params)
    assert status == 200
    return [row["label"] for row in body["results"]]


def test_the_specialist_finds_a_person_without_diacritics_labelled_with_year_and_unit(world):
    status, body = _search(world, "specialist", q="nguyen van an")
    assert status == 200
    assert body == {"results": [{"id": world.person_a.pk, "label": "Nguyễn Văn An (1985) — Sở Y tế"}], "more": False}


def test_a_person_without_a_year_of_birth_is_labelled_with_the_unit(world):
    assert _labels(world, "specialist", q="GIANG a PAO") == ["Giàng A Páo — Sở Giáo dục và Đào tạo"]


def test_a_unit_clerk_finds_his_units_persons_only(world):
    assert _labels(world, "clerk_a", q="van an") == ["Nguyễn Văn An (1985) — Sở Y tế"]
    assert _labels(world, "clerk_a", q="dao") == ["Đặng Thị Đào — Bệnh viện Đa khoa tỉnh"]  # his sub-unit's
    assert _labels(world, "clerk_a", q="giang a pao") == []


def test_another_units_clerk_never_gets_unit_as_persons(world):
    assert _labels(world, "clerk_b", q="nguyen van an") == []
    assert _labels(world, "clerk_b", q="nguyen van an", unit=world.unit_a.pk) == []  # asking for the unit: no
    assert _labels(world, "clerk_b", q="pao") == ["Giàng A Páo — Sở Giáo dục và Đào tạo"]


def test_the_unit_parameter_narrows_within_the_scope(world):
    make_person("Nguyễn Văn An", unit=world.unit_b, birth_year=1990)
    assert _labels(world, "specialist", q="nguyen van an") == [
        "Nguyễn Văn An (1985) — Sở Y tế", "Nguyễn Văn An (1990) — Sở Giáo dục và Đào tạo"]
    assert _labels(world, "specialist", q="nguyen van an", unit=world.unit_b.pk) == [
        "Nguyễn Văn An (1990) — Sở Giáo dục và Đào tạo"]
    assert _labels(world, "specialist", q="nguyen van an", unit=[world.unit_a.pk, world.unit_b.pk]) == [
        "Nguyễn Văn An (1985) — Sở Y tế", "Nguyễn Văn An (1990) — Sở Giáo dục và Đào tạo"]


def test_merged_duplicates_are_not_offered(world):
    make_person("Nguyễn Văn An", unit=world.unit_a, merged_into=world.person_a)
    assert _labels(world, "specialist", q="nguyen van an") == ["Nguyễn Văn An (1985) — Sở Y tế"]


def test_the_anonymous_visitor_is_sent_to_sign_in(world):
    status, _body = _search(world, "anonymous", q="nguyen")
    assert status == 302


def test_a_query_shorter_than_two_letters_answers_nothing(world):
    assert _labels(world, "specialist", q="a") == []
    assert _labels(world, "specialist", q="  ") == []


def test_a_malformed_unit_is_refused_in_vietnamese(world):
    status, body = _search(world, "specialist", q="nguyen", unit="abc")
    assert (status, body["results"], body["error"]) == (400, [], "Yêu cầu tìm kiếm không hợp lệ.")


def _crowd(unit, count, name="Trần Văn Bình"):
    Person.objects.bulk_create([Person(full_name=name, name_folded=fold(name), unit=unit, category=PersonCategory.CIVIL_SERVANT,
                                       birth_year=1960 + i % 40) for i in range(count)])


@pytest.mark.parametrize("persona", ["specialist", "clerk_a"])
def test_at_most_twenty_results_in_a_fixed_number_of_queries(world, persona):
    _crowd(world.unit_a, 3)
    client = client_for(world, persona)
    client.get(URL, {"q": "tran van binh"})  # the session and the scope are read once per request either way
    with CaptureQueriesContext(connection) as few:
        few_body = json.loads(client.get(URL, {"q": "tran van binh"}).content)
    _crowd(world.unit_a, 200)
    with CaptureQueriesContext(connection) as many:
        many_body = json.loads(client.get(URL, {"q": "tran van binh"}).content)
    assert (len(few_body["results"]), few_body["more"]) == (3, False)
    assert (len(many_body["results"]), many_body["more"]) == (MAX_RESULTS, True)
    assert len(many) == len(few)


# --- The field: scoped queryset, posted pks, typed names -----------------------------------------------------


class TeamForm(forms.Form):
    leader = PersonField(label="Trưởng đoàn")
    members = PersonsField(label="Thành viên đoàn", required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = people
        self.fields["members"].queryset = people


def _form(world, persona, data: dict):
    post = QueryDict(mutable=True)
    for key, value in data.items():
        post.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    return TeamForm(post, people=people_for_user(world.users[persona]))


def test_posted_pks_in_the_scope_are_accepted(world):
    form = _form(world, "clerk_a", {"leader": world.person_a.pk, "members": [world.person_a_child.pk]})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["leader"], list(form.cleaned_data["members"])) == (world.person_a, [world.person_a_child])


@pytest.mark.parametrize("persona, accepted", [("specialist", True), ("clerk_a", False), ("clerk_b", True),
                                               ("council_member", True)])
def test_a_pk_of_another_unit_posted_by_hand_is_refused_per_persona(world, persona, accepted):
    form = _form(world, persona, {"leader": world.person_b.pk, "members": [world.person_b.pk]})
    assert form.is_valid() is accepted
    if not accepted:
        assert form.errors == {
            "leader": ["Trưởng đoàn: người đã chọn không thuộc phạm vi những người bạn được chọn."],
            "members": ["Thành viên đoàn: người đã chọn không thuộc phạm vi những người bạn được chọn."]}


def test_a_value_that_is_no_pk_is_refused_the_same_way(world):
    form = _form(world, "specialist", {"leader": "abc", "members": ["1x"]})
    assert form.errors["leader"] == ["Trưởng đoàn: người đã chọn không thuộc phạm vi những người bạn được chọn."]
    assert form.errors["members"] == ["Thành viên đoàn: người đã chọn không thuộc phạm vi những người bạn được chọn."]


def test_a_typed_name_without_diacritics_chooses_the_one_person(world):
    form = _form(world, "clerk_a", {"leader_q": "nguyen van an", "members_q": "dang thi dao; NGUYEN VAN AN"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["leader"] == world.person_a
    assert set(form.cleaned_data["members"]) == {world.person_a, world.person_a_child}


def test_a_typed_name_adds_to_the_chosen_members(world):
    form = _form(world, "specialist", {"leader": world.person_b.pk, "members": [world.person_b.pk],
                                       "members_q": "nguyen van an"})
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["members"]) == {world.person_a, world.person_b}


def test_a_typed_name_nobody_in_scope_has_is_named_with_the_field(world):
    form = _form(world, "clerk_a", {"leader_q": "giang a pao", "members_q": "dang thi dao; tran van khong"})
    assert form.errors == {
        "leader": ["Trưởng đoàn: không có ai tên “giang a pao” trong phạm vi những người bạn được chọn."],
        "members": ["Thành viên đoàn: không có ai tên “tran van khong” trong phạm vi những người bạn được chọn."]}


def test_namesakes_are_counted_and_told_apart_by_year_then_unit(world):
    make_person("Nguyễn Văn An", unit=world.unit_a_child, birth_date=datetime.date(1985, 9, 9))
    make_person("Nguyễn Văn An", unit=world.unit_a_child, birth_year=1992)
    form = _form(world, "clerk_a", {"leader_q": "nguyen van an"})
    assert form.errors["leader"] == [
        "Trưởng đoàn: có 3 người tên “nguyen van an”; hãy chọn trong danh sách, hoặc gõ thêm năm sinh và đơn vị "
        "như “Nguyễn Văn An (1985) — Sở Y tế”."]
    assert "có 2 người" in _form(world, "clerk_a", {"leader_q": "nguyen van an (1985)"}).errors["leader"][0]
    assert _form(world, "clerk_a", {"leader_q": "Nguyễn Văn An (1992)"}).is_valid()
    chosen = _form(world, "clerk_a", {"leader_q": "Nguyễn Văn An (1985) — Sở Y tế"})
    assert chosen.is_valid() and chosen.cleaned_data["leader"] == world.person_a


def test_a_required_picker_left_empty_says_so(world):
    form = _form(world, "specialist", {"leader": "", "leader_q": ""})
    assert form.errors["leader"] == ["Trường này là bắt buộc."]


def test_too_many_typed_names_are_refused(world):
    form = _form(world, "specialist", {"leader": world.person_a.pk, "members_q": ";".join(["an"] * 51)})
    assert form.errors["members"] == ["Thành viên đoàn: chỉ gõ được tối đa 50 tên một lần."]


def test_the_widget_prints_only_the_chosen_persons_and_keeps_the_typed_text(world):
    _crowd(world.unit_a, 50)
    form = _form(world, "specialist", {"leader": world.person_b.pk, "members": [world.person_a.pk],
                                       "members_q": "tran van binh"})
    assert not form.is_valid()
    with CaptureQueriesContext(connection) as queries:
        html = str(form["leader"]) + str(form["members"])
    assert len(queries) == 2  # one per field: its chosen persons
    assert html.count("<option") == 3  # the leader's empty choice, the leader, the member
    assert "Giàng A Páo — Sở Giáo dục và Đào tạo" in html and "Nguyễn Văn An (1985) — Sở Y tế" in html
    assert 'value="tran van binh"' in html and "Trần Văn Bình" not in html
    assert f'data-picker="{URL}"' in html and 'id="id_members_q"' in html
    assert 'aria-describedby="id_members_hint"' in html
    assert "required" not in html  # emptied once a row is chosen: the browser must not block the form


def test_a_chosen_pk_outside_the_scope_is_not_printed(world):
    form = _form(world, "clerk_a", {"leader": world.person_b.pk})
    assert world.person_b.full_name not in str(form["leader"])


def test_the_typed_value_is_what_the_widget_reads():
    widget = PersonField().widget
    data = QueryDict("leader=3&leader_q=+an+")
    assert widget.value_from_datadict(data, {}, "leader") == Typed(["3"], "an")
    assert widget.value_from_datadict(QueryDict("leader=3"), {}, "leader") == "3"


# --- The typed label's grammar -------------------------------------------------------------------------------

WORDS = st.sampled_from(["Nguyễn", "Văn", "An", "Thị", "Đào", "Giàng", "A", "Páo", "Lê-Na", "H'Hen", "Sùng"])
UNITS = st.sampled_from(["Sở Y tế", "Sở Giáo dục và Đào tạo", "Ban Thi đua - Khen thưởng", "UBND xã Tả Van"])


@given(st.lists(WORDS, min_size=1, max_size=5), st.none() | st.integers(1900, 2030), UNITS)
def test_a_label_typed_back_gives_its_name_year_and_unit(words, year, unit):
    class Shown:
        full_name = " ".join(words)
        birth_year = year
        birth_date = None

    Shown.unit = type("U", (), {"name": unit})
    parts = TYPED.match(person_label(Shown))
    assert (parts["name"], parts["year"] and int(parts["year"]), parts["unit"]) == (" ".join(words), year, unit)


@given(st.text(max_size=80))
def test_any_typed_text_parses_or_falls_back_to_the_whole_name(text):
    parts = TYPED.match(text.strip())
    assert parts is None or parts["name"] is not None
