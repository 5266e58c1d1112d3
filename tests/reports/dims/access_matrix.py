"""Persona matrix rows of issue 18 item 1, "dimensions captured at the source" (collected by
tests/test_access_map.py): the statistical group classification page and the TĐKT staff register.

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world)."""

EDITORS = [200, 200, 200, 403, 302]
UNIT_A_ONLY = [200, 200, 404, 403, 302]

MATRIX = [
    ("people:groups", None, EDITORS),
    ("reports:staff", None, EDITORS),
    ("reports:staff_export", None, EDITORS),
    ("reports:staff_create", None, EDITORS),
    ("reports:staff_edit", "tdkt_post_of_unit_a", UNIT_A_ONLY),
    ("reports:office_create", None, EDITORS),
    ("reports:office_edit", "tdkt_office_of_unit_a", UNIT_A_ONLY),
]


def _office(world):
    from tests.reports.dims.support import make_office

    return make_office(world.unit_a, name="Bộ phận Thi đua - Khen thưởng Sở Y tế", structure="ministry_division")


def _post(world):
    from tests.reports.dims.support import make_post

    return make_post(world.person_a)


OBJECTS = {"tdkt_office_of_unit_a": _office, "tdkt_post_of_unit_a": _post}
