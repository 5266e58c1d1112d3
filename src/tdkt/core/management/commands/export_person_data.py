"""Everything held about one person, for the officer answering their request (docs/privacy.md, "Export")."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tdkt.core.privacy import export_person_data
from tdkt.people.models import Person


class Command(BaseCommand):
    help = "Export everything held about one person to a .json or .xlsx file (mode 0600); the export is logged."

    def add_arguments(self, parser):
        parser.add_argument("person_id", type=int)
        parser.add_argument("--out", required=True, help="Output file, .json or .xlsx (must not exist).")
        parser.add_argument("--by", required=True, help="User name of the officer handling the request.")

    def handle(self, *args, person_id, out, by, **options):
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise CommandError(f"Không có cá nhân mã {person_id}.")
        officer = get_user_model().objects.filter(username=by).first()
        if officer is None:
            raise CommandError(f"Không có người dùng “{by}”.")
        if Path(out).exists():
            raise CommandError(f"Tệp {out} đã có; hãy chọn tên khác (không ghi đè).")
        try:  # the officer's messages in Vietnamese, as the command's own
            with translation.override("vi"):
                path = export_person_data(person, Path(out), by=officer)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Đã xuất dữ liệu của cá nhân #{person.pk} vào {path}")
