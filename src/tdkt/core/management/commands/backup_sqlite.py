"""Consistent online copy of the embedded SQLite database, with SQLite's backup API.

Safe while the server runs (readers and the writer keep working). For PostgreSQL use pg_dump.
"""

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from tdkt.lib.private_files import create_private, private_dir


def backup_sqlite_file(source_path: Path, target_dir: Path) -> Path:
    """The copy is created mode 0600 (its folder 0700 when this creates it) before SQLite writes into it: the
    backup holds every citizen ID and birth date. SQLite gives its journal the database file's mode."""
    private_dir(target_dir)
    target = create_private(target_dir / f"tdkt-{timezone.localtime():%Y%m%d-%H%M%S-%f}.sqlite3")
    source = sqlite3.connect(source_path)
    try:
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)
        destination.close()
    finally:
        source.close()
    return target


class Command(BaseCommand):
    help = "Copy the SQLite database to a backup file using SQLite's online backup API."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default=None, help="Folder for the backup (default: var/backups)")

    def handle(self, *args, output_dir=None, **options):
        if connection.vendor != "sqlite":
            raise CommandError("Cơ sở dữ liệu không phải SQLite: hãy dùng pg_dump để sao lưu PostgreSQL.")
        source_path = Path(connection.settings_dict["NAME"])
        target_dir = Path(output_dir) if output_dir else source_path.parent / "backups"
        self.stdout.write(str(backup_sqlite_file(source_path, target_dir)))
