"""Idle expiry (tdkt.accounts.idle): the page's question about its session is not activity, "continue working"
renews it (a CSRF-protected POST), and after the expiry the next request goes to sign-in with a message and
comes back to the page, a POST to the page its form was on.

The clock is moved by patching django.utils.timezone.now: the database session backend reads it to decide
whether a session has expired, so the test sees exactly what a user idle for that long would see."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts import idle
from tests.factories import PASSWORD

STATUS = reverse("accounts:session_status")
RENEW = reverse("accounts:session_renew")
LOGIN = reverse("accounts:login")
EXPIRED = "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại; nội dung đang nhập đã được giữ."


@pytest.fixture
def clock(monkeypatch):
    real_now = timezone.now
    moved = {"by": datetime.timedelta(0)}
    monkeypatch.setattr(timezone, "now", lambda: real_now() + moved["by"])

    def advance(**delta):
        moved["by"] += datetime.timedelta(**delta)

    return advance


def signed_in(username="vanthu.a") -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_asking_the_time_left_is_not_activity_but_a_page_is(world, clock):
    client = signed_in()
    status = client.get(STATUS).json()
    assert status["signed_in"] is True
    assert 8 * 3600 - 10 <= status["expires_in"] <= 8 * 3600
    assert (status["warn_before"], status["renew_url"], status["sign_in_url"], status["sign_out_url"]) == (
        300, "/session/renew/", "/login/", "/logout/")
    assert status["texts"]["continue"] == "Tiếp tục làm việc"
    assert status["texts"]["warning"].startswith("Phiên làm việc sắp hết hạn sau {minutes} phút")
    assert status["texts"]["discard_draft"] == "Bỏ bản nháp"
    clock(hours=7, minutes=56)
    for _ in range(3):  # an open tab asking again and again keeps nothing alive
        assert client.get(STATUS).json()["expires_in"] in (240, 239)
    client.get(reverse("core:dashboard"))  # another tab: a real request
    assert client.get(STATUS).json()["expires_in"] in (8 * 3600, 8 * 3600 - 1)
    clock(hours=8, seconds=1)
    assert client.get(STATUS).json() == {"signed_in": False}


def test_pages_within_a_minute_do_not_write_the_session_again(world, clock):
    client = signed_in()
    client.get(reverse("core:dashboard"))

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("core:dashboard"))
        return sum('UPDATE "django_session"' in query["sql"] for query in queries.captured_queries)

    clock(seconds=idle.ACTIVITY_RESOLUTION_SECONDS - 5)
    assert session_writes() == 0
    assert 8 * 3600 - 70 <= client.get(STATUS).json()["expires_in"] <= 8 * 3600 - 55  # the mark a minute old
    clock(seconds=10)
    assert session_writes() == 1
    assert client.get(STATUS).json()["expires_in"] in (8 * 3600, 8 * 3600 - 1)


def test_the_question_leaves_the_cookie_of_an_ended_session_so_the_next_page_can_explain(world, clock):
    client = signed_in()
    clock(hours=8, seconds=1)
    response = client.get(STATUS)
    assert response.json() == {"signed_in": False}
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # neither renewed nor deleted
    response = client.get(reverse("people:list") + "?q=an&page=2")
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/people/%3Fq%3Dan%26page%3D2")
    assert EXPIRED in client.get(response["Location"]).content.decode()


def test_continue_working_renews_the_session_with_a_csrf_protected_post(world, clock):
    client = Client(enforce_csrf_checks=True)
    client.post(LOGIN, {"username": "vanthu.a", "password": PASSWORD,
                        "csrfmiddlewaretoken": _token(client, LOGIN)})
    clock(hours=7, minutes=57)
    assert client.post(RENEW).status_code == 403  # no token: refused, and not renewed
    assert 170 <= client.get(STATUS).json()["expires_in"] <= 180  # seconds pass on a loaded machine
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    status = client.post(RENEW, HTTP_X_CSRFTOKEN=token).json()
    assert status["signed_in"] is True
    assert 8 * 3600 - 10 <= status["expires_in"] <= 8 * 3600
    clock(hours=7)
    assert client.get(reverse("core:dashboard")).status_code == 200  # 7 h 57 min + 7 h: alive thanks to renewing


def _token(client, url):
    html = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_post_after_expiry_returns_to_the_form_page_not_the_post_url(world, clock):
    client = signed_in()
    form_page = reverse("people:create")
    clock(hours=8, seconds=1)
    response = client.post(reverse("accounts:session_renew"), HTTP_REFERER=f"http://testserver{form_page}?unit=3")
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/people/new/%3Funit%3D3")
    login_page = client.get(response["Location"]).content.decode()
    assert EXPIRED in login_page
    assert '<input type="hidden" name="next" value="/people/new/?unit=3">' in login_page
    response = client.post(LOGIN, {"username": "vanthu.a", "password": PASSWORD, "next": "/people/new/?unit=3"})
    assert (response.status_code, response["Location"]) == (302, "/people/new/?unit=3")


def test_a_post_from_another_site_or_without_referer_returns_home(world, clock):
    client = signed_in()
    clock(hours=8, seconds=1)
    response = client.post(RENEW, HTTP_REFERER="https://evil.example/people/new/")
    assert response["Location"] == "/login/?next=/"
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = "a-session-the-server-never-had"
    assert stale.post(RENEW)["Location"] == "/login/?next=/"


def test_a_visitor_who_never_signed_in_gets_no_expiry_message(world):
    client = Client()
    response = client.get(reverse("people:list"))
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/people/")
    assert "hết hạn" not in client.get(response["Location"]).content.decode()
    assert client.get(STATUS).json() == {"signed_in": False}


def test_draft_keys_are_per_user_and_reveal_nothing(world):
    clerk_a, clerk_b = world.users["clerk_a"], world.users["clerk_b"]
    assert idle.draft_key(clerk_a) == idle.draft_key(clerk_a)
    assert idle.draft_key(clerk_a) != idle.draft_key(clerk_b)
    assert re.fullmatch(r"[0-9a-f]{20}", idle.draft_key(clerk_a))
