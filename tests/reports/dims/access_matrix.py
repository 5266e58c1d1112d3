"""Persona matrix rows of issue 18 item 1, "dimensions captured at the source" (collected by
tests/test_access_map.py): the statistical group classification page and the TĐKT staff register.

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous])."""

EDITORS = [200, 200, 200, 403, 302]

MATRIX = [
    ("people:groups", None, EDITORS),
]

OBJECTS = {}
