"""Pseudonymise one person on request, where the law allows it (docs/privacy.md, "Erasure")."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tdkt.core.privacy import pseudonymise_person
from tdkt.people.models import Person


class Command(BaseCommand):
    help = ("Blank a person's name, birth date, citizen ID, gender, ethnicity and position; refused for a person "
            "in an issued decision or with award history (records that must be kept).")

    def add_arguments(self, parser):
        parser.add_argument("person_id", type=int)
        parser.add_argument("--by", required=True, help="User name of the officer handling the request.")

    def handle(self, *args, person_id, by, **options):
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise CommandError(f"Không có cá nhân mã {person_id}.")
        officer = get_user_model().objects.filter(username=by).first()
        if officer is None:
            raise CommandError(f"Không có người dùng “{by}”.")
        try:  # the officer's messages in Vietnamese, as the command's own
            with translation.override("vi"):
                pseudonymise_person(person, by=officer)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Đã xóa dữ liệu định danh của cá nhân #{person_id}.")
