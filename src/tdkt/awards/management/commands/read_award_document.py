"""`manage.py read_award_document PATH [--json] [--no-ocr]`: a thin wrapper over tdkt.lib.awarddoc.cli.

Reads one award document and prints what was read; it saves nothing (the archive wizard and the imports do,
after the officer confirms). Exit 0 when anything was read, 2 with a Vietnamese message on stderr when the
file is not an award document or cannot be read. The JSON contract: docs/award-documents.md.
"""

import sys

from django.core.management.base import BaseCommand

from tdkt.lib.awarddoc import cli


class Command(BaseCommand):
    help = cli.HELP

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, path, json=False, no_ocr=False, **options):
        code = cli.run(path, as_json=json, stdout=self.stdout, stderr=self.stderr, ocr=not no_ocr)
        if code:
            sys.exit(code)
