"""The scoring round's state machine (tdkt.workflow): open → under review → published (locked), under review
→ open, published → under review (reopened with a reason); declared once here. The group's head (or the standing
body) moves the round; the domain functions are tdkt.movements.scoring.services.change_round_state and
publish_round (which freezes the ranking).
A score sheet's submission is no state (its first submission time is a tie-break); its participation is: the
standing body marks a member absent and can take the mark back, both with a reason (SHEET_MACHINE; the domain
functions are tdkt.movements.scoring.sheets.mark_absent and undo_absent)."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.movements.scoring import rules
from tdkt.movements.scoring.enums import Participation, RoundState
from tdkt.movements.scoring.models import RoundStateChange, ScoreSheet, ScoringRound, SheetParticipationChange
from tdkt.movements.scoring.queries import get_round_for_user, require_complete
from tdkt.workflow.machine import StateMachine, transition

S = RoundState


def moves_the_round(user, scoring_round) -> bool:
    return rules.can_move_round(user, scoring_round.group_year)


def _get_for_user(user, pk, write=True):
    return get_round_for_user(user, pk)


def _agenda_rounds(user):
    """The home's rounds: those of groups a unit of the user belongs to, or the user heads; the actor predicate
    reads the prefetched memberships. The standing body sees every round. An open round waits for its head only
    once its self-scoring deadline has come (before it, the units are scoring)."""
    rounds = (ScoringRound.objects.select_related("group_year__group").prefetch_related("group_year__memberships")
              .exclude(state=S.OPEN, self_scoring_due__gt=timezone.localdate()))
    scope = get_scope(user)
    if not scope.read_all:
        heads = user.memberships.filter(role=Role.GROUP_HEAD).values("emulation_group_id")
        rounds = rounds.filter(Q(group_year__memberships__unit_id__in=scope.readable_unit_ids | scope.writable_unit_ids)
                               | Q(group_year__group_id__in=heads)).distinct()
    return rounds.order_by("pk")


def _round_due(scoring_round):
    return scoring_round.self_scoring_due if scoring_round.state == S.OPEN else scoring_round.review_due


ROUND_MACHINE = StateMachine(
    name="scoring_round",
    label=_("scoring round"),
    model=ScoringRound,
    states=RoundState,
    history_model=RoundStateChange,
    history_owner="round",
    actors={"head": moves_the_round},
    initial=S.OPEN,
    timestamps=("state_changed_at",),
    get_for_user=_get_for_user,
    visible_to=_agenda_rounds, url_of=lambda scoring_round: reverse("scoring:round", args=[scoring_round.pk]),
    title_of=str, unit_of=lambda scoring_round: str(scoring_round.group_year.group), due_of=_round_due,
    audit_exclude=frozenset({"published_at", "published_by"}),
    raced_message=_("Someone else changed this round first. Reload the page and try again."),
    forbidden_message=_("Only the group's head or the standing body moves the round."),
    docs="scoring.md",
    transitions=[
        transition("close_self_scoring", _("Close self-scoring (start the review)"), {S.OPEN}, S.UNDER_REVIEW,
                   "head", description=_("The units can no longer change their sheets; the head reviews.")),
        transition("reopen", _("Reopen self-scoring"), {S.UNDER_REVIEW}, S.OPEN, "head", waits=False),
        transition("publish", _("Publish the ranking (locks the scores)"), {S.UNDER_REVIEW}, S.PUBLISHED, "head",
                   requires=(require_complete,),
                   description=_("Every member's sheet submitted and reviewed, or the member marked absent; the "
                                 "ranking is computed once more, stored and locked with the scores.")),
        transition("reopen_ranking", _("Reopen the published ranking"), {S.PUBLISHED}, S.UNDER_REVIEW, "head",
                   reason_required=True, danger=True, waits=False,
                   description=_("Only with a reason, before the proposals are sent; the published ranking stays "
                                 "in the history.")),
    ],
)


def _standing_body(user, sheet) -> bool:
    return rules.can_manage(user)


P = Participation

# No generic page or API action: a sheet is reached through its round and unit (tdkt.movements.scoring.sheets).
SHEET_MACHINE = StateMachine(
    name="score_sheet_participation",
    label=_("participation in the round"),
    model=ScoreSheet,
    states=Participation,
    field_name="participation",
    history_model=SheetParticipationChange,
    history_owner="sheet",
    actors={"standing_body": _standing_body},
    initial=P.TAKING_PART,
    timestamps=("participation_changed_at",),
    raced_message=_("Someone else changed this member's participation first. Reload the page and try again."),
    forbidden_message=_("Only the province's standing body marks a member absent or takes the mark back."),
    docs="scoring.md",
    transitions=[
        transition("mark_absent", _("Mark absent"), {P.TAKING_PART}, P.ABSENT, "standing_body", reason_required=True,
                   description=_("The member did not take part: it is left out of the ranking instead of "
                                 "blocking it.")),
        transition("undo_absent", _("Take back the absence"), {P.ABSENT}, P.TAKING_PART, "standing_body",
                   reason_required=True,
                   description=_("Marked absent by mistake, or the member takes part after all: its sheet must "
                                 "then be submitted and reviewed before the ranking is published.")),
    ],
)


def transition_to(scoring_round, target: str):
    """The declared transition from the round's state to `target` (None when there is none)."""
    for item in ROUND_MACHINE.transitions:
        if scoring_round.state in item.sources and item.target == target:
            return item
    return None

# The domain functions of these transitions (@...implements) register when their module is loaded; it imports
# this one, so it comes last, once the machines are declared (tdkt.workflow autodiscovers `transitions`).
from tdkt.movements.scoring import services  # noqa: E402, F401
