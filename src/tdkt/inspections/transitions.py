"""The recommendation's state machine (tdkt.workflow): open → reported by the unit → closed (accepted), or
back to open (returned with a reason); declared once here. Overdue is not a state: it is derived from the
due date (tdkt.inspections.queries.overdue). The domain functions are tdkt.inspections.services
report_follow_up, accept_follow_up and return_follow_up."""

from django.utils.translation import gettext_lazy as _

from tdkt.inspections import notices, rules
from tdkt.inspections.enums import RecommendationState
from tdkt.inspections.models import Recommendation, RecommendationStateChange
from tdkt.inspections.queries import get_recommendation_for_user
from tdkt.workflow.machine import StateMachine, transition

S = RecommendationState


def _team(user, item) -> bool:
    return rules.is_team(user, item.record.inspection)


def _unit(user, item) -> bool:
    return rules.can_follow_up(user, item.record)


def _get_for_user(user, pk, write=True):
    return get_recommendation_for_user(user, pk)


RECOMMENDATION_MACHINE = StateMachine(
    name="inspection_recommendation",
    label=_("recommendation"),
    model=Recommendation,
    states=RecommendationState,
    history_model=RecommendationStateChange,
    history_owner="recommendation",
    actors={"unit": _unit, "team": _team},
    initial=S.OPEN,
    timestamps=("state_changed_at",),
    get_for_user=_get_for_user,
    audit_exclude=frozenset({"response_file"}),
    raced_message=_("Someone else changed this recommendation first. Reload the page and try again."),
    forbidden_message=_("Only the inspected unit reports its follow-up; only the team accepts or returns it."),
    docs="inspections.md",
    transitions=[
        transition("report", _("Report what was done"), {S.OPEN}, S.REPORTED, "unit",
                   form_url="inspections:report", primary=True, notifies=notices.reported,
                   description=_("The inspected unit's clerk or leader says what was done, with a file.")),
        transition("accept", _("Accept and close"), {S.REPORTED}, S.CLOSED, "team", takes_reason=False,
                   primary=True, notifies=notices.accepted,
                   description=_("The team finds the follow-up sufficient.")),
        transition("return", _("Return to the unit"), {S.REPORTED}, S.OPEN, "team", reason_required=True,
                   danger=True, notifies=notices.returned,
                   description=_("The follow-up is not sufficient; the reason goes to the unit, "
                                 "and the recommendation is overdue again once past its due date.")),
    ],
)

# The domain functions (@RECOMMENDATION_MACHINE.implements) register when their module is loaded.
from tdkt.inspections import services  # noqa: E402, F401
