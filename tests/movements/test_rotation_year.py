"""Rotation of every cluster and block of a year from one screen (issue 20, item 6: "17 cluster rotations take
17 forms"): one POST opens the next year for all ticked groups, or for none when one of them is refused."""

from django.urls import reverse

from tdkt.orgs.enums import GroupKind, GroupRole
from tdkt.orgs.models import EmulationGroup, EmulationGroupMembership, EmulationGroupYear
from tests.conftest import client_for
from tests.factories import make_unit


def _groups(count, *, year=2030):
    """`count` clusters of 3 communes each (head, deputy, member), in year `year`."""
    result = []
    for index in range(count):
        group = EmulationGroup.objects.create(name=f"Cụm thi đua số {index + 1:02d}", code=f"R{index:03d}",
                                              kind=GroupKind.CLUSTER)
        group_year = EmulationGroupYear.objects.create(group=group, year=year)
        units = [make_unit(f"Xã {index:02d}-{n}", kind="commune") for n in range(3)]
        for unit, role in zip(units, (GroupRole.HEAD, GroupRole.DEPUTY, GroupRole.MEMBER), strict=True):
            EmulationGroupMembership.objects.create(group_year=group_year, unit=unit, role=role)
        result.append((group_year, units))
    return result


def _post_data(groups, **extra):
    data = {"next_year": "2031"}
    for group_year, _units in groups:
        data[f"rotate_{group_year.pk}"] = "on"
    data.update(extra)
    return data


def _heads(year):
    return sorted((m.group_year.group.name, m.unit.name, m.role) for m in EmulationGroupMembership.objects.filter(
        group_year__year=year).exclude(role=GroupRole.MEMBER).select_related("group_year__group", "unit"))


def test_17_rotations_in_one_form(world):
    groups = _groups(17)
    client = client_for(world, "specialist")
    url = reverse("movements:groups_rotate_year") + "?year=2030"
    page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count('name="rotate_') == 17
    first, units = groups[0]
    chosen = {f"head_{first.pk}": str(units[2].pk), f"deputy_{first.pk}": str(units[0].pk),
              f"reason_{first.pk}": "Xã 00-2 đăng cai hội nghị ký kết"}
    response = client.post(url, _post_data(groups, **chosen), follow=True)
    assert "Đã mở năm 2031 cho 17 cụm, khối." in response.content.decode()
    heads = _heads(2031)
    assert len(heads) == 34
    assert heads[:2] == [("Cụm thi đua số 01", "Xã 00-0", "deputy"), ("Cụm thi đua số 01", "Xã 00-2", "head")]
    assert heads[2:4] == [("Cụm thi đua số 02", "Xã 01-1", "head"), ("Cụm thi đua số 02", "Xã 01-2", "deputy")]
    assert EmulationGroupMembership.objects.filter(group_year__year=2031).count() == 51


def test_one_refused_group_opens_none_and_is_named(world):
    groups = _groups(3)
    EmulationGroupMembership.objects.filter(group_year=groups[1][0], role=GroupRole.DEPUTY).update(
        role=GroupRole.MEMBER)
    first, units = groups[0]
    data = _post_data(groups, **{f"head_{first.pk}": str(units[2].pk)})  # another head without a reason
    response = client_for(world, "specialist").post(reverse("movements:groups_rotate_year") + "?year=2030", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cụm thi đua số 01: Mặc định" in page
    assert "Cụm thi đua số 02: Cụm thi đua số 02 chưa có đơn vị Phó trưởng năm 2030" in page
    assert not EmulationGroupYear.objects.filter(year=2031).exists()


def test_a_group_already_open_next_year_is_refused(world):
    groups = _groups(2)
    EmulationGroupYear.objects.create(group=groups[1][0].group, year=2031)
    response = client_for(world, "specialist").post(reverse("movements:groups_rotate_year") + "?year=2030",
                                                    _post_data(groups))
    assert "Cụm thi đua số 02: Năm 2031 của cụm, khối này đã được mở." in response.content.decode()
    assert EmulationGroupYear.objects.filter(year=2031).count() == 1
