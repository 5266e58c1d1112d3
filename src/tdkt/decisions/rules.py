"""Who may do what with decisions (role × state), in one place.

- Read: the province-wide readers (specialists, administrators, council members and secretaries,
  signers) read every decision in every state. Unit clerks and leaders read only **published**
  decisions that carry at least one line of their units (sub-units and predecessors included), and
  see only those lines; anything else is a 404.
- Draft, edit a draft, publish, correct, revoke: the managers of the decision's authority — the province
  specialists (the standing body, Sở Nội vụ) for the province's decisions, the clerks and leaders of the
  authority's unit (its TĐKT officer) for a unit's or commune's own decisions. The province reads those.
- Post the payout, keep the fund ledger, prepare a Tờ trình: the province specialists.
- Approve for signing, or send back to draft: the signer (chairman / vice-chairman) whose post signs it.
- Record the signed copy (upload the scanned or digitally signed PDF; numbers the decision if needed)
  and take the number: the văn thư. The standing body's specialist plays that role here; the signer
  may do it too (a digitally signed PDF comes from the signer's own workstation).
"""

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.accounts.services import second_factor_required
from tdkt.decisions.enums import DecisionState
from tdkt.orgs.enums import GRASSROOTS_AUTHORITY_KINDS
from tdkt.orgs.models import IssuingAuthority

MANAGERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST)
SIGNERS = (Role.SIGNER,)
RECORDERS = MANAGERS + SIGNERS
FUND_READERS = MANAGERS + SIGNERS
# Who reaches the drafting and editing pages at all; each decision then asks `manages` (its authority).
DRAFTERS = (*MANAGERS, Role.UNIT_CLERK, Role.UNIT_LEADER)
# Who reaches the signer's pages at all: the province's signers, a unit's or commune's head; each decision then
# asks `signs_it` (the user of its signer's post).
SIGNING_ROLES = (Role.SIGNER, Role.UNIT_LEADER)
# The văn thư's pages (signed copy, number): the decision's managers, or its signer.
RECORDING_ROLES = (*RECORDERS, Role.UNIT_CLERK, Role.UNIT_LEADER)


def unit_of_authority(authority):
    """The unit whose officers manage the authority's decisions: a grassroots authority's unit; else None."""
    if authority.unit_id and authority.kind in GRASSROOTS_AUTHORITY_KINDS:
        return authority.unit_id
    return None


def manages_authority(user, authority) -> bool:
    """The authority's decision managers: its unit's officers for a unit's or commune's own authority, the
    province specialists for the province's."""
    unit_id = unit_of_authority(authority)
    if unit_id is None:
        return get_scope(user).has_role(*MANAGERS)
    return unit_id in get_scope(user).officer_unit_ids


def manages(user, decision) -> bool:
    return manages_authority(user, decision.authority)


def is_province_manager(user) -> bool:
    """The province's specialists: the Tờ trình upward, the fund, the legal-basis templates."""
    return get_scope(user).has_role(*MANAGERS)


def is_manager(user, decision=None) -> bool:
    """Without a decision: whether the user manages some authority's decisions (the province's, or a unit's
    with an authority of its own, see drafting)."""
    if decision is not None:
        return manages(user, decision)
    scope = get_scope(user)
    return scope.has_role(*MANAGERS) or bool(scope.officer_unit_ids and IssuingAuthority.objects.filter(
        unit_id__in=scope.officer_unit_ids, kind__in=GRASSROOTS_AUTHORITY_KINDS, active=True).exists())


def can_edit(user, decision) -> bool:
    return manages(user, decision) and decision.state == DecisionState.DRAFT


def signs_it(user, decision) -> bool:
    """The user of the decision's signer post — a vice-chairman cannot act for the chairman's post, a unit's
    director signs his own unit's decisions. While no post is chosen, only the province's signers (data of
    authorities without recorded posts); a unit's decision needs its post."""
    if decision.signer_post_id:
        return decision.signer_post.user_id == user.pk
    return unit_of_authority(decision.authority) is None and get_scope(user).has_role(*SIGNERS)


def can_approve(user, decision) -> bool:
    return decision.state == DecisionState.DRAFT and signs_it(user, decision)


def can_return(user, decision) -> bool:
    return (decision.state == DecisionState.APPROVED_FOR_SIGNING and decision.number is None
            and signs_it(user, decision))


def needs_fresh_second_factor(user) -> bool:
    """Approving for signing and taking the number ask for a fresh TOTP code from whoever must use a second
    factor: the province's signers, anyone holding a signer's post, anyone who enrolled one."""
    return second_factor_required(user)


def records_for(user, decision) -> bool:
    """The văn thư: the decision's managers (for the province, its specialists), or its signer."""
    return manages(user, decision) or signs_it(user, decision) or (
        unit_of_authority(decision.authority) is None and get_scope(user).has_role(*RECORDERS))


def can_record_signed(user, decision) -> bool:
    return decision.state == DecisionState.APPROVED_FOR_SIGNING and records_for(user, decision)


def can_publish(user, decision) -> bool:
    return manages(user, decision) and decision.state == DecisionState.SIGNED


def can_amend(user, decision) -> bool:
    return manages(user, decision) and decision.is_issued and decision.kind == "award"


def sees_everything(user, decision=None) -> bool:
    """Every state and every line: the province-wide readers; for a unit's own decision, also its managers."""
    if get_scope(user).read_all:
        return True
    return decision is not None and manages(user, decision)


def can_see_fund(user) -> bool:
    return get_scope(user).has_role(*FUND_READERS)
