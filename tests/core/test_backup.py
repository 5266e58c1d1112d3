import sqlite3

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tdkt.core.management.commands.backup_sqlite import backup_sqlite_file


def test_backup_sqlite_file_copies_a_live_database(tmp_path):
    source = tmp_path / "tdkt.sqlite3"
    live = sqlite3.connect(source)
    live.execute("CREATE TABLE orgs_unit (name TEXT)")
    live.execute("INSERT INTO orgs_unit VALUES ('Sở Nội vụ')")
    live.commit()  # the connection stays open, as the running server's would
    backup = backup_sqlite_file(source, tmp_path / "backups")
    assert backup.parent == tmp_path / "backups"
    assert sqlite3.connect(backup).execute("SELECT name FROM orgs_unit").fetchall() == [("Sở Nội vụ",)]
    live.close()


@pytest.mark.django_db
def test_backup_sqlite_refuses_postgresql():
    if connection.vendor == "sqlite":
        pytest.skip("PostgreSQL only")
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup_sqlite")
