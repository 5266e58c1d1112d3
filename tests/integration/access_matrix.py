"""Persona matrix rows of the integration app (collected by tests/test_access_map.py): the sync monitor is the
standing body's (province specialists and administrators)."""

MATRIX = [
    ("integration:outbox", None, [200, 403, 403, 403, 302]),
    ("integration:outbox_xlsx", None, [200, 403, 403, 403, 302]),
    ("integration:outbox_requeue", "missing_message", [405, 403, 403, 403, 302]),  # POST only (test_requeue.py)
]

OBJECTS = {"missing_message": lambda world: {"pk": 987654}}
