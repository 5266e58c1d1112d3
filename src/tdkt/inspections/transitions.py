"""The recommendation's state machine (tdkt.workflow): open → reported by the unit → closed (accepted), or
back to open (returned with a reason); declared once here. Overdue is not a state: it is derived from the
due date (tdkt.inspections.queries.overdue). The domain functions are tdkt.inspections.services
report_follow_up, accept_follow_up and return_follow_up."""

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import get_scope
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


def _agenda_recommendations(user):
    """The home's recommendations: the standing body's all; an officer's those of units he reads or of
    inspections whose team he sits on. The team check is asked once per inspection (agenda_key)."""
    scope = get_scope(user)
    items = Recommendation.objects.select_related("record__inspection", "record__unit").order_by("due_on", "pk")
    if scope.read_all:
        return items
    return items.filter(Q(record__unit_id__in=scope.readable_unit_ids) | Q(record__inspection__team__user_id=user.pk)
                        ).distinct()


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
    visible_to=_agenda_recommendations, url_of=lambda item: reverse("inspections:record", args=[item.record_id]),
    title_of=lambda item: Truncator(item.content).chars(120), unit_of=lambda item: item.record.unit.name,
    due_of=lambda item: item.due_on if item.state == S.OPEN else None,
    agenda_key=lambda item: (item.record.unit_id, item.record.inspection_id),
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
