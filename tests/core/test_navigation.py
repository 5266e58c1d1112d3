"""The grouped menu built from the access map: every link each of the eight roles sees answers 200, the links
that would answer "Không có quyền truy cập" are gone, the current page is marked, and object pages carry
breadcrumbs."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.accounts.access import PUBLIC, SIGNED_IN
from tdkt.accounts.enums import Role
from tdkt.core import navigation
from tests.conftest import client_for
from tests.factories import make_user

MENU_LINK = re.compile(r'<li><a href="([^"]+)" id="(menu-[a-z-]+)"')


def _eight_roles(world):
    """A user per role: the world's six personas, a unit leader, a council secretary and a cluster head."""
    users = dict(world.users)
    users["leader_a"] = make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a)
    users["secretary"] = make_user("thuky", role=Role.COUNCIL_SECRETARY, unit=world.province, council=world.council)
    users["group_head"] = make_user("truongcum", role=Role.GROUP_HEAD, unit=world.unit_a,
                                     emulation_group=world.group_year.group)
    return users


def _menu_links(client) -> dict[str, str]:
    html = client.get(reverse("core:dashboard")).content.decode()
    return {dom_id: url for url, dom_id in MENU_LINK.findall(html)}


@pytest.mark.parametrize("persona", ["specialist", "clerk_a", "clerk_b", "council_member", "signer", "admin",
                                     "leader_a", "secretary", "group_head"])
def test_every_menu_link_of_each_role_answers_200(world, client, persona):
    user = _eight_roles(world)[persona]
    client.force_login(user)
    links = _menu_links(client)
    assert "menu-dashboard" in links and "menu-orgs" in links and "menu-people" in links
    refused = {dom_id: url for dom_id, url in links.items() if client.get(url).status_code != 200
               and client.get(url).status_code != 302}
    assert refused == {}
    for url in links.values():  # a redirect (the unit workspace) lands on a page that answers 200
        assert client.get(url, follow=True).status_code == 200


def test_links_that_would_be_refused_are_gone(world):
    users = _eight_roles(world)
    seen = {}
    for persona in ("clerk_a", "council_member", "signer", "group_head", "specialist", "admin"):
        client = Client()
        client.force_login(users[persona])
        seen[persona] = set(_menu_links(client))
    assert "menu-council" not in seen["clerk_a"]  # "Phiên họp HĐ" for a unit clerk
    for persona in ("council_member", "signer", "group_head"):  # "Hiệp y"
        assert "menu-consultations" not in seen[persona]
    assert "menu-consultations" in seen["clerk_a"] and "menu-consultations" in seen["specialist"]
    assert "menu-audit" in seen["admin"] and "menu-audit" not in seen["specialist"]
    assert "menu-unit-workspace" in seen["clerk_a"] and "menu-unit-workspace" not in seen["specialist"]
    assert "menu-postings" in seen["specialist"] and "menu-postings" not in seen["clerk_a"]


def test_the_menu_follows_the_access_decision_of_each_view():
    """No entry is shown to a role its view refuses, whatever the roles (the decision the middleware takes)."""
    for role in Role:
        roles = frozenset({role})
        for group in navigation.menu_for(roles):
            for link in group.links:
                access = navigation._target(link.url_name)[1]
                assert access in (PUBLIC, SIGNED_IN) or role in access, (role, link.url_name)


def test_the_current_page_is_marked_and_its_group_too(world):
    client = client_for(world, "specialist")
    html = client.get(reverse("people:detail", kwargs={"pk": world.person_a.pk})).content.decode()
    assert re.search(r'<a href="/people/" id="menu-people" aria-current="page">', html)
    assert html.count('aria-current="page"') == 2  # the menu's link and the breadcrumb's last step
    assert 'class="navgroup current" id="menu-group-catalogues"' in html
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert 'id="menu-dashboard" aria-current="page"' in dashboard
    assert '<a class="skip-link" href="#main">Chuyển đến nội dung chính</a>' in dashboard and '<main id="main"' in dashboard


def test_object_pages_carry_breadcrumbs_home_section_object(world):
    client = client_for(world, "specialist")
    html = client.get(reverse("people:detail", kwargs={"pk": world.person_a.pk})).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs" aria-label="Đường dẫn"><ol>(.*?)</ol></nav>', html, re.S).group(1)
    steps = re.findall(r"<li>(.*?)</li>", crumbs, re.S)
    assert [re.sub(r"<[^>]+>", "", step).strip() for step in steps] == ["Trang chủ", "Cá nhân", "Sở Y tế",
                                                                        "Nguyễn Văn An"]
    assert f'href="/units/{world.unit_a.pk}/"' in crumbs
    unit = client.get(reverse("orgs:detail", kwargs={"pk": world.unit_a.pk})).content.decode()
    assert 'id="crumb-section">Đơn vị</a>' in unit


def test_every_page_links_to_its_guide_section(world):
    client = client_for(world, "specialist")
    html = client.get(reverse("dossiers:queue")).content.decode()
    assert '<a class="helplink" href="/huong-dan/ho-so-de-nghi/#chuyen-vien-co-quan-thuong-truc-so-noi-vu"' in html
    anonymous = client_for(world, "anonymous").get(reverse("accounts:login")).content.decode()
    assert 'href="/huong-dan/#1-dang-nhap" id="help-link">Hướng dẫn</a>' in anonymous
    assert 'href="/gioi-thieu/" id="about-link">Giới thiệu</a>' in anonymous
