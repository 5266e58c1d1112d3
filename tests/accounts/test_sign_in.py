"""Signing in through the real views: audit of every attempt, lockout after repeated failures, the TOTP
second factor (required for administrators and signers), password strength and session lifetime.

Failures lock the pair (account, client address), never the account alone (tdkt.accounts.lockout, django-axes);
the attacks on it are in tests/security/test_signin.py. Time is never mocked: a lock is ended by moving the
pair's attempt time into the past in the database.

Language: the site serves Vietnamese (LANGUAGE_CODE "vi"). Tests run under translation.override("en")
(and send Accept-Language "en", for a LocaleMiddleware if there is one) to check the exact English source
text; tests taking the `vietnamese` fixture run under "vi" and expect the catalogue's translation.
"""

import datetime

import pyotp
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tdkt.accounts.models import User
from tdkt.audit.models import AuditEvent
from tests.factories import PASSWORD

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
LOGIN = reverse("accounts:login")
SECOND_FACTOR = reverse("accounts:second_factor")
DASHBOARD = reverse("core:dashboard")
WRONG = "Wrong user name or password."


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def vietnamese(english):
    with translation.override("vi"):
        yield


def attempt(client, username, password, url=LOGIN, **extra):
    return client.post(url, {"username": username, "password": password}, **{**EN, **extra})


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def events(*actions):
    queryset = AuditEvent.objects.order_by("id")
    if actions:
        queryset = queryset.filter(action__in=actions)
    return list(queryset.values_list("action", "actor_name", "object_type", "object_id", "changes"))


LOCKED = f"Too many failed sign-ins from this address. Try again in {settings.LOGIN_LOCKOUT_MINUTES} minutes."


def pair_failures(username, address="127.0.0.1"):
    return list(AccessAttempt.objects.filter(username=username, ip_address=address)
                .values_list("failures_since_start", flat=True))


def end_the_lock(username):
    """The cool-off passes: moved in the database, no sleeping."""
    past = timezone.now() - datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MAX_MINUTES + 1)
    AccessAttempt.objects.filter(username=username).update(attempt_time=past)


def fail_until_locked(client, username, url=LOGIN):
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        response = attempt(client, username, "sai-mat-khau", url)
        assert response.context["form"].non_field_errors() == [WRONG]
    return attempt(client, username, "sai-mat-khau", url)


def other_code(secret: str) -> str:
    """A six-digit code that is none of the codes valid now (window ±1)."""
    totp = pyotp.TOTP(secret)
    now = timezone.now()
    valid = {totp.at(now + datetime.timedelta(seconds=30 * step)) for step in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


# --- password step ---------------------------------------------------------------------------------------


def test_right_password_signs_in_and_is_audited(world):
    client = Client()
    response = attempt(client, "chuyenvien", PASSWORD)
    user = world.users["specialist"]
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    assert signed_in_user_id(client) == str(user.pk)
    assert events() == [("login", "chuyenvien", "accounts.user", str(user.pk), {})]
    assert client.get(DASHBOARD).status_code == 200


def test_user_name_is_not_case_sensitive(world):
    client = Client()
    assert attempt(client, "ChuyenVien", PASSWORD)["Location"] == DASHBOARD
    assert signed_in_user_id(client) == str(world.users["specialist"].pk)


def test_sign_in_follows_a_local_next_url_only(world):
    response = Client().post(LOGIN + "?next=/people/", {"username": "vanthu.a", "password": PASSWORD})
    assert response["Location"] == "/people/"
    response = Client().post(LOGIN + "?next=https://evil.example/", {"username": "vanthu.a", "password": PASSWORD})
    assert response["Location"] == DASHBOARD


def test_wrong_password_gives_the_generic_error_and_is_audited(world):
    client = Client()
    response = attempt(client, "chuyenvien", "sai-mat-khau")
    user = world.users["specialist"]
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [WRONG]
    assert WRONG in response.content.decode()
    assert signed_in_user_id(client) is None
    assert events() == [("login_failed", "chuyenvien", "accounts.user", str(user.pk), {"failures": 1})]
    assert pair_failures("chuyenvien") == [1]


def test_wrong_password_error_is_in_vietnamese_by_default(world, vietnamese):
    response = Client().post(LOGIN, {"username": "chuyenvien", "password": "sai-mat-khau"})
    with translation.override("vi"):
        expected = gettext(WRONG)
    assert response.context["form"].non_field_errors() == [expected]


def test_unknown_user_name_gives_the_same_generic_error_and_is_audited(world):
    client = Client()
    response = attempt(client, "khong-ton-tai", "sai-mat-khau")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [WRONG]
    assert events() == [
        ("login_failed", "khong-ton-tai", "accounts.user", "", {"username": "khong-ton-tai", "failures": 1})]
    assert AuditEvent.objects.get().object_repr == "khong-ton-tai"


def test_a_success_resets_the_failure_count(world):
    client = Client()
    attempt(client, "chuyenvien", "sai-mat-khau")
    attempt(client, "chuyenvien", "sai-mat-khau")
    assert pair_failures("chuyenvien") == [2]
    attempt(client, "chuyenvien", PASSWORD)
    assert pair_failures("chuyenvien") == []


def test_lockout_after_the_maximum_failures_then_unlock_when_the_time_has_passed(world):
    user = world.users["specialist"]
    client = Client()
    response = fail_until_locked(client, "chuyenvien")
    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [LOCKED]
    failures = settings.LOGIN_MAX_FAILURES
    assert [e[0] for e in events()] == ["login_failed"] * failures + ["locked"]
    assert events("locked") == [
        ("locked", "chuyenvien", "accounts.user", str(user.pk), {"minutes": settings.LOGIN_LOCKOUT_MINUTES})
    ]

    # Even the right password is refused from this address while locked, with the lock message, and audited.
    response = attempt(client, "chuyenvien", PASSWORD)
    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [LOCKED]
    assert signed_in_user_id(client) is None
    assert events()[-1] == ("login_failed", "chuyenvien", "accounts.user", str(user.pk), {"reason": "locked"})

    # The lock time passes: the right password works again, and the pair's failures are forgotten.
    end_the_lock("chuyenvien")
    response = attempt(client, "chuyenvien", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    assert signed_in_user_id(client) == str(user.pk)
    assert pair_failures("chuyenvien") == []
    assert events()[-1][0] == "login"


def test_lock_message_is_in_vietnamese_by_default(world, vietnamese):
    client = Client()
    for _ in range(settings.LOGIN_MAX_FAILURES):
        response = client.post(LOGIN, {"username": "vanthu.a", "password": "sai-mat-khau"})
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    assert response.context["form"].non_field_errors() == [
        f"Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau {minutes} phút."]


def test_failures_below_the_maximum_do_not_lock(world):
    client = Client()
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        attempt(client, "vanthu.a", "sai-mat-khau")
    assert pair_failures("vanthu.a") == [settings.LOGIN_MAX_FAILURES - 1]
    assert attempt(client, "vanthu.a", PASSWORD).status_code == 302


def test_the_user_name_is_counted_whatever_its_case(world):
    client = Client()
    for name in ("VanThu.A", "VANTHU.A", "vanthu.a", "Vanthu.a"):
        attempt(client, name, "sai-mat-khau")
    response = attempt(client, "vanThu.A ", "sai-mat-khau")
    assert response.context["form"].non_field_errors() == [LOCKED]
    assert pair_failures("vanthu.a") == [settings.LOGIN_MAX_FAILURES]


def test_the_admin_login_url_is_our_sign_in_with_lockout(world):
    client = Client()
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "accounts/login.html"
    response = fail_until_locked(client, "vanthu.a", url="/admin/login/")
    assert response.context["form"].non_field_errors() == [LOCKED]
    response = attempt(client, "vanthu.a", PASSWORD, url="/admin/login/")
    assert response.context["form"].non_field_errors() == [LOCKED]
    assert signed_in_user_id(client) is None
    assert [e[0] for e in events()] == ["login_failed"] * settings.LOGIN_MAX_FAILURES + ["locked", "login_failed"]


# --- second factor -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "username"), [("admin", "quantri"), ("signer", "chutich")])
def test_roles_that_require_a_second_factor_enrol_before_reaching_the_dashboard(world, persona, username):
    user = world.users[persona]
    client = Client()
    response = attempt(client, username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == SECOND_FACTOR

    # Held at the second step: every signed-in page sends back to it.
    for url in (DASHBOARD, reverse("people:list"), reverse("orgs:tree")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == SECOND_FACTOR

    response = client.get(SECOND_FACTOR)
    assert response.status_code == 200
    assert response.context["enrolling"] is True
    secret = response.context["secret"]
    assert len(secret) == 32
    assert secret in response.content.decode()
    assert "<svg" in response.context["qr_svg"]
    assert client.get(SECOND_FACTOR).context["secret"] == secret  # same secret until enrolled

    response = client.post(SECOND_FACTOR, {"code": other_code(secret)}, **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["The code is wrong or has expired."]}
    assert client.get(DASHBOARD)["Location"] == SECOND_FACTOR
    assert User.objects.get(pk=user.pk).has_second_factor is False

    response = client.post(SECOND_FACTOR, {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200
    enrolled = User.objects.get(pk=user.pk)
    assert enrolled.totp_secret == secret
    assert enrolled.has_second_factor is True
    assert events() == [
        ("login", username, "accounts.user", str(user.pk), {}),
        # A wrong code while enrolling counts as a failed sign-in too (the password alone is not enough).
        ("login_failed", username, "accounts.user", str(user.pk), {"failures": 1, "step": "second_factor"}),
        ("update", username, "accounts.user", str(user.pk), {"second_factor": [None, "enrolled"]}),
    ]


def test_a_confirmed_second_factor_is_asked_for_at_every_sign_in(world):
    secret = pyotp.random_base32()
    User.objects.filter(username="vanthu.a").update(totp_secret=secret, totp_confirmed_at=timezone.now())
    client = Client()
    response = attempt(client, "vanthu.a", PASSWORD)
    assert response["Location"] == SECOND_FACTOR
    response = client.get(SECOND_FACTOR)
    assert response.context["enrolling"] is False
    assert "secret" not in response.context
    assert secret not in response.content.decode()

    response = client.post(SECOND_FACTOR, {"code": other_code(secret)}, **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["The code is wrong or has expired."]}
    assert client.get(DASHBOARD)["Location"] == SECOND_FACTOR
    response = client.post(SECOND_FACTOR, {"code": "abcdef"}, **EN)
    assert response.context["form"].errors == {"code": ["The code is wrong or has expired."]}

    response = client.post(SECOND_FACTOR, {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200


def test_the_second_factor_page_without_a_pending_sign_in_goes_to_the_dashboard(world):
    client = Client()
    attempt(client, "vanthu.a", PASSWORD)
    response = client.get(SECOND_FACTOR)
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD


def test_a_user_without_the_role_goes_straight_to_the_dashboard(world):
    client = Client()
    assert attempt(client, "vanthu.a", PASSWORD)["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200


# --- password strength -------------------------------------------------------------------------------------


CHARACTER_CLASSES = "The password must contain letters, digits and at least one special character."


@pytest.mark.parametrize(
    ("new_password", "errors"),
    [
        ("Ab1!xyz", ["This password is too short. It must contain at least 10 characters."]),
        ("2026202620262026", ["This password is entirely numeric.", CHARACTER_CLASSES]),
        ("MatKhauMoi2026", [CHARACTER_CLASSES]),
        ("Mat-Khau-Moi-Lao-Cai", [CHARACTER_CLASSES]),
    ],
    ids=["too-short", "only-digits", "no-special-character", "no-digit"],
)
def test_weak_passwords_are_refused(world, new_password, errors):
    user = world.users["clerk_a"]
    client = Client()
    client.force_login(user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password,
    }, **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"new_password2": errors}
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_a_strong_password_is_accepted(world):
    user = world.users["clerk_a"]
    client = Client()
    client.force_login(user)
    new_password = "Thi-dua#LaoCai2026"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password,
    })
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    assert User.objects.get(pk=user.pk).check_password(new_password)
    assert client.get(DASHBOARD).status_code == 200  # the session survives the change
    assert attempt(Client(), "vanthu.a", new_password).status_code == 302


# --- session lifetime ---------------------------------------------------------------------------------------


def test_session_settings():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_the_session_cookie_ends_with_the_browser_and_the_session_after_eight_hours(world):
    client = Client()
    response = attempt(client, "vanthu.a", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert cookie["httponly"] is True
    session = Session.objects.get(session_key=cookie.value)
    expected = timezone.now() + datetime.timedelta(hours=8)
    assert abs(session.expire_date - expected) < datetime.timedelta(seconds=30)


def test_an_expired_session_is_signed_out(world):
    client = Client()
    attempt(client, "vanthu.a", PASSWORD)
    assert client.get(DASHBOARD).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/"



def test_a_wrong_second_factor_code_is_audited(world):
    secret = pyotp.random_base32()
    User.objects.filter(username="vanthu.a").update(totp_secret=secret, totp_confirmed_at=timezone.now())
    client = Client()
    attempt(client, "vanthu.a", PASSWORD)
    client.post(SECOND_FACTOR, {"code": other_code(secret)})
    assert AuditEvent.objects.filter(action="login_failed", actor_name="vanthu.a").count() == 1


def test_repeated_wrong_second_factor_codes_lock_the_pair(world):
    secret = pyotp.random_base32()
    User.objects.filter(username="vanthu.a").update(totp_secret=secret, totp_confirmed_at=timezone.now())
    client = Client()
    attempt(client, "vanthu.a", PASSWORD)
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        response = client.post(SECOND_FACTOR, {"code": other_code(secret)})
        assert response.status_code == 200
    response = client.post(SECOND_FACTOR, {"code": other_code(secret)}, **EN)
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert [str(m) for m in response.wsgi_request._messages] == [LOCKED]
    assert signed_in_user_id(client) is None
    assert pair_failures("vanthu.a") == [settings.LOGIN_MAX_FAILURES]
    # The right password and a right code no longer help from this address until the lock ends.
    assert attempt(client, "vanthu.a", PASSWORD).status_code == 429
    assert client.get(DASHBOARD).status_code == 302


def test_a_second_factor_code_is_accepted_once(world):
    secret = pyotp.random_base32()
    User.objects.filter(username="vanthu.a").update(totp_secret=secret, totp_confirmed_at=timezone.now())
    code = pyotp.TOTP(secret).now()
    first = Client()
    attempt(first, "vanthu.a", PASSWORD)
    assert first.post(SECOND_FACTOR, {"code": code})["Location"] == DASHBOARD
    replay = Client()
    attempt(replay, "vanthu.a", PASSWORD)
    response = replay.post(SECOND_FACTOR, {"code": code}, **EN)
    with translation.override("en"):
        assert response.context["form"].errors == {"code": ["The code is wrong or has expired."]}
    assert replay.get(DASHBOARD)["Location"] == SECOND_FACTOR


def test_a_password_change_is_audited_without_the_password(world):
    client = Client()
    client.force_login(world.users["clerk_a"])
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "Mot-mat-khau-moi@2027", "new_password2": "Mot-mat-khau-moi@2027",
    })
    assert response.status_code == 302
    user = world.users["clerk_a"]
    assert events("update") == [("update", "vanthu.a", "accounts.user", str(user.pk), {"password": ["***", "***"]})]
