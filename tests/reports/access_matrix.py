"""Persona matrix rows of the reports app (collected by tests/test_access_map.py). Each sub-domain of the
reports app adds its rows in its own tests/reports/<part>/access_matrix.py."""

MATRIX = [
    ("reports:index", None, [200, 200, 200, 200, 302]),
]
