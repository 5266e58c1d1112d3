"""Base of the daily sweeps a scheduler runs (idempotent: running twice a day changes nothing more)."""

import datetime

from django.core.management.base import BaseCommand, CommandError


class DailySweepCommand(BaseCommand):
    """Takes an optional `--date dd/mm/yyyy` (default: today) and prints one Vietnamese summary line."""

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Today's date as dd/mm/yyyy (default: today).")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.datetime.strptime(options["date"], "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError(f"Ngày không hợp lệ: {options['date']} (cần dd/mm/yyyy).") from exc
        self.stdout.write(self.sweep(today))

    def sweep(self, today: datetime.date | None) -> str:
        raise NotImplementedError
