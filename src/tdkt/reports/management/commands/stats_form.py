"""`manage.py stats_form FORM --period YYYY [--unit CODE] [--circular 02/2023] --json|--xlsx PATH`.

FORM is the form's number (0601–0605); --period the statistical year 01/12/(YYYY−1)–30/11/YYYY, counted by
decision date; --unit the reporting unit's code (default: the province). --json prints the form as JSON on
standard output (or writes it to PATH when one is given); --xlsx writes the Excel form in the official layout.
Exit status 2 with a Vietnamese message on an unknown form, circular, period or unit."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tdkt.reports.statistics import service
from tdkt.reports.statistics.excel import write_form

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = "Compute a statutory statistical form (0601–0605) for a statistical year; JSON or Excel."

    def add_arguments(self, parser):
        parser.add_argument("form", help="Form number, e.g. 0603.")
        parser.add_argument("--period", required=True, help="Statistical year YYYY (01/12/YYYY-1 to 30/11/YYYY).")
        parser.add_argument("--unit", default="", help="Reporting unit's code (default: the province).")
        parser.add_argument("--circular", default=service.DEFAULT_CIRCULAR, help="Circular id, e.g. 02/2023.")
        output = parser.add_mutually_exclusive_group(required=True)
        output.add_argument("--json", nargs="?", const="-", metavar="PATH", help="JSON to PATH (default: stdout).")
        output.add_argument("--xlsx", metavar="PATH", help="Excel file to write.")

    def handle(self, *args, **options):
        with translation.override("vi"):
            try:
                request = service.resolve(options["form"], options["period"], options["unit"], options["circular"])
            except service.BadRequest as exc:
                raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
            result = service.compute_form(request)
            if options["xlsx"]:

                with open(options["xlsx"], "wb") as target:
                    write_form(result, target)
                self.stdout.write(_("Form %(form)s written to %(path)s.") % {"form": result.definition.number,
                                                                             "path": options["xlsx"]})
                return
            text = json.dumps(result.as_json(), ensure_ascii=False, indent=1)
            if options["json"] == "-":
                self.stdout.write(text)
            else:
                with open(options["json"], "w", encoding="utf-8") as target:
                    target.write(text + "\n")
