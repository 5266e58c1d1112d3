"""Who may do what with decisions (role × state), in one place.

- Read: the province-wide readers (specialists, administrators, council members and secretaries,
  signers) read every decision in every state. Unit clerks and leaders read only **published**
  decisions that carry at least one line of their units (sub-units and predecessors included), and
  see only those lines; anything else is a 404.
- Draft, edit a draft, publish, correct, revoke, post the payout, keep the fund ledger, prepare a
  Tờ trình: the province specialists (the standing body, Sở Nội vụ).
- Approve for signing, or send back to draft: the signer (chairman / vice-chairman) whose post signs it.
- Record the signed copy (upload the scanned or digitally signed PDF; numbers the decision if needed)
  and take the number: the văn thư. The standing body's specialist plays that role here; the signer
  may do it too (a digitally signed PDF comes from the signer's own workstation).
"""

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.decisions.enums import DecisionState

MANAGERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST)
SIGNERS = (Role.SIGNER,)
RECORDERS = MANAGERS + SIGNERS
FUND_READERS = MANAGERS + SIGNERS


def is_manager(user) -> bool:
    return get_scope(user).has_role(*MANAGERS)


def can_edit(user, decision) -> bool:
    return is_manager(user) and decision.state == DecisionState.DRAFT


def signs_it(user, decision) -> bool:
    """The user of the decision's signer post (a vice-chairman cannot act for the chairman's post); while no
    post is chosen, any signer (data of authorities without recorded posts)."""
    if not get_scope(user).has_role(*SIGNERS):
        return False
    return decision.signer_post_id is None or decision.signer_post.user_id == user.pk


def can_approve(user, decision) -> bool:
    return decision.state == DecisionState.DRAFT and signs_it(user, decision)


def can_return(user, decision) -> bool:
    return (decision.state == DecisionState.APPROVED_FOR_SIGNING and decision.number is None
            and signs_it(user, decision))


def needs_fresh_second_factor(user) -> bool:
    """Approving for signing and taking the number ask the signer for a fresh TOTP code."""
    return get_scope(user).has_role(*SIGNERS)


def can_record_signed(user, decision) -> bool:
    return get_scope(user).has_role(*RECORDERS) and decision.state == DecisionState.APPROVED_FOR_SIGNING


def can_publish(user, decision) -> bool:
    return is_manager(user) and decision.state == DecisionState.SIGNED


def can_amend(user, decision) -> bool:
    return is_manager(user) and decision.is_issued and decision.kind == "award"


def sees_everything(user) -> bool:
    return get_scope(user).read_all


def can_see_fund(user) -> bool:
    return get_scope(user).has_role(*FUND_READERS)
