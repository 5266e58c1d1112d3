"""Who sees the signing actions on a decision's page (and may use them)."""

from tdkt.decisions import rules as decision_rules
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.signing import checks


def can_sign_on_server(user, decision) -> bool:
    """The decision's signer himself, with the key the server holds (the province's PKCS#12, or the demo's):
    the văn thư records a signed copy but does not sign with the signer's key."""
    return (decision.state == DecisionState.APPROVED_FOR_SIGNING and decision_rules.signs_it(user, decision)
            and checks.server_key_configured())


def can_sign_remotely(user, decision) -> bool:
    """The hash-out / CMS-in pages: whoever records the signed copy (the văn thư hands the digest to the signer's
    plug-in or the provincial remote signer), as the pages themselves allow."""
    return decision_rules.sees_everything(user, decision) and decision_rules.can_record_signed(user, decision)


def links(user, decision) -> dict:
    if decision.state != DecisionState.APPROVED_FOR_SIGNING:
        return {}
    return {"server": can_sign_on_server(user, decision), "remote": can_sign_remotely(user, decision)}
