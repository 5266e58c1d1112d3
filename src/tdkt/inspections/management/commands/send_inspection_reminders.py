"""Daily: remind inspected units of recommendations coming due or overdue (idempotent; the worker runs it)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from tdkt.inspections.notices import send_reminders
from tdkt.workcalendar.cache import calendar_scope


class Command(BaseCommand):
    help = "Remind inspected units of recommendations due soon or overdue (in-app and e-mail; idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, today=None, **options):
        with calendar_scope():
            sent = send_reminders(today or timezone.localdate())
        self.stdout.write(f"due_soon={sent['due_soon']} overdue={sent['overdue']}")
