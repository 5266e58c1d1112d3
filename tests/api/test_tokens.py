"""Tokens with scopes, expiry, a rate limit, last use and revocation; every refusal says why, in Vietnamese,
and is audited; the command prints the token as its last word."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from tdkt.api.models import ApiToken, hash_token
from tdkt.api.scopes import READ_SCOPES, SCOPES, allowed_scopes
from tdkt.api.tokens import issue_token, revoke_token
from tdkt.audit.models import AuditAction, AuditEvent
from tests.api.support import client, token

ALL = sorted(SCOPES)
UNIT_READ = ["read:awards", "read:decisions", "read:dossiers", "read:persons", "read:statistics", "read:units"]


def test_a_token_without_read_persons_gets_403_with_the_reason(world):
    raw = token(world, "specialist", "read:units")
    response = client(raw).get("/api/v1/persons")
    assert response.status_code == 403
    assert response.json() == {"detail": "Mã truy cập API này không có quyền read:persons."}
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (event.actor, event.changes) == (world.users["specialist"], {"api_refused": "scope", "scope": "read:persons"})
    assert client(raw).get("/api/v1/units").status_code == 200


def test_an_expired_token_gets_403_and_a_live_one_works(world):
    row, raw = ApiToken.issue(world.users["clerk_a"], "QLVB", expires_at=timezone.now() + datetime.timedelta(hours=1))
    assert client(raw).get("/api/v1/units").status_code == 200
    ApiToken.objects.filter(pk=row.pk).update(expires_at=datetime.datetime(2026, 1, 31, 17, 0, tzinfo=datetime.UTC))
    response = client(raw).get("/api/v1/units")
    assert response.status_code == 403
    assert response.json() == {"detail": "Mã truy cập API này đã hết hạn lúc 01/02/2026 00:00; hãy xin mã mới."}
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, changes__api_refused="expired").count() == 1


def test_write_scopes_guard_the_existing_write_endpoints(world):
    read_only = client(token(world, "clerk_a", "read:dossiers"))
    assert read_only.get("/api/v1/dossiers").status_code == 200
    refused = read_only.post("/api/v1/dossiers", {"title": "Hồ sơ"}, content_type="application/json")
    assert (refused.status_code, refused.json()) == (403, {"detail": "Mã truy cập API này không có quyền write:dossiers."})
    assert read_only.get("/api/v1/dossier/1/actions").json() == {
        "detail": "Mã truy cập API này không có quyền write:dossiers."}


def test_a_role_taken_away_takes_its_scopes(world):
    raw = token(world, "clerk_a")
    world.users["clerk_a"].memberships.all().delete()
    assert client(raw).get("/api/v1/units").json() == {"detail": "Mã truy cập API này không có quyền read:units."}


def test_the_rate_limit_answers_429_with_retry_after_and_audits_once(world):
    raw = token(world, "clerk_a", "read:units", rate_limit=2)
    api = client(raw)
    assert [api.get("/api/v1/units").status_code for _ in range(2)] == [200, 200]
    refused = [api.get("/api/v1/units") for _ in range(2)]
    assert [r.status_code for r in refused] == [429, 429]
    assert 1 <= int(refused[0]["Retry-After"]) <= 60
    assert refused[0].json()["detail"].startswith("Mã truy cập API này đã gửi quá nhiều yêu cầu: thử lại sau ")
    assert AuditEvent.objects.filter(changes__api_refused="rate_limit").count() == 1
    # The next minute starts a new window.
    ApiToken.objects.update(rate_window=0)
    assert api.get("/api/v1/units").status_code == 200


def test_last_use_is_written_and_a_revoked_token_is_401(world):
    row, raw = ApiToken.issue(world.users["clerk_a"], "QLVB")
    assert row.last_used_at is None
    client(raw).get("/api/v1/me")
    row.refresh_from_db()
    assert row.last_used_at is not None
    assert revoke_token(row, by=world.users["admin"]) is True
    assert revoke_token(row, by=world.users["admin"]) is False
    response = client(raw).get("/api/v1/me")
    assert (response.status_code, response.json()) == (401, {
        "detail": "Thiếu mã truy cập API, hoặc mã không đúng hay đã bị thu hồi: gửi tiêu đề Authorization: Bearer <mã>."})
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(row.pk)).count() == 1


def test_issue_token_refuses_scopes_the_roles_do_not_allow(world):
    with pytest.raises(ValidationError, match="không cho phép quyền write:dossiers"):
        issue_token(world.users["council_member"], "QLVB", by="test", scopes=["write:dossiers"])
    with pytest.raises(ValidationError, match="Quyền không tồn tại: read:everything"):
        issue_token(world.users["clerk_a"], "QLVB", by="test", scopes=["read:everything"])
    with pytest.raises(ValidationError, match="Thời điểm hết hạn phải ở tương lai"):
        issue_token(world.users["clerk_a"], "QLVB", by="test", expires_at=timezone.now())
    assert not ApiToken.objects.exists()


def test_roles_allow_these_scopes():
    assert allowed_scopes({"province_specialist"}) == frozenset(SCOPES)
    assert sorted(allowed_scopes({"unit_clerk"}) & READ_SCOPES) == UNIT_READ
    assert sorted(allowed_scopes({"council_member"})) == ["read:awards", "read:decisions", "read:dossiers",
                                                         "read:statistics", "read:units", "write:workflow"]
    assert allowed_scopes(set()) == frozenset()


def test_command_without_scope_grants_the_read_scopes_of_the_role(world, capsys):
    call_command("create_api_token", "vanthu.a", "QLVB")
    output = capsys.readouterr().out.strip()
    raw = output.split()[-1]
    row = ApiToken.objects.get()
    assert row.key_hash == hash_token(raw)
    assert (row.scopes, row.expires_at) == (UNIT_READ, None)
    assert ("quyền: read:awards, read:decisions, read:dossiers, read:persons, read:statistics, read:units; "
            "hết hạn: không") in output
    assert AuditEvent.objects.get(action=AuditAction.CREATE, object_type="api.apitoken").changes["scopes"] == UNIT_READ


def test_command_with_scopes_and_expiry(world, capsys):
    call_command("create_api_token", "chuyenvien", "Nền tảng LGSP", "--scope", "read:awards", "--scope",
                 "read:persons", "--expires", "31/12/2099")
    raw = capsys.readouterr().out.split()[-1]
    row = ApiToken.objects.get(key_hash=hash_token(raw))
    assert row.scopes == ["read:awards", "read:persons"]
    assert timezone.localtime(row.expires_at) == timezone.make_aware(datetime.datetime(2100, 1, 1))
    with pytest.raises(CommandError, match="Ngày hết hạn “2099-31-12” không hợp lệ"):
        call_command("create_api_token", "chuyenvien", "x", "--expires", "2099-31-12")
    with pytest.raises(CommandError, match="không cho phép quyền write:dossiers"):
        call_command("create_api_token", "uyvien", "x", "--scope", "write:dossiers")


def test_revoke_command(world, capsys):
    row, _raw = ApiToken.issue(world.users["clerk_a"], "QLVB")
    call_command("revoke_api_token", row.prefix)
    row.refresh_from_db()
    assert row.revoked_at is not None
    with pytest.raises(CommandError, match="Không tìm thấy đúng một mã truy cập"):
        call_command("revoke_api_token", row.prefix)


def test_the_migration_gives_old_tokens_the_scopes_of_their_users_roles(world):
    migration = importlib.import_module("tdkt.api.migrations.0002_token_scopes")
    for persona in ("clerk_a", "council_member", "specialist"):
        ApiToken.issue(world.users[persona], persona, scopes=[])
    migration.scopes_for_existing_tokens(apps, None)
    assert {row.name: row.scopes for row in ApiToken.objects.all()} == {
        "clerk_a": sorted(allowed_scopes({"unit_clerk"})), "council_member": sorted(allowed_scopes({"council_member"})),
        "specialist": ALL}
