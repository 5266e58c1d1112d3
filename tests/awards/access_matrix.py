"""Persona matrix rows of the awards app's ratings sheet (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
The sheet of unit A: its clerk and the province specialist; unit B's clerk gets 404, a council member 403."""

MATRIX = [
    ("awards:ratings_sheet", "ratings_sheet_of_unit_a", [200, 200, 404, 403, 302]),
]

OBJECTS = {
    "ratings_sheet_of_unit_a": lambda world: {"pk": world.unit_a.pk, "year": 2025},
}
