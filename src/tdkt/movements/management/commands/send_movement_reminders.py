"""Daily: remind movement milestones and registration deadlines (idempotent; run it from cron)."""

import datetime

from django.core.management.base import BaseCommand

from tdkt.movements.reminders import send_movement_reminders


class Command(BaseCommand):
    help = "Remind movement milestones and registration deadlines by e-mail and in-app notification (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)
        parser.add_argument("--days-ahead", type=int, default=7)

    def handle(self, *args, today=None, days_ahead=7, **options):
        result = send_movement_reminders(today=today, days_ahead=days_ahead)
        self.stdout.write(
            f"milestones={result.milestones} registrations={result.registration_reminders} mails={result.mails} "
            f"notifications={result.notifications} already_sent={result.already_sent}")
        for name in result.without_recipients:
            self.stdout.write(f"no recipient: {name}")
