"""Persona matrix rows of the dossiers app (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world) returning the object (its pk is the URL kwarg) or a kwargs dict."""


def _draft_of_unit_a(world):
    from tests.dossiers.support import ready_draft

    return ready_draft(world)[0]


def _submit_draft_of_unit_a(world):
    return {"pk": _draft_of_unit_a(world).pk, "action": "submit"}


def _appraised_dossier_of_unit_a(world):
    from tests.dossiers.support import in_appraisal

    return in_appraisal(world)[0]


def _line_in_appraisal_of_unit_a(world):
    from tests.dossiers.support import in_appraisal

    return in_appraisal(world)[1][0]


def _document_of_unit_a(world):
    return _draft_of_unit_a(world).documents.order_by("id").first()


def _delegation_of_unit_a(world):
    """A current delegation of unit A's leader to clerk A (clerk A reads it; only the leader revokes it)."""
    from django.utils import timezone

    from tdkt.dossiers.models import SendingDelegation
    from tests.dossiers.support import leader_a

    today = timezone.localdate()
    return SendingDelegation.objects.create(unit=world.unit_a, leader=leader_a(world), clerk=world.users["clerk_a"],
                                            valid_from=today, valid_to=today)


def _requirement(world):
    from tdkt.dossiers.models import DocumentRequirement

    return DocumentRequirement.objects.order_by("id").first()


MATRIX = [
    ("dossiers:inbox", None, [200, 200, 200, 200, 302]),
    ("dossiers:create", None, [200, 200, 200, 403, 302]),
    ("dossiers:detail", "dossier_draft_of_unit_a", [200, 200, 404, 200, 302]),
    ("dossiers:edit", "dossier_draft_of_unit_a", [200, 200, 404, 403, 302]),
    ("dossiers:act", "dossier_submit_of_unit_a", [403, 403, 404, 403, 302]),  # the clerk prepares, the leader sends
    ("dossiers:upload", "dossier_draft_of_unit_a", [200, 200, 404, 403, 302]),
    ("dossiers:document", "dossier_document_of_unit_a", [200, 200, 404, 200, 302]),
    ("dossiers:document_remove", "dossier_document_of_unit_a", [200, 200, 404, 403, 302]),
    ("dossiers:queue", None, [200, 403, 403, 403, 302]),
    ("dossiers:assign", "dossier_in_appraisal_of_unit_a", [200, 403, 404, 403, 302]),
    ("dossiers:appraise", "dossier_in_appraisal_of_unit_a", [200, 403, 404, 403, 302]),
    ("dossiers:accept_eligible", "dossier_in_appraisal_of_unit_a", [200, 403, 404, 403, 302]),
    ("dossiers:decide_sheet", "dossier_in_appraisal_of_unit_a", [200, 403, 404, 403, 302]),
    ("dossiers:change_award", "line_in_appraisal_of_unit_a", [200, 403, 404, 403, 302]),
    ("dossiers:return_for_completion", "dossier_in_appraisal_of_unit_a", [200, 403, 404, 403, 302]),
    ("dossiers:delegations", None, [403, 200, 200, 403, 302]),
    ("dossiers:delegation_revoke", "dossier_delegation_of_unit_a", [403, 403, 404, 403, 302]),
    ("dossiers:checklist", None, [200, 200, 200, 200, 302]),
    ("dossiers:requirement_create", None, [200, 403, 403, 403, 302]),
    ("dossiers:requirement_edit", "dossier_requirement", [200, 403, 403, 403, 302]),
    ("dossiers:requirement_delete", "dossier_requirement", [200, 403, 403, 403, 302]),
]
OBJECTS = {
    "dossier_draft_of_unit_a": _draft_of_unit_a,
    "dossier_submit_of_unit_a": _submit_draft_of_unit_a,
    "dossier_in_appraisal_of_unit_a": _appraised_dossier_of_unit_a,
    "line_in_appraisal_of_unit_a": _line_in_appraisal_of_unit_a,
    "dossier_document_of_unit_a": _document_of_unit_a,
    "dossier_requirement": _requirement,
    "dossier_delegation_of_unit_a": _delegation_of_unit_a,
}
