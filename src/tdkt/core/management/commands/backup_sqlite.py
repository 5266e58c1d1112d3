"""Consistent online copy of the embedded SQLite database, with SQLite's backup API.

Safe while the server runs (readers and the writer keep working). For PostgreSQL use pg_dump.
"""

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


def backup_sqlite_file(source_path: Path, target_dir: Path) -> Path:
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"tdkt-{timezone.localtime():%Y%m%d-%H%M%S}.sqlite3"
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
