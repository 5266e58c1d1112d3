"""The quarterly contribution tracker: units asked (named, or members of a group that year) against what their
leaders confirmed in the quarter, over every registered kind; the ask's form with the unit picker; Excel; a fixed
number of queries whatever the number of units."""

import datetime
from io import BytesIO

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdkt.lib import portal_sections
from tdkt.lib.portal_sections import ContributionKind
from tdkt.news import clock, services, tracker
from tdkt.news.models import DEFAULT_PER_QUARTER, ContributionAsk
from tdkt.news.queries import quarter_bounds
from tdkt.news.transitions import ARTICLE_MACHINE
from tests.conftest import client_for
from tests.factories import make_unit
from tests.news.support import NOON, confirmed_article, leader_of, make_article


@pytest.fixture
def at_noon(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOON)  # 04/05/2026: quarter II


def _ask(world, units, *, per_quarter=DEFAULT_PER_QUARTER, group=None, year=2026):
    return services.save_ask(None, by=world.users["specialist"], year=year, per_quarter=per_quarter, units=units,
                             group=group)


def test_the_default_number_per_quarter_is_one_from_the_plan():
    assert DEFAULT_PER_QUARTER == 1
    assert ContributionAsk._meta.get_field("per_quarter").default == 1


def test_a_confirmed_article_counts_for_its_unit_in_the_quarter_of_its_confirmation(world, at_noon):
    leader = leader_of(world)
    _ask(world, [world.unit_a, world.unit_b])
    confirmed_article(world, leader)
    rows = tracker.tracker_rows(2026, 2)
    assert [(r.name, r.asked, r.sent.get("news", 0), r.missing) for r in rows] == [
        ("Sở Giáo dục và Đào tạo", 1, 0, 1), ("Sở Y tế", 1, 1, 0)]
    assert [r.sent.get("news", 0) for r in tracker.tracker_rows(2026, 1)] == [0, 0]


def test_a_returned_article_no_longer_counts_until_confirmed_again(world, at_noon):
    leader = leader_of(world)
    _ask(world, [world.unit_a])
    article = confirmed_article(world, leader)
    ARTICLE_MACHINE.run(article, "return", by=world.users["specialist"], reason="Bổ sung ảnh")
    assert tracker.tracker_rows(2026, 2)[0].sent == {}


def test_a_draft_or_an_article_awaiting_its_leader_does_not_count(world, at_noon):
    _ask(world, [world.unit_a])
    article = make_article(world)
    ARTICLE_MACHINE.perform(article, "send", by=world.users["clerk_a"])
    assert tracker.tracker_rows(2026, 2)[0].total == 0


def test_group_members_are_asked_and_several_asks_add_up(world):
    _ask(world, [], group=world.group_year.group, per_quarter=2)
    _ask(world, [world.unit_b])
    rows = {r.name: r.asked for r in tracker.tracker_rows(2026, 1)}
    assert rows == {"Sở Y tế": 2, "Sở Giáo dục và Đào tạo": 3}


def test_every_registered_kind_is_summed(world, at_noon, monkeypatch):
    leader = leader_of(world)
    _ask(world, [world.unit_a], per_quarter=2)
    confirmed_article(world, leader)
    kinds = dict(portal_sections.CONTRIBUTIONS)
    kinds["exemplars"] = ContributionKind("exemplars", "Gương điển hình", lambda year, quarter: {world.unit_a.pk: 1})
    monkeypatch.setattr(portal_sections, "CONTRIBUTIONS", kinds)
    monkeypatch.setattr(tracker, "CONTRIBUTIONS", kinds)
    row = tracker.tracker_rows(2026, 2)[0]
    assert (row.sent, row.total, row.missing) == ({"news": 1, "exemplars": 1}, 2, 0)


def test_an_ask_needs_units_or_a_group(world):
    with pytest.raises(ValidationError, match="Đơn vị được giao: chọn các đơn vị, hoặc một cụm, khối thi đua"):
        _ask(world, [])


def test_the_tracker_costs_the_same_for_2_or_30_units(world, django_assert_num_queries):
    _ask(world, [world.unit_a, world.unit_b])
    _ask(world, [], group=world.group_year.group)
    kinds = len(portal_sections.CONTRIBUTIONS)  # news and exemplars: one count each
    with django_assert_num_queries(4 + kinds):  # asks, their units, group members, unit names, each kind's counts
        assert len(tracker.tracker_rows(2026, 1)) == 2
    many = [make_unit(f"Xã {n:02d}", parent=world.province, code=f"X{n:02d}") for n in range(28)]
    _ask(world, many)
    with django_assert_num_queries(4 + kinds):
        assert len(tracker.tracker_rows(2026, 1)) == 30


def test_the_tracker_page_and_its_excel_export(world, at_noon):
    leader = leader_of(world)
    _ask(world, [world.unit_a, world.unit_b])
    confirmed_article(world, leader)
    client = client_for(world, "specialist")
    page = client.get(reverse("news:contributions"), {"year": 2026, "quarter": 2})
    assert [(row.name, counts) for row, counts in page.context["rows"]] == [
        ("Sở Giáo dục và Đào tạo", [0, 0]), ("Sở Y tế", [0, 1])]  # exemplars, news
    assert page.context["short"] == 1
    response = client.get(reverse("news:contributions_export"), {"year": 2026, "quarter": 2})
    book = openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content)))
    rows = [list(row) for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert rows == [["TT", "Đơn vị", "Số được giao", "Điển hình tiên tiến", "Tin, bài", "Tổng số đã gửi", "Còn thiếu"],
                    [1, "Sở Giáo dục và Đào tạo", 1, 0, 0, 0, 1], [2, "Sở Y tế", 1, 0, 1, 1, 0],
                    [None, "Tổng cộng", 2, 0, 1, 1, 1]]


def test_the_ask_form_chooses_units_with_the_picker(world):
    client = client_for(world, "specialist")
    page = client.get(reverse("news:ask_new"))
    assert page.status_code == 200
    response = client.post(reverse("news:ask_new"), {"year": 2026, "per_quarter": 1,
                                                     "units": [world.unit_a.pk, world.unit_b.pk],
                                                     "note": "Kế hoạch số 12/KH-VP"})
    assert response.status_code == 302 and response["Location"] == reverse("news:contributions") + "?year=2026"
    ask = ContributionAsk.objects.get()
    assert sorted(u.pk for u in ask.units.all()) == sorted([world.unit_a.pk, world.unit_b.pk])
    assert (ask.per_quarter, ask.note) == (1, "Kế hoạch số 12/KH-VP")


def test_the_ask_form_refuses_nothing_chosen_naming_the_field(world):
    response = client_for(world, "specialist").post(reverse("news:ask_new"), {"year": 2026, "per_quarter": 1})
    assert response.context["form"].errors["units"] == [
        "Đơn vị được giao: chọn các đơn vị, hoặc một cụm, khối thi đua, hoặc cả hai."]


def test_quarter_bounds_are_local_days():
    start, end = quarter_bounds(2026, 4)
    assert (start.date(), end.date()) == (datetime.date(2026, 10, 1), datetime.date(2027, 1, 1))
