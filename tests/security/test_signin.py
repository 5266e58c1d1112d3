"""Attacks on sign-in (issue 14, item 5), reproduced through the real views and asserted to fail.

- Enumeration: an unknown user name and a wrong password give byte-identical pages (status and body); once
  locked, a known and an unknown user name give byte-identical pages too.
- Locking another user out: 50 failures from 10.0.0.1 on `quantri` (administrator) and `chutich` (signer), then
  the owner signs in at once from 10.0.0.2 with the right password and the TOTP code their role requires,
  while 10.0.0.1 stays locked for that account.
- Progressive delays: the lock grows with the failures an address makes, whatever accounts it tries.
- A forged X-Forwarded-For does not move the attacker to a fresh address (only TRUSTED_PROXY_COUNT proxies
  are believed, counted from the right).

Time is never mocked: a lock is ended by moving the attempt time into the past in the database.
"""

import datetime
import re

import pyotp
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from tdkt.accounts.lockout import cool_off_for
from tdkt.accounts.models import User
from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")
SECOND_FACTOR = reverse("accounts:second_factor")
DASHBOARD = reverse("core:dashboard")
ATTACKER, OWNER = "10.0.0.1", "10.0.0.2"
LIMIT = settings.LOGIN_MAX_FAILURES
_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def post(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def page(response, typed: str) -> tuple[int, bytes]:
    """What an attacker sees: the status and the body, apart from the per-session CSRF token and the user name
    they typed, which the form shows back to them."""
    body = _CSRF.sub(b"", response.content).replace(f'value="{typed}"'.encode(), b'value="TYPED"')
    return response.status_code, body


def lock_text(minutes: int) -> str:
    return f"Too many failed sign-ins from this address. Try again in {minutes} minutes."


def enrol_totp(username: str) -> str:
    secret = pyotp.random_base32()
    User.objects.filter(username=username).update(totp_secret=secret, totp_confirmed_at=timezone.now())
    return secret


def test_unknown_user_and_wrong_password_give_byte_identical_pages(world):
    known = post(Client(), "chuyenvien", "sai-mat-khau", "10.0.0.7")
    unknown = post(Client(), "khong-co-ai", "sai-mat-khau", "10.0.0.8")
    assert page(known, "chuyenvien") == page(unknown, "khong-co-ai")
    assert known.status_code == 200
    assert known.context["form"].non_field_errors() == ["Wrong user name or password."]


def test_a_locked_known_user_and_a_locked_unknown_user_give_byte_identical_pages(world):
    # Separate addresses, so the two locks have the same length (the length grows per address).
    client_known, client_unknown = Client(), Client()
    for _ in range(LIMIT - 1):
        assert page(post(client_known, "chuyenvien", "sai", "10.0.1.1"), "chuyenvien") == \
            page(post(client_unknown, "khong-co-ai", "sai", "10.0.1.2"), "khong-co-ai")
    known = post(client_known, "chuyenvien", "sai", "10.0.1.1")
    unknown = post(client_unknown, "khong-co-ai", "sai", "10.0.1.2")
    assert page(known, "chuyenvien") == page(unknown, "khong-co-ai")
    assert known.status_code == 429
    assert known.context["form"].non_field_errors() == [lock_text(settings.LOGIN_LOCKOUT_MINUTES)]
    # Still locked: the right password of the known account looks exactly like any password of the unknown one.
    assert page(post(client_known, "chuyenvien", PASSWORD, "10.0.1.1"), "chuyenvien") == \
        page(post(client_unknown, "khong-co-ai", PASSWORD, "10.0.1.2"), "khong-co-ai")


@pytest.mark.parametrize(("persona", "username"), [("admin", "quantri"), ("signer", "chutich")])
def test_fifty_failures_from_one_address_do_not_lock_the_owner_out_from_another(world, persona, username):
    secret = enrol_totp(username)  # both roles require the second factor
    attacker = Client()
    for _ in range(50):
        response = post(attacker, username, "doan-mat-khau", ATTACKER)
    assert response.status_code == 429
    assert AccessAttempt.objects.get(username=username, ip_address=ATTACKER).failures_since_start == 50

    owner = Client()
    response = post(owner, username, PASSWORD, OWNER)
    assert response.status_code == 302
    assert response["Location"] == SECOND_FACTOR
    response = owner.post(SECOND_FACTOR, {"code": pyotp.TOTP(secret).now()}, REMOTE_ADDR=OWNER)
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    assert owner.get(DASHBOARD, REMOTE_ADDR=OWNER).status_code == 200
    assert owner.session["_auth_user_id"] == str(world.users[persona].pk)

    # The attacker's address stays locked for that account, even with the right password.
    response = post(attacker, username, PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "_auth_user_id" not in attacker.session


def test_wrong_totp_codes_lock_only_the_address_they_come_from(world):
    secret = enrol_totp("quantri")
    stolen_password = Client()
    assert post(stolen_password, "quantri", PASSWORD, ATTACKER)["Location"] == SECOND_FACTOR
    wrong = "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"
    for _ in range(LIMIT):
        response = stolen_password.post(SECOND_FACTOR, {"code": wrong}, REMOTE_ADDR=ATTACKER)
    assert response["Location"] == LOGIN
    assert post(stolen_password, "quantri", PASSWORD, ATTACKER).status_code == 429

    owner = Client()
    assert post(owner, "quantri", PASSWORD, OWNER)["Location"] == SECOND_FACTOR
    response = owner.post(SECOND_FACTOR, {"code": pyotp.TOTP(secret).now()}, REMOTE_ADDR=OWNER)
    assert response["Location"] == DASHBOARD


def test_spraying_many_accounts_from_one_address_locks_each_longer(world):
    attacker = Client()
    names = ["chuyenvien", "vanthu.a", "vanthu.b", "khong-co-ai", "uyvien"]
    minutes = []
    for name in names:
        for _ in range(LIMIT):
            response = post(attacker, name, "sai", ATTACKER)
        minutes.append(response.context["form"].non_field_errors()[0])
    base = settings.LOGIN_LOCKOUT_MINUTES
    assert minutes == [lock_text(base), lock_text(2 * base), lock_text(4 * base), lock_text(8 * base),
                       lock_text(16 * base)]
    # Another address is not slowed down by the first one's failures.
    for _ in range(LIMIT):
        response = post(Client(), "vanthu.a", "sai", OWNER)
    assert response.context["form"].non_field_errors() == [lock_text(base)]


@pytest.mark.parametrize(("failures", "minutes"), [
    (0, 15), (4, 15), (5, 15), (9, 15), (10, 30), (15, 60), (20, 120), (30, 480), (35, 960), (40, 1440),
    (500, 1440), (10**9, 1440),
])
def test_the_cool_off_doubles_every_limit_failures_up_to_a_day(failures, minutes):
    assert cool_off_for(failures) == datetime.timedelta(minutes=minutes)


def test_a_lock_ends_when_its_time_has_passed(world):
    for _ in range(LIMIT):
        post(Client(), "vanthu.a", "sai", ATTACKER)
    assert post(Client(), "vanthu.a", PASSWORD, ATTACKER).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert post(Client(), "vanthu.a", PASSWORD, ATTACKER).status_code == 302


@pytest.mark.parametrize(("proxies", "forwarded", "remote", "address"), [
    (0, "10.9.9.9", "10.0.0.1", "10.0.0.1"),  # no proxy configured: the header is ignored
    (1, "10.9.9.9, 10.0.0.1", "192.168.1.10", "10.0.0.1"),  # the proxy appended the real client
    (1, "10.9.9.9, 10.9.9.8, 10.0.0.1", "192.168.1.10", "10.0.0.1"),  # forged entries on the left
    (2, "10.9.9.9, 10.0.0.1, 172.16.0.2", "192.168.1.10", "10.0.0.1"),
    (1, "not-an-address", "192.168.1.10", "192.168.1.10"),  # junk: the proxy's own address
    (2, "10.0.0.1", "192.168.1.10", "192.168.1.10"),  # fewer entries than proxies
])
def test_the_client_address_believes_only_the_trusted_proxies(world, proxies, forwarded, remote, address):
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        Client().post(LOGIN, {"username": "vanthu.a", "password": "sai"}, REMOTE_ADDR=remote,
                      HTTP_X_FORWARDED_FOR=forwarded)
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [address]


def test_a_forged_forwarded_for_does_not_escape_the_lock(world):
    with override_settings(TRUSTED_PROXY_COUNT=1):
        for n in range(LIMIT + 3):
            response = Client().post(LOGIN, {"username": "vanthu.a", "password": "sai"}, REMOTE_ADDR="192.168.1.10",
                                     HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, {ATTACKER}")
    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [(ATTACKER, LIMIT + 3)]
