"""Who may see the central level, and the objects as a user may see them.

The register belongs to the province's standing body: its specialists (and the administrator) act; a unit's
clerk or leader gets a 404, as for any object outside his units; anyone else (a council member, a signer)
is refused."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, UNIT_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.central.models import CentralDecision, CentralDecisionLine, StateProposal


def is_manager(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and get_scope(user).has_role(*PROVINCE_WIDE_ROLES)


def check_manager(user) -> None:
    if is_manager(user):
        return
    if get_scope(user).has_role(*UNIT_ROLES):
        raise Http404
    raise PermissionDenied(_("Only the province's specialists keep the State-level register."))


def proposals_for_user(user):
    check_manager(user)
    return StateProposal.objects.select_related("award_type").annotate(line_count=Count("lines"))


def get_proposal_for_user(user, pk, write=True) -> StateProposal:
    check_manager(user)
    proposal = StateProposal.objects.select_related("award_type").filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def decisions_for_user(user):
    check_manager(user)
    return CentralDecision.objects.select_related("issuer").annotate(
        line_count=Count("lines", filter=Q(lines__dropped=False)),
        review_count=Count("lines", filter=~Q(lines__problem="") & Q(lines__dropped=False)),
        to_hand_over=Count("lines", filter=Q(lines__award_record__isnull=False, lines__handed_over_on__isnull=True)))


def get_decision_for_user(user, pk) -> CentralDecision:
    check_manager(user)
    decision = CentralDecision.objects.select_related("issuer").filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


def decision_lines(decision):
    return (CentralDecisionLine.objects.filter(decision=decision)
            .select_related("award_type", "proposal_line__nomination__person__unit",
                            "proposal_line__nomination__unit", "proposal_line__nomination__household"))


def to_hand_over(user):
    """Medals and certificates of committed lines not yet handed over, oldest decision first."""
    check_manager(user)
    return (CentralDecisionLine.objects.filter(award_record__isnull=False, dropped=False,
                                               handed_over_on__isnull=True)
            .select_related("decision__issuer", "award_type").order_by("decision__signed_on", "decision_id", "row"))
