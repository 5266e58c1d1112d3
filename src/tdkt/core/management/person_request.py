"""What the personal-data commands (export_person_data, erase_person_data) share: the person asked about and
the officer handling the request, both given on the command line."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from tdkt.people.models import Person


def add_request_arguments(parser) -> None:
    parser.add_argument("person_id", type=int)
    parser.add_argument("--by", required=True, help="User name of the officer handling the request.")


def person_and_officer(person_id: int, username: str):
    """(person, officer), or a CommandError naming the one that does not exist."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise CommandError(f"Không có cá nhân mã {person_id}.")
    officer = get_user_model().objects.filter(username=username).first()
    if officer is None:
        raise CommandError(f"Không có người dùng “{username}”.")
    return person, officer
