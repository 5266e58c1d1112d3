"""Persona matrix rows of the api app (collected by tests/test_access_map.py).

Session personas get 401 from token-protected operations: the API never accepts a browser session."""

MATRIX = [
    ("api:openapi-json", None, [200, 200, 200, 200, 200]),
    ("api:openapi-view", None, [200, 200, 200, 200, 200]),
    ("api:me", None, [401, 401, 401, 401, 401]),
    ("api:api-root", None, [404, 404, 404, 404, 404]),
]
OBJECTS = {}
