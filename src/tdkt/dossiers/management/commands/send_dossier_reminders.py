"""`manage.py send_dossier_reminders [--today dd/mm/yyyy] [--dry-run]`: the daily reminders of dossier
deadlines, calls for dossiers and overdue hiệp y requests (e-mail + in-app notifications). Idempotent:
a second run the same day sends nothing new (tdkt.dossiers.reminders). Run it from cron once a day,
e.g. `15 7 * * 1-6 cd /srv/tdkt && .venv/bin/python manage.py send_dossier_reminders`."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from tdkt.dossiers.reminders import send_dossier_reminders


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: «{value}». Hãy ghi theo dạng dd/mm/yyyy, ví dụ 04/03/2026.") from exc


class Command(BaseCommand):
    help = "Send the daily reminders of dossier deadlines, calls and consultations (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the day to remind for, dd/mm/yyyy (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="count what would be sent, send nothing")

    def handle(self, *args, today=None, dry_run=False, **options):
        day = parse_day(today) if today else None
        result = send_dossier_reminders(today=day, dry_run=dry_run)
        self.stdout.write(result.summary())
