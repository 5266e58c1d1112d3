import os
import sqlite3
import stat

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


def test_backup_file_is_private_from_creation_whatever_the_umask(tmp_path):
    """The backup holds every citizen ID: mode 0600 and its new folder 0700, even under a permissive umask
    (the mode is set at creation, not by a chmod afterwards)."""
    source = tmp_path / "tdkt.sqlite3"
    sqlite3.connect(source).close()
    old = os.umask(0o000)
    try:
        backup = backup_sqlite_file(source, tmp_path / "new" / "backups")
    finally:
        os.umask(old)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(backup.parent.parent.stat().st_mode) == 0o700


def test_backup_leaves_an_existing_folder_mode_alone(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o750)
    folder.chmod(0o750)
    source = tmp_path / "tdkt.sqlite3"
    sqlite3.connect(source).close()
    backup = backup_sqlite_file(source, folder)
    assert (stat.S_IMODE(backup.stat().st_mode), stat.S_IMODE(folder.stat().st_mode)) == (0o600, 0o750)
