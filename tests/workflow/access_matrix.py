"""Persona matrix rows of the generic action page (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous])."""


def _receive_submitted_dossier_of_unit_a(world):
    from tdkt.dossiers.enums import DossierState
    from tests.workflow.support import dossier_in

    dossier, _line = dossier_in(world, DossierState.SUBMITTED)
    return {"machine_name": "dossier", "pk": dossier.pk, "name": "receive"}


OBJECTS = {
    "workflow_receive_submitted_dossier_of_unit_a": _receive_submitted_dossier_of_unit_a,
    # the API's generated actions refuse a session before any object is looked up (401; POST-only: 405)
    "workflow_api_dossier": lambda world: {"machine_name": "dossier", "pk": 1},
    "workflow_api_dossier_receive": lambda world: {"machine_name": "dossier", "pk": 1, "name": "receive"},
}

MATRIX = [
    ("workflow:act", "workflow_receive_submitted_dossier_of_unit_a", [200, 403, 404, 403, 302]),
    ("api:list_actions", "workflow_api_dossier", [401, 401, 401, 401, 401]),
    ("api:perform_action", "workflow_api_dossier_receive", [405, 405, 405, 405, 405]),
]
