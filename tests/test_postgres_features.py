"""The PostgreSQL extensions search relies on are there (the migrations create them)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_unaccent_and_trigram_extensions():
    if connection.vendor != "postgresql":
        pytest.skip(f"PostgreSQL only (on {connection.vendor}); run by the CI PostgreSQL pass")
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')")
        assert {row[0] for row in cursor.fetchall()} == {"unaccent", "pg_trgm"}
        cursor.execute("SELECT unaccent(%s)", ["Nguyễn"])
        assert cursor.fetchone()[0] == "Nguyen"
