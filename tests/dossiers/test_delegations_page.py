"""The delegations page (issue 15, item 1): the unit's leader delegates sending to a named clerk of the unit for
a period and revokes it, each listed with who gave and revoked it and when; a clerk sees the delegations given to
him; another unit's delegation is a 404; an overlapping or invalid period gets a precise Vietnamese message."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.audit.models import AuditEvent
from tdkt.dossiers.models import SendingDelegation
from tests.conftest import client_for
from tests.dossiers.support import leader_a
from tests.factories import make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
URL = reverse("dossiers:delegations")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _form(world, start, end, **extra):
    return {"unit": world.unit_a.pk, "clerk": world.users["clerk_a"].pk, "valid_from": f"{start:%d/%m/%Y}",
            "valid_to": f"{end:%d/%m/%Y}", "note": "Đi công tác", **extra}


def test_the_leader_delegates_and_revokes_and_the_list_says_who_and_when(world):
    leader = leader_a(world)
    client = _client(leader)
    assert client.get(URL).status_code == 200
    answer = client.post(URL, _form(world, TODAY, TODAY + 10 * DAY), follow=True)
    assert (f"vanthu.a được phê duyệt và gửi hồ sơ của “Sở Y tế” từ ngày {TODAY:%d/%m/%Y} đến ngày "
            f"{TODAY + 10 * DAY:%d/%m/%Y}.") in answer.content.decode()
    delegation = SendingDelegation.objects.get()
    assert (delegation.leader, delegation.clerk, delegation.valid_from, delegation.valid_to, delegation.note) == (
        leader, world.users["clerk_a"], TODAY, TODAY + 10 * DAY, "Đi công tác")
    page = client.get(URL).content.decode()
    assert "Đang có hiệu lực" in page and "Lê Văn Lãnh" in page
    revoke = reverse("dossiers:delegation_revoke", args=[delegation.pk])
    assert client.get(revoke).status_code == 200
    assert client.post(revoke).status_code == 302
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None
    rows = AuditEvent.objects.filter(object_type="dossiers.sendingdelegation").order_by("id")
    assert [(row.action, row.actor) for row in rows] == [("create", leader), ("update", leader)]
    page = client.get(URL).content.decode()
    assert f"Đã thu hồi ({timezone.localtime(delegation.revoked_at):%d/%m/%Y %H:%M}, Lê Văn Lãnh)" in page
    again = client.post(revoke, follow=True)
    assert "Ủy quyền này đã được thu hồi trước đó." in again.content.decode()


# (period in days from today, existing delegation's period or None) -> the field and its message
REFUSALS = [
    ((5, 1), None, "valid_to", "Ngày kết thúc ủy quyền phải bằng hoặc sau ngày bắt đầu."),
    ((-10, -1), None, "valid_to", "Thời hạn ủy quyền đã kết thúc."),
    ((3, 20), (0, 5), "valid_from",
     "vanthu.a đang được ủy quyền gửi hồ sơ của “Sở Y tế” từ ngày {d0} đến ngày {d5}, trùng với thời hạn này: hãy thu "
     "hồi ủy quyền đó trước hoặc chọn thời hạn khác."),
]


@pytest.mark.parametrize(("days", "existing", "field", "message"), REFUSALS, ids=["reversed", "over", "overlap"])
def test_invalid_or_overlapping_periods_are_refused_precisely(world, days, existing, field, message):
    leader = leader_a(world)
    if existing:
        SendingDelegation.objects.create(unit=world.unit_a, leader=leader, clerk=world.users["clerk_a"],
                                         valid_from=TODAY + existing[0] * DAY, valid_to=TODAY + existing[1] * DAY)
    answer = _client(leader).post(URL, _form(world, TODAY + days[0] * DAY, TODAY + days[1] * DAY))
    assert answer.status_code == 200
    expected = message.format(**{f"d{n}": f"{TODAY + n * DAY:%d/%m/%Y}" for n in (0, 5)})
    assert answer.context["form"].errors == {field: [expected]}
    assert SendingDelegation.objects.count() == (1 if existing else 0)


def test_a_revoked_delegation_no_longer_blocks_a_new_period(world):
    leader = leader_a(world)
    SendingDelegation.objects.create(unit=world.unit_a, leader=leader, clerk=world.users["clerk_a"],
                                     valid_from=TODAY, valid_to=TODAY + 5 * DAY, revoked_at=timezone.now())
    assert _client(leader).post(URL, _form(world, TODAY, TODAY + 3 * DAY)).status_code == 302
    assert SendingDelegation.objects.filter(revoked_at__isnull=True).count() == 1


def test_the_clerk_sees_his_delegations_and_no_form_and_cannot_revoke(world):
    leader = leader_a(world)
    mine = SendingDelegation.objects.create(unit=world.unit_a, leader=leader, clerk=world.users["clerk_a"],
                                            valid_from=TODAY, valid_to=TODAY + DAY)
    other = make_user("vanthu.a2", role=Role.UNIT_CLERK, unit=world.unit_a)
    SendingDelegation.objects.create(unit=world.unit_a, leader=leader, clerk=other, valid_from=TODAY,
                                     valid_to=TODAY + DAY)
    page = client_for(world, "clerk_a").get(URL)
    assert [row.pk for row in page.context["rows"]] == [mine.pk]
    assert page.context["form"] is None
    assert client_for(world, "clerk_a").post(URL, _form(world, TODAY, TODAY)).status_code == 403
    assert client_for(world, "clerk_a").post(reverse("dossiers:delegation_revoke", args=[mine.pk])).status_code == 403
    assert SendingDelegation.objects.get(pk=mine.pk).revoked_at is None


def test_another_units_delegation_is_a_404_and_its_clerks_are_not_offered(world):
    leader = leader_a(world)
    delegation = SendingDelegation.objects.create(unit=world.unit_a, leader=leader, clerk=world.users["clerk_a"],
                                                  valid_from=TODAY, valid_to=TODAY + DAY)
    leader_b = make_user("lanhdao.b", role=Role.UNIT_LEADER, unit=world.unit_b)
    revoke = reverse("dossiers:delegation_revoke", args=[delegation.pk])
    assert _client(leader_b).get(revoke).status_code == 404
    assert _client(leader_b).post(revoke).status_code == 404
    page = _client(leader_b).get(URL)
    assert page.context["rows"] == []
    assert list(page.context["form"].fields["clerk"].queryset) == [world.users["clerk_b"]]
    forged = _client(leader_b).post(URL, _form(world, TODAY, TODAY + DAY))  # unit A and its clerk, forged
    assert forged.status_code == 200
    assert set(forged.context["form"].errors) == {"unit", "clerk"}
    assert SendingDelegation.objects.count() == 1


def test_the_list_runs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    leader = leader_a(world)
    client = _client(leader)
    SendingDelegation.objects.create(unit=world.unit_a, leader=leader, clerk=world.users["clerk_a"],
                                     valid_from=TODAY, valid_to=TODAY, revoked_at=timezone.now())
    with django_assert_max_num_queries(40) as few:
        assert client.get(URL).status_code == 200
    for number in range(15):
        clerk = make_user(f"vanthu.x{number}", role=Role.UNIT_CLERK, unit=world.unit_a)
        SendingDelegation.objects.create(unit=world.unit_a, leader=leader, clerk=clerk, valid_from=TODAY,
                                         valid_to=TODAY + DAY, revoked_at=timezone.now() if number % 2 else None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_the_dossier_page_and_the_inbox_link_to_the_delegations(world):
    from tests.dossiers.support import ready_draft

    dossier, _lines = ready_draft(world)
    page = client_for(world, "clerk_a").get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert f'href="{URL}" id="link-delegations"' in page
    assert f'href="{URL}" id="link-delegations"' in client_for(world, "clerk_a").get(
        reverse("dossiers:inbox")).content.decode()
    assert 'id="link-delegations"' not in client_for(world, "specialist").get(
        reverse("dossiers:detail", args=[dossier.pk])).content.decode()
