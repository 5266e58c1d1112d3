"""Persona matrix rows of the generic action page (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous])."""


def _receive_submitted_dossier_of_unit_a(world):
    from tdkt.dossiers.enums import DossierState
    from tests.workflow.support import dossier_in

    dossier, _line = dossier_in(world, DossierState.SUBMITTED)
    return {"machine_name": "dossier", "pk": dossier.pk, "name": "receive"}


OBJECTS = {"workflow_receive_submitted_dossier_of_unit_a": _receive_submitted_dossier_of_unit_a}

MATRIX = [
    ("workflow:act", "workflow_receive_submitted_dossier_of_unit_a", [200, 403, 404, 403, 302]),
]
