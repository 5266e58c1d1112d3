"""Persona matrix rows of registrations by name (collected by tests/test_access_map.py): the pasted list, the
leader's signature, the units that have not registered and their reminder.

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous])."""

MATRIX = [
    ("movements:registration_names", None, [200, 200, 200, 403, 302]),
    # only unit leaders sign (none among these personas; the leader of another unit: 404, test_views_names)
    ("movements:registration_sign", "registration_of_unit_a", [403, 403, 403, 403, 302]),
    ("movements:registration_missing", "registration_call", [200, 403, 403, 403, 302]),
    ("movements:registration_remind", "registration_call", [405, 403, 403, 403, 302]),
]


def _registration_of_unit_a(world):
    from tdkt.movements.models import Registration

    return Registration.objects.create(unit=world.unit_a, year=2026)


def _registration_call(world):
    import datetime

    from tdkt.movements.models import RegistrationCall

    return RegistrationCall.objects.create(year=2026, due_on=datetime.date(2026, 1, 31))


OBJECTS = {"registration_of_unit_a": _registration_of_unit_a, "registration_call": _registration_call}
