"""Meetings as a user may see them, and who a user is in a council.

The province's council business is province-wide (the standing body, the council, the signers); a unit's
own council (level unit) is its members' and secretary's, whose seat reads that unit's rounds only
(accounts.scope); the province reads it, prepares none of its meetings. Unit clerks and leaders without a
seat are refused by role (403) on every council page. Within the allowed roles a missing meeting is a 404."""

from django.db.models import Q
from django.http import Http404

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.council.models import AgendaItem, Meeting
from tdkt.orgs.enums import CouncilLevel, CouncilRole
from tdkt.orgs.models import Council, CouncilMember

VIEW_ROLES = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY, Role.SIGNER)
# The standing body prepares meetings; the council's secretary too (Bắc Ninh Đ8: member-secretary).
MANAGE_ROLES = (Role.PROVINCE_SPECIALIST, Role.COUNCIL_SECRETARY)


def meetings_for_user(user):
    scope = get_scope(user)
    queryset = Meeting.objects.select_related("council")
    if not scope.read_all:
        queryset = queryset.filter(council__unit_id__in=scope.readable_unit_ids)
    return queryset


def get_meeting_for_user(user, pk) -> Meeting:
    meeting = meetings_for_user(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def councils_for_manager(user):
    """Councils whose meetings the user may prepare: all for the standing body, their own for a secretary."""
    scope = get_scope(user)
    own = Q(pk__in=user.memberships.filter(role=Role.COUNCIL_SECRETARY).values("council_id")) | Q(
        members__user=user, members__role=CouncilRole.SECRETARY, members__term_end__isnull=True)
    if scope.has_role(Role.PROVINCE_SPECIALIST):  # the province's councils; a unit's council is the unit's own
        return Council.objects.filter(Q(level=CouncilLevel.PROVINCE) | own).distinct()
    return Council.objects.filter(own).distinct()


def member_for(user, council, on=None):
    """The user's seat in the council on the date (current seat without a date), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    seats = CouncilMember.objects.filter(council=council, user=user).select_related("person")
    if on is not None:
        seats = seats.filter(term_start__lte=on).filter(Q(term_end__isnull=True) | Q(term_end__gte=on))
    else:
        seats = seats.filter(term_end__isnull=True)
    return seats.first()


def can_manage(user, council) -> bool:
    scope = get_scope(user)
    if scope.has_role(Role.PROVINCE_SPECIALIST) and council.level == CouncilLevel.PROVINCE:
        return True
    if scope.has_role(Role.COUNCIL_SECRETARY) and user.memberships.filter(
            role=Role.COUNCIL_SECRETARY, council=council).exists():
        return True
    seat = member_for(user, council)
    return seat is not None and seat.role == CouncilRole.SECRETARY


def is_secretary(user, council) -> bool:
    """The council's secretary: the member seated as secretary, or the account holding that role for it."""
    seat = member_for(user, council)
    if seat is not None and seat.role == CouncilRole.SECRETARY:
        return True
    return get_scope(user).has_role(Role.COUNCIL_SECRETARY) and user.memberships.filter(
        role=Role.COUNCIL_SECRETARY, council=council).exists()


def ballot_role(user, council) -> str | None:
    """Who may open and close the ballot: the chair, or the secretary on the chair's behalf (recorded as
    such). Returns "chair", "secretary" or None."""
    seat = member_for(user, council)
    if seat is not None and seat.role == CouncilRole.CHAIR:
        return "chair"
    if is_secretary(user, council):
        return "secretary"
    return None


def vote_results(nominations) -> dict:
    """Nomination id -> its council result (for decisions and reports: law.md §4.6 stores the council's
    minutes and vote %): {"meeting": Meeting, "agree", "disagree", "abstain", "members", "threshold_percent",
    "outcome"}. Only items of closed ballots; one query whatever the number of lines."""
    ids = [getattr(n, "pk", n) for n in nominations]
    results = {}
    items = AgendaItem.objects.filter(nomination_id__in=ids).exclude(outcome="").select_related(
        "meeting__council", "meeting__ballot").order_by("meeting__date", "meeting_id")
    for item in items:  # a later meeting's result wins (a line put to the council again)
        results[item.nomination_id] = {
            "meeting": item.meeting, "agree": item.agree, "disagree": item.disagree, "abstain": item.abstain,
            "members": item.meeting.ballot.members_total, "threshold_percent": item.threshold_percent,
            "outcome": item.outcome}
    return results
