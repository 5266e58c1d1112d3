"""The test suite's database roles (docs/operations.md, "Database roles").

On PostgreSQL with DATABASE_OWNER_URL set (the Makefile's test-postgres target, CI), each test database
(one per xdist worker) is created and migrated by the owner role, which then grants the application role
(DATABASE_URL's user) its privileges; every test then runs as the application role, as production does.
Django's flush at the end of a transactional test truncates tables, which only the owner may do: it runs
on a separate connection as the owner. On SQLite the flush deletes rows, which the immutability triggers
refuse; it creates the TEMP table `tdkt_test_flush` on its own connection for the length of the flush
(decisions 0006, audit 0003). `owner_connection()` gives tests that legitimately need the owner a
connection of their own."""

from __future__ import annotations

import contextlib

import dj_database_url
from django.conf import settings
from django.db import connections

FLUSH_MARKER = "tdkt_test_flush"


def owner_settings() -> dict | None:
    """USER/PASSWORD/HOST/PORT of the owner role, or None when the suite runs with one role."""
    if not settings.DATABASE_OWNER_URL or connections["default"].vendor != "postgresql":
        return None
    parsed = dj_database_url.parse(settings.DATABASE_OWNER_URL)
    return {key: parsed[key] for key in ("USER", "PASSWORD", "HOST", "PORT")}


def app_settings() -> dict:
    parsed = dj_database_url.parse(_app_url())
    return {key: parsed[key] for key in ("USER", "PASSWORD", "HOST", "PORT")}


def _app_url() -> str:
    import os

    return os.environ["DATABASE_URL"]


def use_credentials(credentials: dict) -> None:
    """Switch the default connection to other credentials (the next query reconnects)."""
    connection = connections["default"]
    connection.close()
    connection.settings_dict.update(credentials)


@contextlib.contextmanager
def owner_connection(autocommit: bool = False):
    """A psycopg connection to the current test database as the owner role (PostgreSQL only)."""
    import psycopg

    credentials = owner_settings()
    assert credentials is not None, "owner_connection needs PostgreSQL and DATABASE_OWNER_URL"
    with psycopg.connect(host=credentials["HOST"], port=credentials["PORT"] or 5432, user=credentials["USER"],
                         password=credentials["PASSWORD"], dbname=connections["default"].settings_dict["NAME"],
                         autocommit=autocommit) as conn:
        yield conn


def flush_with_roles(original):
    """A replacement for DatabaseOperations.execute_sql_flush (installed by tests/conftest.py)."""

    def execute_sql_flush(ops, sql_list):
        connection = ops.connection
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {FLUSH_MARKER} (x)")
            try:
                return original(ops, sql_list)
            finally:
                with connection.cursor() as cursor:
                    cursor.execute(f"DROP TABLE IF EXISTS temp.{FLUSH_MARKER}")
        if connection.vendor == "postgresql" and owner_settings() is not None:
            with owner_connection() as conn:  # commits on leaving
                for sql in sql_list:
                    conn.execute(sql)
            return None
        return original(ops, sql_list)

    return execute_sql_flush
