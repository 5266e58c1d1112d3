"""Tokens for the API tests: with the scopes asked for, or every scope the persona's roles allow."""

from django.test import Client

from tdkt.api.models import ApiToken


def token(world, persona: str, *scopes, **options) -> str:
    _row, raw = ApiToken.issue(world.users[persona], "Hệ thống quản lý văn bản", scopes=scopes or None, **options)
    return raw


def client(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
