"""The API authenticates bearer tokens only, scopes by the token's user, and documents itself (OpenAPI)."""

import pytest
from django.test import Client
from django.utils import timezone

from tdkt.api.models import ApiToken, hash_token


@pytest.fixture
def token_of(world):
    def issue(persona):
        _row, raw = ApiToken.issue(world.users[persona], "Hệ thống quản lý văn bản")
        return raw
    return issue


def test_token_is_stored_hashed_and_shown_once(world):
    row, raw = ApiToken.issue(world.users["clerk_a"], "QLVB")
    assert raw.startswith("tdkt_") and len(raw) > 40
    assert row.key_hash == hash_token(raw) and raw not in row.key_hash
    assert row.prefix == raw[5:13]


def test_me_answers_the_tokens_user(world, token_of):
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token_of('clerk_a')}")
    assert response.status_code == 200
    assert response.json() == {"username": "vanthu.a", "full_name": world.users["clerk_a"].full_name,
                               "roles": ["unit_clerk"], "unit_ids": [world.unit_a.pk]}


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer wrong-token", "Token abc", "Basic dmFudGh1LmE6eA=="])
def test_missing_or_wrong_token_is_401(world, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    assert Client().get("/api/v1/me", **extra).status_code == 401


def test_revoked_token_and_inactive_user_are_401(world, token_of):
    raw = token_of("clerk_a")
    ApiToken.objects.update(revoked_at=timezone.now())
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    raw = token_of("clerk_b")
    world.users["clerk_b"].is_active = False
    world.users["clerk_b"].save()
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_a_browser_session_is_not_enough(world):
    client = Client()
    client.force_login(world.users["specialist"])
    assert client.get("/api/v1/me").status_code == 401


def test_openapi_document_is_public_and_describes_bearer_auth(db):
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "TĐKT API"
    assert "/api/v1/me" in schema["paths"]
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}


def test_docs_page_uses_no_outside_assets(db):
    html = Client().get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn." not in html and "https://" not in html.replace("https://swagger.io", "")


def test_create_api_token_command_prints_the_token_once(world, capsys):
    from django.core.management import call_command

    call_command("create_api_token", "vanthu.a", "QLVB")
    raw = capsys.readouterr().out.strip().splitlines()[-1]
    assert ApiToken.objects.get().key_hash == hash_token(raw)
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["username"] == "vanthu.a"
