"""The tuned argon2id hasher (issue 23): new hashes carry its parameters, hashes made with Django's default
parameters still verify and are re-hashed when their owner signs in through the real view, and the settings
cannot take the parameters under OWASP's minimum."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, identify_hasher, make_password
from django.test import Client, override_settings
from django.urls import reverse

from tdkt.accounts.hashers import TunedArgon2PasswordHasher
from tdkt.accounts.models import User

HASHERS = ["tdkt.accounts.hashers.TunedArgon2PasswordHasher", "django.contrib.auth.hashers.Argon2PasswordHasher"]
SECRET = "Mật-khẩu-đủ-dài-2026"


def parameters(encoded):
    decoded = identify_hasher(encoded).decode(encoded)
    return decoded["memory_cost"], decoded["time_cost"], decoded["parallelism"]


@override_settings(PASSWORD_HASHERS=HASHERS)
def test_new_hash_carries_the_tuned_parameters():
    encoded = make_password(SECRET)
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert parameters(encoded) == (19456, 2, 1)
    assert check_password(SECRET, encoded)


@override_settings(PASSWORD_HASHERS=HASHERS, ARGON2_MEMORY_KIB=1024, ARGON2_TIME_COST=1, ARGON2_PARALLELISM=0)
def test_settings_cannot_go_under_the_guidance_floor():
    assert parameters(make_password(SECRET)) == (19456, 2, 1)


@override_settings(PASSWORD_HASHERS=HASHERS, ARGON2_MEMORY_KIB=32768, ARGON2_TIME_COST=3)
def test_settings_may_raise_the_parameters():
    assert parameters(make_password(SECRET)) == (32768, 3, 1)


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=HASHERS)
def test_old_default_hash_still_verifies_and_is_upgraded_on_sign_in():
    old = Argon2PasswordHasher().encode(SECRET, Argon2PasswordHasher().salt())
    assert parameters(old) == (102400, 2, 8)
    assert TunedArgon2PasswordHasher().must_update(old) is True
    user = User.objects.create(username="can.bo.cu", full_name="Cán bộ cũ", password=old)

    response = Client().post(reverse("accounts:login"), {"username": "can.bo.cu", "password": SECRET})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password != old
    assert parameters(user.password) == (19456, 2, 1)
    assert user.check_password(SECRET)
