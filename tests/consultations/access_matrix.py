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
    # Requests received from other bodies: the standing body only; everyone else a 404 (signers read: tested in
    # tests/consultations/test_inbound.py).
    ("consultations:inbound_queue", None, [200, 404, 404, 404, 302]),
    ("consultations:inbound_create", None, [200, 404, 404, 404, 302]),
    ("consultations:inbound_detail", "inbound_request", [200, 404, 404, 404, 302]),
    ("consultations:inbound_answer", "inbound_request", [200, 404, 404, 404, 302]),
    ("consultations:inbound_letter", "inbound_request_answered", [200, 404, 404, 404, 302]),
    ("consultations:inbound_file", "inbound_request_with_file", [200, 404, 404, 404, 302]),
    ("consultations:settings", None, [200, 403, 403, 403, 302]),
    ("consultations:agency_create", None, [200, 403, 403, 403, 302]),
    ("consultations:agency_edit", "consultations_agency", [200, 403, 403, 403, 302]),
]
def _police(world):
    from tests.consultations.support import police

    return police()


def _inbound(world):
    from tests.consultations.inbound_support import assigned

    return assigned(world)


def _inbound_answered(world):
    from tdkt.dossiers.consultations import inbound
    from tests.consultations.inbound_support import assigned

    request = assigned(world)
    return inbound.draft_answer(request, by=world.users["specialist"], letter_issuer="Ủy ban nhân dân tỉnh Lào Cai",
                                answers=dict.fromkeys(request.subjects.values_list("pk", flat=True), ("agree", "")))


def _inbound_with_file(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tdkt.dossiers.consultations import inbound
    from tests.consultations.inbound_support import D, messy_request_docx

    token, name, mime, _prefill = inbound.store_request_file(SimpleUploadedFile("cv.docx", messy_request_docx()))
    return inbound.record_inbound(by=world.users["specialist"], requesting_body="Sở Y tế tỉnh Yên Bái",
                                  reference_number="215/SYT-TCCB", reference_date=D(2026, 3, 5), subject="hiệp y",
                                  received_on=D(2026, 3, 6), subjects_text="Ông Lý Văn Minh", file_token=token,
                                  file_name=name, file_type=mime)


OBJECTS = {"consultations_dossier": _dossier_in_appraisal, "consultations_request": _request_to_unit_b_agency,
           "consultations_agency": _police, "inbound_request": _inbound, "inbound_request_answered": _inbound_answered,
           "inbound_request_with_file": _inbound_with_file}
