"""Persona matrix rows of the notifications app (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world) returning the object (its pk is the URL kwarg) or a kwargs dict."""


def _notification_of_clerk_a(world):
    from tdkt.notifications.models import Notification

    return Notification.objects.create(user=world.users["clerk_a"], text="Hồ sơ bị trả lại", key="matrix:1")


# The two actions are POST only: a GET is refused (405) once the access decision let the user in.
MATRIX = [
    ("notifications:list", None, [200, 200, 200, 200, 302]),
    ("notifications:read", "notification_of_clerk_a", [405, 405, 405, 405, 302]),
    ("notifications:read_all", None, [405, 405, 405, 405, 302]),
    ("notifications:preferences", None, [200, 200, 200, 200, 302]),  # each user's own choices
]
OBJECTS = {"notification_of_clerk_a": _notification_of_clerk_a}
