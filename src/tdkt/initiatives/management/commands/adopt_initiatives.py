"""Enter into the register the per-person initiatives recorded since (person page, history import)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from tdkt.awards.models import Initiative
from tdkt.initiatives.adopt import adopt_records
from tdkt.initiatives.models import Author, Work, WorkStateChange


class Command(BaseCommand):
    help = "Enter into the initiatives register the per-person initiative records no entry holds yet."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = adopt_records(Initiative, Work, Author, WorkStateChange, by_name="adopt_initiatives")
        self.stdout.write(f"{count}")
