"""The portal's layout (identity, menu, sign-in link) and its home page, per persona."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tdkt.decisions.enums import DecisionState
from tdkt.dossiers.postings.enums import NoticeState
from tdkt.lib import portal_sections
from tdkt.lib.portal_sections import PortalHit, Section
from tests.certificates.support import issued_decision
from tests.conftest import client_for
from tests.portal.support import future_movement, launched_movement, notice

MENU = re.compile(r'<a href="([^"]+)" id="portal-menu-(\w+)"(?: aria-current="(\w+)")?>([^<]+)</a>')


def _menu(html):
    return [(key, label, href, current) for href, key, current, label in MENU.findall(html)]


@pytest.fixture
def no_sections(monkeypatch):
    monkeypatch.setattr(portal_sections, "SECTIONS", {})


def test_anonymous_visitor_at_the_root_is_sent_to_the_portal_home(world):
    response = Client().get("/", follow=True)
    assert response.redirect_chain == [("/portal/", 302)]
    assert response.templates[0].name == "portal/index.html"


def test_signed_in_officer_keeps_his_home_at_the_root(world):
    response = client_for(world, "clerk_a").get("/")
    assert (response.status_code, response.templates[0].name) == (200, "core/dashboard.html")


def test_the_layout_names_the_agency_and_offers_sign_in_menu_and_search(world, no_sections, settings):
    settings.PORTAL_CONTACT = ["Địa chỉ: Đường Hoàng Liên, phường Lào Cai", "Điện thoại: 0214 000 000"]
    html = Client().get("/portal/decisions/").content.decode()
    assert '<span class="portal-agency">Hội đồng Thi đua – Khen thưởng tỉnh Lào Cai</span>' in html
    assert '<span class="portal-parent">Ủy ban nhân dân tỉnh Lào Cai</span>' in html
    assert '<a class="portal-brand" href="/portal/" id="portal-home-link">' in html
    assert '<a class="portal-signin" href="/login/" id="portal-signin">Đăng nhập</a>' in html
    assert '<a class="skip-link" href="#main">' in html
    assert 'action="/portal/tim-kiem/"' in html
    assert _menu(html) == [
        ("home", "Trang chủ", "/portal/", ""),
        ("notices", "Lấy ý kiến nhân dân", "/notices/", ""),
        ("decisions", "Quyết định khen thưởng", "/portal/decisions/", "page"),
        ("verify", "Tra cứu bằng khen", "/portal/verify/", ""),
        ("movements", "Phong trào thi đua", "/portal/phong-trao/", ""),
    ]
    assert "<li>Địa chỉ: Đường Hoàng Liên, phường Lào Cai</li><li>Điện thoại: 0214 000 000</li>" in html
    assert "emblem" not in html.split("<main")[0].replace("portal-emblem {", "")  # no emblem configured


def test_an_emblem_is_shown_when_configured(world, no_sections, settings):
    settings.PORTAL_EMBLEM = "tdkt/favicon.svg"
    html = Client().get("/portal/").content.decode()
    assert '<img class="portal-emblem" src="/static/tdkt/favicon.svg" alt="" width="56" height="56">' in html


def test_a_signed_in_officer_sees_his_way_back_instead_of_sign_in(world, no_sections):
    html = client_for(world, "specialist").get("/portal/").content.decode()
    assert '<a class="portal-signin" href="/" id="portal-signin">Về trang làm việc</a>' in html
    assert "Đăng nhập" not in html


def test_a_page_inside_an_entry_marks_the_entry_and_postings_use_the_layout(world, no_sections):
    decision = issued_decision(world)
    detail = Client().get(f"/portal/decisions/{decision.pk}/").content.decode()
    assert ("decisions", "Quyết định khen thưởng", "/portal/decisions/", "true") in _menu(detail)
    notices = Client().get("/notices/").content.decode()
    assert ("notices", "Lấy ý kiến nhân dân", "/notices/", "page") in _menu(notices)
    assert 'class="portal-header"' in notices


def test_registered_sections_join_the_menu_in_order_and_show_their_latest_items(world, monkeypatch):
    hit = PortalHit("Bà Lò Thị Mai, giáo viên bản Tả Phìn", "/portal/decisions/", "Người tốt, việc tốt",
                    datetime.date(2026, 11, 20))
    monkeypatch.setattr(portal_sections, "SECTIONS", {})
    portal_sections.register_section(Section("news", "Tin tức", "portal:decisions", 50))
    portal_sections.register_section(Section("exemplars", "Điển hình tiên tiến", "portal:verify", 40,
                                             latest=lambda limit: [hit][:limit]))
    html = Client().get("/portal/").content.decode()
    assert [key for key, *_rest in _menu(html)] == ["home", "notices", "decisions", "verify", "exemplars", "news",
                                                    "movements"]
    assert ('<h2 id="home-exemplars-title">Điển hình tiên tiến</h2>\n  <ul class="portal-list"><li>'
            '<a href="/portal/decisions/">Bà Lò Thị Mai, giáo viên bản Tả Phìn</a> '
            '<span class="portal-date">20/11/2026</span><br>Người tốt, việc tốt</li></ul>') in html
    assert 'id="home-news"' not in html  # a section without `latest` is a menu entry only


def test_home_lists_open_notices_latest_decisions_and_running_movements(world, no_sections):
    issued_decision(world, number=123)
    issued_decision(world, number=124, state=DecisionState.SIGNED)  # signed, not yet published
    notice("Danh sách đề nghị tặng Bằng khen đợt 1")
    notice("Danh sách còn dự thảo", state=NoticeState.DRAFT)
    launched_movement("Phong trào “Lào Cai chung sức xây dựng nông thôn mới”")
    future_movement("Phong trào chưa phát động")
    html = Client().get("/portal/").content.decode()
    assert "Danh sách đề nghị tặng Bằng khen đợt 1" in html and "Danh sách còn dự thảo" not in html
    assert "Quyết định số 123/QĐ-UBND" in html and "124/QĐ-UBND" not in html
    assert "Lào Cai chung sức xây dựng nông thôn mới" in html and "Phong trào chưa phát động" not in html


def _home_queries():
    with CaptureQueriesContext(connection) as queries:
        assert Client().get("/portal/").status_code == 200
    return len(queries)


def test_home_runs_a_fixed_number_of_queries_whatever_the_data(world, no_sections):
    issued_decision(world, number=1)
    notice("Thông báo 1")
    launched_movement("Phong trào 1")
    one = _home_queries()
    for number in (2, 3):
        issued_decision(world, number=number)
        notice(f"Thông báo {number}")
        launched_movement(f"Phong trào {number}")
    assert (one, _home_queries()) == (3, 3)
