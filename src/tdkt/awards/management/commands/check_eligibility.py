"""`manage.py check_eligibility INPUT.json`: batch eligibility check (docs/eligibility.md).

A thin wrapper: the logic is framework-free in tdkt.eligibility.cli. Exit status 0 with the results
as JSON on stdout; 2 with a Vietnamese message on stderr when the input is malformed.
"""

from django.core.management.base import BaseCommand

from tdkt.eligibility.cli import EXIT_OK, main


class Command(BaseCommand):
    help = "Check candidates against the eligibility rules; JSON in, JSON out (docs/eligibility.md)."

    def add_arguments(self, parser):
        parser.add_argument("input", help='JSON file of candidates ("-" reads standard input)')

    def handle(self, *args, **options):
        status = main([options["input"]], stdout=self.stdout, stderr=self.stderr)
        if status != EXIT_OK:
            raise SystemExit(status)
