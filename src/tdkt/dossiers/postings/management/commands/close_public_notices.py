"""`manage.py close_public_notices [--date dd/mm/yyyy]`: closes published notices whose comment period is
over. Idempotent: a scheduler may run it daily, or twice, with the same result."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from tdkt.dossiers.postings.services import close_ended_notices


class Command(BaseCommand):
    help = "Close public notices (công khai) whose comment period is over."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Today's date as dd/mm/yyyy (default: today).")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.datetime.strptime(options["date"], "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError(f"Ngày không hợp lệ: {options['date']} (cần dd/mm/yyyy).") from exc
        count = close_ended_notices(today)
        self.stdout.write(f"Đã kết thúc {count} thông báo công khai hết thời gian góp ý.")
