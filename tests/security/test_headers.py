"""Headers and secrets: the Content-Security-Policy on every kind of response, the other browser protections,
Cache-Control: no-store on everything a signed-in user or an API token receives, and a production start
refused with a weak SECRET_KEY."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tdkt.api.models import ApiToken
from tests.conftest import client_for
from tests.test_access_map import _object

ROOT = Path(__file__).resolve().parents[2]
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
          "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")
NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"

# persona ("superuser": Django admin), path, expected status: every kind of response carries the policy.
CSP_CASES = [
    ("anonymous", "/", 302),                              # redirect to sign-in
    ("anonymous", "/portal/", 200),                       # public portal
    ("anonymous", "/login/", 200),
    ("anonymous", "/healthz", 200),                       # JSON
    ("anonymous", "/khong-co-trang-nay/", 404),           # error page
    ("anonymous", "/api/v1/docs", 200),                   # Swagger UI, from ninja's own static files
    ("anonymous", "/api/v1/openapi.json", 200),
    ("anonymous", "/api/v1/me", 401),
    ("clerk_a", "/", 200),
    ("clerk_b", "/audit/", 403),                          # refusal page
    ("superuser", "/admin/", 200),
    ("superuser", "/admin/accounts/user/", 200),
]


def _client(world, persona):
    if persona != "superuser":
        return client_for(world, persona)
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("sieuquantri", password="Mat-khau@2026"))
    return client


@pytest.mark.parametrize(("persona", "path", "status"), CSP_CASES, ids=[f"{c[0]}{c[1]}" for c in CSP_CASES])
def test_every_kind_of_response_carries_the_policy(world, persona, path, status):
    response = _client(world, persona).get(path)
    assert response.status_code == status
    assert response["Content-Security-Policy"] == POLICY


def test_api_docs_load_nothing_from_a_cdn(db):
    html = Client().get("/api/v1/docs").content.decode()
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in html
    assert '<script src="/static/ninja/swagger-ui-init.js">' in html
    assert "cdn" not in html.lower()


def test_browser_protections_on_a_page(world):
    response = client_for(world, "clerk_a").get("/")
    assert {name: response[name] for name in ["X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
                                              "Cross-Origin-Opener-Policy"]} == {
        "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin"}


# persona, URL name, object key: pages and files with personal data, to a session or to an API token.
NO_STORE_CASES = [
    ("clerk_a", "core:dashboard", None),
    ("clerk_a", "people:detail", "person_a"),             # citizen ID, birth date
    ("clerk_a", "people:export", None),                   # a spreadsheet of people
    ("clerk_a", "dossiers:document", "dossier_document_of_unit_a"),  # an uploaded file
    ("council_member", "orgs:tree", None),
    ("token", "api:me", None),
]


@pytest.mark.parametrize(("persona", "url_name", "object_key"), NO_STORE_CASES, ids=[c[1] for c in NO_STORE_CASES])
def test_nothing_a_signed_in_user_receives_is_stored(world, persona, url_name, object_key):
    kwargs = {"pk": _object(world, object_key).pk} if object_key else {}
    if persona == "token":
        _row, raw = ApiToken.issue(world.users["clerk_a"], "Hệ thống quản lý văn bản")
        response = Client().get(reverse(url_name, kwargs=kwargs), HTTP_AUTHORIZATION=f"Bearer {raw}")
    else:
        response = client_for(world, persona).get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200
    assert (response["Cache-Control"], response["Pragma"]) == (NO_STORE, "no-cache")


@pytest.mark.parametrize("url_name", ["portal:index", "portal:decisions", "postings:public_list", "core:healthz",
                                      "api:openapi-json"])
def test_anonymous_public_pages_keep_their_caching(db, url_name):
    response = Client().get(reverse(url_name))
    assert response.status_code == 200
    assert (response.get("Cache-Control"), response.get("Pragma")) == (None, None)


def test_a_failed_token_is_not_stored_either(db):
    """The rule is the Authorization header, not a successful authentication: a 401 says nothing cacheable."""
    response = Client().get(reverse("api:me"), HTTP_AUTHORIZATION="Bearer sai")
    assert (response.status_code, response["Cache-Control"]) == (401, NO_STORE)


WEAK_KEY = ("SECRET_KEY is too weak for production: it needs at least 50 characters, at least 5 of them "
            "different, and no 'django-insecure-' prefix. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(64))'")
STRONG = secrets.token_urlsafe(64)

# DEBUG, SECRET_KEY, the last line settings print (empty: they load).
SECRET_KEY_CASES = [
    ("false", "abc", f"RuntimeError: {WEAK_KEY}"),
    ("false", "x" * 49 + "y", f"RuntimeError: {WEAK_KEY}"),       # 50 characters, 2 different
    ("false", "abcd" * 20, f"RuntimeError: {WEAK_KEY}"),           # 80 characters, 4 different
    ("false", "django-insecure-" + STRONG, f"RuntimeError: {WEAK_KEY}"),
    ("false", "", "RuntimeError: SECRET_KEY must be set when DEBUG is off"),
    ("false", STRONG, ""),
    ("true", "abc", ""),                                           # development machines keep their short key
]


def _settings_env(tmp_path, debug, key):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECRET_KEY", "DJANGO_"))}
    return env | {"PYTHONPATH": str(ROOT / "src"), "DEBUG": debug, "SECRET_KEY": key,
                  "TDKT_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}


@pytest.mark.parametrize(("debug", "key", "last_line"), SECRET_KEY_CASES,
                         ids=["short", "two-distinct", "four-distinct", "insecure-prefix", "empty", "strong", "debug"])
def test_production_refuses_a_weak_secret_key(tmp_path, debug, key, last_line):
    result = subprocess.run([sys.executable, "-c", "import tdkt.settings"], env=_settings_env(tmp_path, debug, key),
                            capture_output=True, text=True, cwd=ROOT, check=False)
    lines = result.stderr.strip().splitlines()
    assert (result.returncode != 0, lines[-1] if lines else "") == (bool(last_line), last_line)

# `manage.py check --deploy` with production settings: tests/core/test_health_and_dashboard.py.
