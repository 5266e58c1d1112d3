"""Pseudonymise one person on request, where the law allows it (docs/privacy.md, "Erasure")."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tdkt.core.management.person_request import add_request_arguments, person_and_officer
from tdkt.core.privacy import pseudonymise_person


class Command(BaseCommand):
    help = ("Blank a person's name, birth date, citizen ID, gender, ethnicity and position; refused for a person "
            "in an issued decision or with award history (records that must be kept).")

    def add_arguments(self, parser):
        add_request_arguments(parser)

    def handle(self, *args, person_id, by, **options):
        person, officer = person_and_officer(person_id, by)
        try:  # the officer's messages in Vietnamese, as the command's own
            with translation.override("vi"):
                pseudonymise_person(person, by=officer)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Đã xóa dữ liệu định danh của cá nhân #{person_id}.")
