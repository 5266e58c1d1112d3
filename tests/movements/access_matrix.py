"""Persona matrix rows of the movements app (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world) returning the object (its pk is the URL kwarg) or a kwargs dict."""

ALL = [200, 200, 200, 200, 302]
MANAGERS = [200, 403, 403, 403, 302]
REGISTRANTS = [200, 200, 200, 403, 302]

MATRIX = [
    ("movements:list", None, ALL),
    ("movements:create", None, MANAGERS),
    ("movements:detail", "movement", ALL),
    ("movements:edit", "movement", MANAGERS),
    ("movements:phase_add", "movement", MANAGERS),
    ("movements:milestone_add", "movement", MANAGERS),
    ("movements:document_add", "movement", MANAGERS),
    ("movements:document_file", "movement_document", ALL),
    ("movements:review_add", "movement", MANAGERS),
    ("movements:review", "review", ALL),
    ("movements:review_report", "review", [200, 403, 403, 200, 302]),
    ("movements:registrations", None, ALL),
    ("movements:registration_create", None, REGISTRANTS),
    ("movements:registration", "registration_of_unit_a", [200, 200, 404, 200, 302]),
    ("movements:registration_edit", "registration_of_unit_a", [200, 200, 404, 403, 302]),
    ("movements:registration_submit", "registration_of_unit_a", [405, 405, 405, 403, 302]),
    ("movements:registration_template", None, REGISTRANTS),
    ("movements:registration_import", None, REGISTRANTS),
    ("movements:registration_calls", None, MANAGERS),
    ("movements:comparison", None, ALL),
    ("movements:comparison_xlsx", None, ALL),
    ("movements:covenants", None, ALL),
    ("movements:covenant", "group_year", ALL),
    ("movements:covenant_edit", "group_year", [200, 200, 403, 403, 302]),
    ("movements:covenant_document", "covenant_with_document", ALL),
    ("movements:group_rotate", "group_year", MANAGERS),
    ("movements:groups_rotate_year", None, MANAGERS),
    ("movements:group_restructure", "group_year", MANAGERS),
    ("movements:unit_history", "unit_a", [200, 200, 404, 200, 302]),
]


def _movement(world):
    from tests.movements.support import make_movement

    return make_movement()


def _movement_document(world):
    from tdkt.movements.services import add_document
    from tests.movements.support import make_movement, pdf_upload

    return add_document(make_movement(), by=world.users["specialist"], kind="launch_plan", title="Kế hoạch",
                        uploaded=pdf_upload())


def _review(world):
    from django.utils import timezone

    from tdkt.movements.reviews import open_review
    from tests.movements.reviewing import running_movement

    today = timezone.localdate()
    return open_review(running_movement(), by=world.users["specialist"], kind="midterm_review", held_on=today,
                       cut_off=today)


def _registration_of_unit_a(world):
    from tdkt.movements.models import Registration

    return Registration.objects.create(unit=world.unit_a, year=2026)


def _covenant_with_document(world):
    from tdkt.movements.covenants import save_covenant
    from tests.movements.support import pdf_upload

    save_covenant(world.group_year, by=world.users["specialist"], content="Giao ước", uploaded=pdf_upload("gu.pdf"))
    return world.group_year


OBJECTS = {"movement": _movement, "review": _review, "movement_document": _movement_document,
           "registration_of_unit_a": _registration_of_unit_a, "covenant_with_document": _covenant_with_document}
