"""Persona matrix rows of the consultations app (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world) returning the object (its pk is the URL kwarg) or a kwargs dict.

The request goes to the police, who answer through unit B's clerk; the dossier is unit A's. The agency
pages are for the agency's users only: unit A's clerk and the specialist get 404 there (the specialist
records paper answers on its own page)."""


def _dossier_in_appraisal(world):
    from tests.consultations.support import dossier_with_two_lines

    return dossier_with_two_lines(world)[0]


def _request_to_unit_b_agency(world):
    from tests.consultations.support import request_to_unit_b_agency

    return request_to_unit_b_agency(world)


MATRIX = [
    ("consultations:queue", None, [200, 403, 403, 403, 302]),
    ("consultations:dossier", "consultations_dossier", [200, 403, 403, 403, 302]),
    ("consultations:record_answer", "consultations_request", [200, 403, 403, 403, 302]),
    ("consultations:inbox", None, [403, 200, 200, 403, 302]),
    ("consultations:answer", "consultations_request", [403, 404, 200, 403, 302]),
    ("consultations:settings", None, [200, 403, 403, 403, 302]),
    ("consultations:agency_create", None, [200, 403, 403, 403, 302]),
    ("consultations:agency_edit", "consultations_agency", [200, 403, 403, 403, 302]),
]
def _police(world):
    from tests.consultations.support import police

    return police()


OBJECTS = {"consultations_dossier": _dossier_in_appraisal, "consultations_request": _request_to_unit_b_agency,
           "consultations_agency": _police}
