"""PostgreSQL: the application role's privileges, granted by the schema owner after every migrate.

The application role (settings.DATABASE_APP_USER, the user of DATABASE_URL) owns nothing: it may read and
write rows and use sequences, never TRUNCATE, ALTER, DROP or replace a function. Because it owns no table
and no trigger function, it cannot disable, drop or rewrite the immutability triggers (decisions 0006,
audit 0003). The grants run as the migrating role (the owner, DATABASE_ROLE=owner); when migrate or flush
runs as the application role itself (it cannot grant), nothing happens. See docs/operations.md."""

from __future__ import annotations

from django.conf import settings
from django.db import connections

TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
SEQUENCE_PRIVILEGES = "USAGE, SELECT, UPDATE"


def grant_statements(app_role: str, schema: str) -> list[str]:
    role = _quote(app_role)
    schema = _quote(schema)
    return [
        f"GRANT USAGE ON SCHEMA {schema} TO {role}",
        f"GRANT {TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA {schema} TO {role}",
        f"GRANT {SEQUENCE_PRIVILEGES} ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
        # Tables a later migration creates get the same privileges without waiting for this step.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT {TABLE_PRIVILEGES} ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT {SEQUENCE_PRIVILEGES} ON SEQUENCES TO {role}",
    ]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def grant_app_role(using: str = "default", app_role: str | None = None) -> bool:
    """Grant the application role its privileges on the current schema; True when granted."""
    connection = connections[using]
    app_role = settings.DATABASE_APP_USER if app_role is None else app_role
    if connection.vendor != "postgresql" or not app_role:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_schema()")
        current_user, schema = cursor.fetchone()
        if current_user == app_role:
            return False
        for sql in grant_statements(app_role, schema):
            cursor.execute(sql)
    return True


def grant_after_migrate(sender, using="default", **kwargs) -> None:
    grant_app_role(using)
