"""The layout of an award message, version 1: an ASSUMED mapping (docs/integration.md).

The national cadre database's message format (QĐ 356/QĐ-BNV, Thông tư 06/2023/TT-BNV) was not available
when this was written; this module is the one place that guesses it, so that the official schema replaces
one module (mapping_v2) and nothing else. What is known (Decree 27/2026/NĐ-CP): the key of a person's record
is the 12-digit personal identification number, and the award data are the award, the decision (number,
date, authority) and the method (kind of commendation). The field names below are ours."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from tdkt.people.validators import validate_national_id

SCHEMA = "tdkt.award/1"
ASSUMED = True  # no official schema was read: the envelope says so to the receiver too


def valid_personal_id(value: str | None) -> bool:
    if not value:
        return False
    try:
        validate_national_id(value)
    except ValidationError:
        return False
    return True


def subject(line) -> dict | None:
    """Who the line is about: a person by the personal ID, a unit by its administrative or unit code.
    None for a household (it is no cadre, civil servant or public employee: nothing to sync)."""
    if line.person_id:
        person = line.person
        return {"type": "person", "personal_id": person.national_id or "", "full_name": person.full_name}
    if line.unit_id:
        unit = line.unit
        return {"type": "unit", "unit_code": unit.admin_code or unit.code, "name": unit.name}
    return None


def decision_block(decision) -> dict:
    return {"number": decision.number_text, "date": decision.decision_date.isoformat(),
            "authority": decision.authority.name}


def payload(decision, line, *, kind: str, amended=None) -> dict:
    """The message body for `line` of the signed `decision`; `amended`: the decision a correction or a
    revocation amends (its number and date identify the award on the receiver's side)."""
    body = {
        "action": kind,
        "subject": subject(line),
        "award": {"code": line.award_type.code, "name": line.award_type.name},
        "decision": decision_block(decision),
        "method": decision.basis,
        "person_group": (line.snapshot or {}).get("person_group", ""),
        "line_ref": line.amends_line_id or line.pk,
    }
    if amended is not None:
        body["amends"] = decision_block(amended)
    return body


def envelope(message, *, sent_at) -> dict:
    """What travels: the message id, the time of this attempt, the idempotency key and the payload."""
    return {"schema": SCHEMA, "assumed_mapping": ASSUMED, "message_id": str(message.message_id),
            "idempotency_key": message.idempotency_key, "timestamp": sent_at.isoformat(),
            "payload": message.payload}
