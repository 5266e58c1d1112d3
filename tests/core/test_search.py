"""The header's search: people, units, dossiers and decisions, within what the user may read, in a fixed
number of queries, without diacritics."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.awards.models import AwardType
from tdkt.core.search import search_everything
from tdkt.decisions.models import Decision
from tdkt.decisions.queries import TYPED_NUMBER as NUMBER
from tdkt.dossiers.models import Dossier
from tests.conftest import client_for
from tests.factories import make_authority, make_person, make_unit


def _decision(authority, number, title="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh"):
    return Decision.objects.create(authority=authority, year=2026, number=number, title=title, achievement_year=2025,
                                   award_type=AwardType.objects.get(code="BK_TINH"))


def _found(html: str, kind: str) -> list[str]:
    section = re.search(rf'<section id="found-{kind}">(.*?)</section>', html, re.S)
    return re.findall(r"<li><a [^>]*>([^<]+)</a>", section.group(1)) if section else []


def test_a_person_is_found_by_name_without_diacritics_within_scope(world):
    html = client_for(world, "clerk_a").get(reverse("core:search"), {"q": "nguyen van an"}).content.decode()
    assert _found(html, "people") == ["Nguyễn Văn An"]
    other = client_for(world, "clerk_b").get(reverse("core:search"), {"q": "nguyen van an"}).content.decode()
    assert _found(other, "people") == [] and 'id="search-none"' in other


def test_units_dossiers_and_decisions_are_grouped_by_kind(world):
    authority = make_authority(world.province, symbol="QĐ-UBND")
    _decision(authority, 123)
    _decision(authority, 124)
    Dossier.objects.create(unit=world.unit_a, year=2025, title="Khen thưởng tổng kết năm 2025 Sở Y tế")
    specialist = client_for(world, "specialist")
    html = specialist.get(reverse("core:search"), {"q": "so y te"}).content.decode()
    assert _found(html, "units") == ["Sở Y tế"]
    by_number = specialist.get(reverse("core:search"), {"q": "123/QĐ-UBND"}).content.decode()
    assert _found(by_number, "decisions") == ["123/QĐ-UBND"]
    folded = specialist.get(reverse("core:search"), {"q": "123 / qd-ubnd"}).content.decode()
    assert _found(folded, "decisions") == ["123/QĐ-UBND"]
    assert _found(specialist.get(reverse("core:search"), {"q": "123/QĐ-SYT"}).content.decode(), "decisions") == []
    dossier_html = specialist.get(reverse("core:search"), {"q": "tổng kết năm 2025"}).content.decode()
    assert len(_found(dossier_html, "dossiers")) == 1


def test_a_unit_user_finds_no_draft_decision_of_the_province(world):
    _decision(make_authority(world.province, symbol="QĐ-UBND"), 7)
    results = search_everything(world.users["clerk_b"], "7/QĐ-UBND")
    assert results.decisions.rows == []
    assert [d.number for d in search_everything(world.users["specialist"], "7/QĐ-UBND").decisions.rows] == [7]


def test_a_query_shorter_than_two_letters_searches_nothing(world):
    with CaptureQueriesContext(connection) as queries:
        results = search_everything(world.users["specialist"], " a ")
    assert not results.searched and results.total == 0 and len(queries) == 0


def _count_queries(client, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:search"), {"q": query}).status_code == 200
    return len(queries)


def test_the_search_runs_a_fixed_number_of_queries(world):
    client = client_for(world, "clerk_a")
    authority = make_authority(world.unit_a, symbol="QĐ-SYT")
    client.get(reverse("core:search"), {"q": "nguyen"})  # warm caches (content types, award types)
    few = _count_queries(client, "nguyen")
    for index in range(30):
        unit = make_unit(f"Khoa Nguyễn số {index}", parent=world.unit_a, code=f"K{index}")
        make_person(f"Nguyễn Văn Bình {index}", unit=unit)
        Dossier.objects.create(unit=world.unit_a, year=2025, title=f"Hồ sơ Nguyễn {index}")
        _decision(authority, index + 1, title=f"Về việc khen Nguyễn {index}").lines.count()
    client = client_for(world, "clerk_a")  # a new session computes the larger scope
    client.get(reverse("core:search"), {"q": "nguyen"})  # its first page marks the session active (a write)
    assert _count_queries(client, "nguyen") == few


@given(number=st.integers(min_value=1, max_value=9_999_999), symbol=st.sampled_from(["QĐ-UBND", "qd-ubnd", "QĐ-SYT"]),
       spaces=st.sampled_from(["", " ", "  "]))
def test_a_decision_number_as_typed_is_read(number, symbol, spaces):
    match = NUMBER.match(f"{number}{spaces}/{spaces}{symbol}")
    assert int(match["number"]) == number and match["symbol"] == symbol


@pytest.mark.parametrize("text", ["Nguyễn", "QĐ-UBND", "12a/QĐ", "/QĐ"])
def test_text_that_is_no_decision_number_is_searched_as_a_title(text):
    assert NUMBER.match(text) is None


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=120) | st.from_regex(r"\d{1,25}(/[A-Za-zĐđ-]{0,12})?", fullmatch=True))
def test_any_typed_text_is_searched_without_error(world, text):
    results = search_everything(world.users["clerk_a"], text)
    assert results.total == 0 or results.searched
