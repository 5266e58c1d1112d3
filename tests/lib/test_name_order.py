"""Names in Vietnamese order through one helper (tdkt.lib.names.vietnamese_order / display_name): the family
name first, never Django's "first last"."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tdkt.accounts.models import User
from tdkt.lib.names import display_name, vietnamese_order
from tests.conftest import client_for

WORD = st.sampled_from(["Nguyễn", "Thu", "Lan", "Trần", "Thị", "Giàng", "A", "Páo", "Lê", "Văn", "An"])
PART = st.lists(WORD, min_size=0, max_size=3).map(" ".join)


@pytest.mark.parametrize(("family", "given_name", "expected"), [
    ("Nguyễn", "Thu Lan", "Nguyễn Thu Lan"),
    ("  Nguyễn ", " Thu  Lan", "Nguyễn Thu Lan"),
    ("", "Lan", "Lan"),
    ("Nguyễn", "", "Nguyễn"),
    ("", "", ""),
])
def test_the_family_name_comes_first(family, given_name, expected):
    assert vietnamese_order(family, given_name) == expected


@given(PART, PART)
def test_vietnamese_order_starts_with_the_family_name_and_keeps_every_word(family, given_name):
    name = vietnamese_order(family, given_name)
    assert name.split() == family.split() + given_name.split()


@pytest.mark.parametrize(("someone", "expected"), [
    (SimpleNamespace(full_name="Nguyễn Thu Lan", last_name="X", first_name="Y", username="lan"), "Nguyễn Thu Lan"),
    (SimpleNamespace(full_name="", last_name="Nguyễn", first_name="Thu Lan", username="lan"), "Nguyễn Thu Lan"),
    (SimpleNamespace(full_name="", last_name="", first_name="", username="vanthu.a"), "vanthu.a"),
    (None, ""),
])
def test_display_name_prefers_the_recorded_name_then_the_parts_then_the_username(someone, expected):
    assert display_name(someone) == expected


def test_a_user_without_a_full_name_is_named_family_name_first():
    # Django's AbstractUser.get_full_name would say "Thu Lan Nguyễn": the issue saw it in the dossier module.
    user = User(username="lan", first_name="Thu Lan", last_name="Nguyễn")
    assert (user.get_full_name(), str(user)) == ("Nguyễn Thu Lan", "Nguyễn Thu Lan")


def test_a_user_with_a_full_name_is_named_as_recorded():
    user = User(username="lan", full_name="Nguyễn Thị Thu Lan", first_name="Lan", last_name="Nguyễn")
    assert (user.get_full_name(), str(user)) == ("Nguyễn Thị Thu Lan", "Nguyễn Thị Thu Lan")


def test_the_user_menu_shows_the_officers_name_in_vietnamese_order_not_the_username(world):
    clerk = world.users["clerk_a"]
    User.objects.filter(pk=clerk.pk).update(full_name="", first_name="Thu Lan", last_name="Nguyễn")
    response = client_for(world, "clerk_a").get(reverse("core:dashboard"))
    assert '<span class="who">Nguyễn Thu Lan</span>' in response.content.decode()
