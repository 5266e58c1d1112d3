"""A unit's "Khen thưởng của đơn vị" workspace (core.workspace): rounds, council, decisions and fund of a
unit with its own issuing authority, in a fixed number of queries; 404 for another unit's officer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.awards.models import AwardType
from tdkt.council.models import Meeting
from tdkt.decisions.models import Decision, RewardFund, RewardFundEntry
from tdkt.orgs.models import Council
from tests.conftest import client_for
from tests.factories import make_authority
from tests.nominees.helpers import make_dossier, make_line

pytestmark = pytest.mark.django_db


def _unit_with_rounds(world, rounds=2, decisions=2):
    authority = make_authority(world.unit_a, symbol="QĐ-SYT")
    for index in range(rounds):
        dossier = make_dossier(world.unit_a_child, title=f"Đợt {index}", receiving_authority=authority,
                               authority=authority.kind)
        make_line(dossier, person=world.person_a_child, position=1)
    council = Council.objects.create(name="Hội đồng TĐKT Sở Y tế", unit=world.unit_a, level="unit",
                                     term_start=datetime.date(2025, 1, 1))
    Meeting.objects.create(council=council, number=3, date=timezone.localdate() + datetime.timedelta(days=5),
                           place="Phòng họp")
    for index in range(decisions):
        Decision.objects.create(authority=authority, year=2025, number=index + 1, title=f"Về việc tặng Giấy khen {index}",
                                achievement_year=2025, award_type=AwardType.objects.get(code="GK"))
    fund = RewardFund.objects.create(name="Quỹ TĐKT Sở Y tế", authority=authority)
    RewardFundEntry.objects.create(fund=fund, kind="receipt", entry_date=datetime.date(2025, 1, 2), amount=5_000_000,
                                   description="Trích lập")
    RewardFundEntry.objects.create(fund=fund, kind="spending", entry_date=datetime.date(2025, 2, 2), amount=1_200_000,
                                   description="Chi thưởng")
    return authority


def test_the_workspace_shows_rounds_council_decisions_and_fund(world):
    _unit_with_rounds(world)
    client = client_for(world, "clerk_a")
    menu = client.get(reverse("core:dashboard")).content.decode()
    assert 'id="menu-unit-workspace"' in menu
    response = client.get(reverse("core:my_workspace"))
    assert response["Location"] == reverse("core:workspace", kwargs={"pk": world.unit_a.pk})
    page = client.get(response["Location"]).content.decode()
    assert "Khen thưởng của đơn vị — Sở Y tế" in page
    assert f'href="/certificates/authority/{world.unit_a.issuing_authority.pk}/layout/">Mẫu in giấy khen trên phôi' in page
    assert page.count('id="round-') == 2 and "Đợt 0" in page
    assert "Hội đồng TĐKT Sở Y tế" in page and "phiên họp tới: lần thứ 3" in page
    assert "01/QĐ-SYT" in page and "02/QĐ-SYT" in page
    assert '<b id="fund-balance">3.800.000</b>' in page
    assert 'id="workspace-read-only"' not in page


def test_the_province_reads_any_units_workspace_and_another_units_officer_gets_404(world):
    _unit_with_rounds(world)
    url = reverse("core:workspace", kwargs={"pk": world.unit_a.pk})
    page = client_for(world, "specialist").get(url).content.decode()
    assert 'id="workspace-read-only"' in page and "01/QĐ-SYT" in page
    assert client_for(world, "clerk_b").get(url).status_code == 404
    no_authority = reverse("core:workspace", kwargs={"pk": world.unit_b.pk})
    assert client_for(world, "specialist").get(no_authority).status_code == 404
    assert "không tự quyết định khen thưởng" in client_for(world, "clerk_b").get(
        reverse("core:my_workspace")).content.decode()


@pytest.mark.parametrize("size", [1, 6])
def test_the_workspace_takes_a_fixed_number_of_queries(world, size, django_assert_num_queries):
    _unit_with_rounds(world, rounds=size, decisions=size)
    client = client_for(world, "clerk_a")
    url = reverse("core:workspace", kwargs={"pk": world.unit_a.pk})
    client.get(url)
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200


QUERIES = 13  # the session, user and scope, then core.workspace: the unit and seven (see its docstring)
