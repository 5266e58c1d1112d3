"""Persona matrix rows of the khen cao register (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
The register is the province's: its specialist acts, a unit's clerk gets a 404, other roles are refused."""

MATRIX = [
    ("central:index", None, [200, 404, 404, 403, 302]),
    ("central:proposal_create", None, [200, 404, 404, 403, 302]),
    ("central:proposal", "central_proposal", [200, 404, 404, 403, 302]),
    ("central:proposal_build", "central_proposal", [405, 405, 405, 405, 302]),
    ("central:proposal_line_remove", "central_proposal", [405, 405, 405, 405, 302]),
    ("central:proposal_receipt", "central_proposal", [405, 405, 405, 405, 302]),
    ("central:proposal_file", "central_proposal_word", [200, 404, 404, 403, 302]),
    ("central:decision_create", None, [200, 404, 404, 403, 302]),
    ("central:decision", "central_decision", [200, 404, 404, 403, 302]),
    ("central:decision_import", "central_decision", [405, 405, 405, 405, 302]),
    ("central:decision_add", "central_decision", [405, 405, 405, 405, 302]),
    ("central:decision_review", "central_decision", [405, 405, 405, 405, 302]),
    ("central:decision_commit", "central_decision", [405, 405, 405, 405, 302]),
    ("central:decision_handover", "central_decision", [405, 405, 405, 405, 302]),
    ("central:handover", None, [200, 404, 404, 403, 302]),
    ("central:packages", None, [200, 404, 404, 403, 302]),
    ("central:decision_package", "package_decision", [200, 404, 404, 403, 302]),
    ("central:proposal_package", "central_proposal", [200, 404, 404, 403, 302]),
    ("central:notice_package", "package_notice", [200, 404, 404, 403, 302]),
]


def _proposal(world):
    from tests.central.support import sent_proposal

    return sent_proposal(world)


def _proposal_word(world):
    return {"pk": _proposal(world).pk, "kind": "word"}


def _decision(world):
    import datetime

    from tdkt.central import register

    return register.record_decision(kind="state_president", number="15/QĐ-CTN", signed_on=datetime.date(2026, 4, 1),
                                    by=world.users["specialist"])


def _package_decision(world):
    from tests.decisions.access_matrix import _published_decision

    return _published_decision(world)


def _package_notice(world):
    from tests.postings.support import published_notice

    return published_notice(world)


OBJECTS = {"package_decision": _package_decision, "package_notice": _package_notice, "central_proposal": _proposal, "central_proposal_word": _proposal_word, "central_decision": _decision}
