"""Persona matrix rows of the award history search (collected by tests/test_access_map.py). Personas:
specialist, clerk_a, clerk_b, council_member, anonymous. Another unit's person or collective is 404."""

MATRIX = [
    ("reports:history", None, [200, 200, 200, 200, 302]),
    ("reports:history_xlsx", None, [200, 200, 200, 200, 302]),
    ("reports:person_history_print", "person_a", [200, 200, 404, 200, 302]),
    ("reports:unit_history_print", "unit_a", [200, 200, 404, 200, 302]),
]
