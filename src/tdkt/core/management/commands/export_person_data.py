"""Everything held about one person, for the officer answering their request (docs/privacy.md, "Export")."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tdkt.core.management.person_request import add_request_arguments, person_and_officer
from tdkt.core.privacy import export_person_data


class Command(BaseCommand):
    help = "Export everything held about one person to a .json or .xlsx file (mode 0600); the export is logged."

    def add_arguments(self, parser):
        add_request_arguments(parser)
        parser.add_argument("--out", required=True, help="Output file, .json or .xlsx (must not exist).")

    def handle(self, *args, person_id, out, by, **options):
        person, officer = person_and_officer(person_id, by)
        if Path(out).exists():
            raise CommandError(f"Tệp {out} đã có; hãy chọn tên khác (không ghi đè).")
        try:  # the officer's messages in Vietnamese, as the command's own
            with translation.override("vi"):
                path = export_person_data(person, Path(out), by=officer)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Đã xuất dữ liệu của cá nhân #{person.pk} vào {path}")
