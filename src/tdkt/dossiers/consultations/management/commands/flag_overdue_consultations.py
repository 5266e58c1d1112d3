"""`manage.py flag_overdue_consultations [--date dd/mm/yyyy]`: flags requests past their due date without an
answer. Idempotent: a scheduler may run it daily, or twice, with the same result."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from tdkt.dossiers.consultations.services import flag_overdue_consultations


class Command(BaseCommand):
    help = "Flag consultation requests (hiệp y) past their due date without an answer."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Today's date as dd/mm/yyyy (default: today).")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.datetime.strptime(options["date"], "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError(f"Ngày không hợp lệ: {options['date']} (cần dd/mm/yyyy).") from exc
        count = flag_overdue_consultations(today)
        self.stdout.write(f"Đã đánh dấu {count} yêu cầu hiệp y quá hạn chưa trả lời.")
