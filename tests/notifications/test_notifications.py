"""Notifications: idempotent bulk sending by key, reading, and each persona on the pages."""

import pytest
from django.urls import reverse

from tdkt.notifications.models import Notification
from tdkt.notifications.services import mark_all_read, mark_read, notify, unread_count
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_notify_creates_one_row_per_user_and_skips_existing_keys(world):
    specialist, clerk_a = world.users["specialist"], world.users["clerk_a"]
    assert notify([specialist, clerk_a.pk, specialist], text="Hồ sơ quá hạn", url="/x/", key="k1") == [
        specialist.pk, clerk_a.pk]
    assert notify([specialist, clerk_a, world.users["clerk_b"]], text="Hồ sơ quá hạn", url="/x/", key="k1") == [
        world.users["clerk_b"].pk]
    assert sorted(Notification.objects.filter(key="k1").values_list("user__username", flat=True)) == [
        "chuyenvien", "vanthu.a", "vanthu.b"]
    assert notify([clerk_a], text="Khác", key="k2") == [clerk_a.pk]
    assert Notification.objects.filter(user=clerk_a).count() == 2


def test_notify_uses_two_queries_whatever_the_number_of_users(world, django_assert_num_queries):
    users = list(world.users.values())
    with django_assert_num_queries(2):
        notify(users, text="Nhắc việc", key="bulk")
    assert Notification.objects.filter(key="bulk").count() == len(users)


def test_notify_with_nobody_does_nothing(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert notify([], text="x", key="k") == []


@pytest.mark.parametrize("key", ["", "x" * 201])
def test_notify_refuses_a_missing_or_too_long_key(world, key):
    with pytest.raises(ValueError, match=r"^key must be 1 to 200 characters$"):
        notify([world.users["clerk_a"]], text="x", key=key)


def test_unread_count_mark_read_and_mark_all_read(world):
    clerk = world.users["clerk_a"]
    notify([clerk], text="a", key="a")
    notify([clerk], text="b", key="b")
    notify([clerk], text="c", key="c")
    assert unread_count(clerk) == 3
    first = Notification.objects.get(user=clerk, key="a")
    assert mark_read(first) is True
    assert mark_read(first) is False  # a second click changes nothing
    assert unread_count(clerk) == 2
    assert mark_all_read(clerk) == 2
    assert unread_count(clerk) == 0
    assert unread_count(world.users["specialist"]) == 0


def test_unread_count_of_anonymous_is_zero(db):
    from django.contrib.auth.models import AnonymousUser

    assert unread_count(AnonymousUser()) == 0


def test_list_shows_only_my_notifications(world):
    notify([world.users["clerk_a"]], text="Hồ sơ HS-1 bị trả lại", key="mine")
    notify([world.users["clerk_b"]], text="Hồ sơ của đơn vị B", key="theirs")
    body = client_for(world, "clerk_a").get(reverse("notifications:list")).content.decode()
    assert "Hồ sơ HS-1 bị trả lại" in body
    assert "Hồ sơ của đơn vị B" not in body
    assert '<span class="badge" id="unread-count">1</span>' in body


def test_list_unread_only_filter(world):
    clerk = world.users["clerk_a"]
    notify([clerk], text="Đã đọc rồi", key="r")
    notify([clerk], text="Chưa đọc", key="u")
    mark_read(Notification.objects.get(key="r"))
    body = client_for(world, "clerk_a").get(reverse("notifications:list") + "?unread=1").content.decode()
    assert "Chưa đọc" in body
    assert "Đã đọc rồi" not in body


def test_read_marks_it_and_goes_to_its_page(world):
    notify([world.users["clerk_a"]], text="x", url="/calendar/", key="go")
    item = Notification.objects.get(key="go")
    response = client_for(world, "clerk_a").post(reverse("notifications:read", kwargs={"pk": item.pk}), {"go": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/calendar/"
    item.refresh_from_db()
    assert item.read_at is not None


def test_read_never_redirects_to_another_site(world):
    notify([world.users["clerk_a"]], text="x", url="https://evil.example/", key="evil")
    item = Notification.objects.get(key="evil")
    response = client_for(world, "clerk_a").post(reverse("notifications:read", kwargs={"pk": item.pk}), {"go": "1"})
    assert response["Location"] == reverse("notifications:list")


def test_another_users_notification_is_404_and_stays_unread(world):
    notify([world.users["clerk_a"]], text="x", key="a")
    item = Notification.objects.get(key="a")
    for persona in ("clerk_b", "specialist"):
        response = client_for(world, persona).post(reverse("notifications:read", kwargs={"pk": item.pk}))
        assert response.status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_read_all_marks_only_mine(world):
    notify([world.users["clerk_a"], world.users["clerk_b"]], text="x", key="a")
    response = client_for(world, "clerk_a").post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert unread_count(world.users["clerk_a"]) == 0
    assert unread_count(world.users["clerk_b"]) == 1


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_rows(world, django_assert_num_queries, count):
    clerk = world.users["clerk_a"]
    for index in range(count):
        notify([clerk], text=f"Thông báo {index}", url="/calendar/", key=f"q{index}")
    client = client_for(world, "clerk_a")
    with django_assert_num_queries(10):
        assert client.get(reverse("notifications:list")).status_code == 200


def test_unread_badge_tag_renders_the_count_or_nothing(world, rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    template = Template("{% load notifications_badge %}{% unread_badge %}")
    request = rf.get("/")
    request.user = world.users["clerk_a"]
    assert template.render(Context({"request": request})) == ""
    notify([world.users["clerk_a"]], text="x", key="badge1")
    notify([world.users["clerk_a"]], text="y", key="badge2")
    assert template.render(Context({"request": request})) == ' <span class="badge unread" data-unread="2">2</span>'
    request.user = AnonymousUser()
    assert template.render(Context({"request": request})) == ""
