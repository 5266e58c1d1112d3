"""The portal's search: accent-free, grouped by section, published content only, a fixed number of queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tdkt.decisions.enums import DecisionState, LineGroup
from tdkt.dossiers.postings.enums import NoticeState
from tdkt.lib import portal_sections
from tdkt.lib.portal_sections import PortalHit, Section
from tdkt.portal.search import LIMIT, search
from tests.certificates.support import issued_decision
from tests.decisions.support import make_authority
from tests.portal.support import future_movement, launched_movement, notice


@pytest.fixture
def no_sections(monkeypatch):
    monkeypatch.setattr(portal_sections, "SECTIONS", {})


def _found(results):
    return {group.key: [hit.title for hit in group.hits] for group in results.groups}


def test_a_name_without_diacritics_finds_the_published_decision_that_awards_it(world, no_sections):
    issued_decision(world, number=123)
    assert _found(search("nguyen van an")) == {"notices": [], "decisions": ["Quyết định số 123/QĐ-UBND"],
                                                 "movements": []}


def test_a_draft_or_unpublished_decision_is_never_found(world, no_sections):
    issued_decision(world, number=7, state=DecisionState.DRAFT)
    issued_decision(world, number=8, state=DecisionState.SIGNED)
    assert _found(search("nguyen van an"))["decisions"] == []
    assert _found(search("8/QĐ-UBND"))["decisions"] == []


def test_a_decision_is_found_by_its_number_and_by_words_of_its_title(world, no_sections):
    issued_decision(world, number=123)
    issued_decision(world, number=45, lines=[(LineGroup.INDIVIDUAL, {"person": world.person_b}, "Ông Giàng A Páo",
                                             "Trưởng bản")])
    assert _found(search("123/QĐ-UBND"))["decisions"] == ["Quyết định số 123/QĐ-UBND"]
    assert _found(search("45"))["decisions"] == ["Quyết định số 45/QĐ-UBND"]
    assert _found(search("giang a pao"))["decisions"] == ["Quyết định số 45/QĐ-UBND"]
    assert sorted(_found(search("tang bang khen"))["decisions"]) == ["Quyết định số 123/QĐ-UBND",
                                                                    "Quyết định số 45/QĐ-UBND"]


def test_a_typed_symbol_tells_apart_two_decisions_of_the_same_number(world, no_sections):
    issued_decision(world, number=12)
    health = make_authority(name="Sở Y tế tỉnh Lào Cai", symbol="QĐ-SYT", unit=world.unit_a)
    issued_decision(world, number=12, issuer=health)
    assert _found(search("12/QĐ-UBND"))["decisions"] == ["Quyết định số 12/QĐ-UBND"]
    assert _found(search("12 / qd-syt"))["decisions"] == ["Quyết định số 12/QĐ-SYT"]
    assert sorted(_found(search("12"))["decisions"]) == ["Quyết định số 12/QĐ-SYT", "Quyết định số 12/QĐ-UBND"]
    assert _found(search("12/QĐ-UBTX"))["decisions"] == []


def test_notices_and_movements_are_found_accent_free_when_public(world, no_sections):
    notice("Công khai danh sách đề nghị tặng Huân chương Lao động")
    notice("Công khai danh sách dự thảo Huân chương", state=NoticeState.DRAFT)
    launched_movement("Phong trào thi đua “Chung tay vì người nghèo”")
    future_movement("Phong trào thi đua “Chung tay” năm sau")
    found = _found(search("huan chuong"))
    assert found["notices"] == ["Công khai danh sách đề nghị tặng Huân chương Lao động"]
    assert _found(search("chung tay"))["movements"] == ["Phong trào thi đua “Chung tay vì người nghèo”"]


def test_registered_sections_are_searched_with_the_folded_text_in_their_order(world, monkeypatch):
    asked = []

    def find(folded, limit):
        asked.append((folded, limit))
        return [PortalHit("Gương sáng Nguyễn Văn An", "/portal/")]

    monkeypatch.setattr(portal_sections, "SECTIONS", {})
    portal_sections.register_section(Section("exemplars", "Điển hình tiên tiến", "portal:index", 40, search=find))
    portal_sections.register_section(Section("news", "Tin tức", "portal:index", 50))  # no search: not a group
    results = search("Nguyễn Văn An")
    assert asked == [("nguyen van an", LIMIT + 1)]
    assert [group.key for group in results.groups] == ["notices", "decisions", "exemplars", "movements"]
    assert _found(results)["exemplars"] == ["Gương sáng Nguyễn Văn An"]


def test_each_group_is_capped_and_says_there_is_more(world, no_sections):
    for number in range(1, LIMIT + 3):
        launched_movement(f"Phong trào học tập số {number}")
    movements = next(group for group in search("hoc tap").groups if group.key == "movements")
    assert (len(movements.hits), movements.more) == (LIMIT, True)


def test_a_query_of_one_letter_searches_nothing(world, no_sections):
    results = search(" a ")
    assert (results.searched, results.groups) == (False, [])
    html = Client().get("/portal/tim-kiem/?q=a").content.decode()
    assert '<p id="search-too-short">Nhập ít nhất hai chữ cái.</p>' in html


def test_the_page_groups_results_by_section_for_every_persona(world, no_sections):
    from tests.conftest import client_for

    issued_decision(world, number=123)
    for persona in ("anonymous", "clerk_b", "specialist"):
        html = client_for(world, persona).get("/portal/tim-kiem/?q=nguyen+van+an").content.decode()
        assert '<p id="search-total">1 kết quả cho “nguyen van an”.</p>' in html
        assert '<h2 id="results-decisions-title">Quyết định khen thưởng</h2>' in html
        assert 'id="results-movements"' not in html  # an empty group is not shown
        assert 'value="nguyen van an"' in html


def test_nothing_found_says_so(world, no_sections):
    html = Client().get("/portal/tim-kiem/?q=khong+co+gi").content.decode()
    assert '<p id="search-nothing">Không có nội dung công khai nào khớp với “khong co gi”.</p>' in html


def _search_queries(text):
    with CaptureQueriesContext(connection) as queries:
        assert Client().get("/portal/tim-kiem/", {"q": text}).status_code == 200
    return len(queries)


def test_search_runs_a_fixed_number_of_queries_whatever_the_data(world, no_sections):
    issued_decision(world, number=1)
    notice("Thông báo Nguyễn Văn An 1")
    launched_movement("Phong trào Nguyễn Văn An 1")
    one = _search_queries("nguyen van an")
    for number in (2, 3):
        issued_decision(world, number=number)
        notice(f"Thông báo Nguyễn Văn An {number}")
        launched_movement(f"Phong trào Nguyễn Văn An {number}")
    assert (one, _search_queries("nguyen van an")) == (3, 3)
