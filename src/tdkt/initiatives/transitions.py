"""The register entry's state machine (tdkt.workflow): registered → evaluated → recognised / not recognised,
declared once here. The domain functions are tdkt.initiatives.services.evaluate_work, recognise_work and
reject_work."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import get_scope
from tdkt.initiatives import rules
from tdkt.initiatives.enums import WorkState
from tdkt.initiatives.models import Work, WorkStateChange
from tdkt.initiatives.queries import get_work_for_user
from tdkt.workflow.machine import StateMachine, transition

S = WorkState


def _evaluated(work) -> None:
    if not hasattr(work, "evaluation"):
        raise ValidationError(_("Record the council's evaluation first."))


def _get_for_user(user, pk, write=True):
    return get_work_for_user(user, pk, write=write)


def _agenda_works(user):
    """The home's initiatives: those of the units the user is a clerk or leader of, who record their council's
    work; the standing body may record it for any unit, but only a work registered without a unit waits for it."""
    scope = get_scope(user)
    mine = Q(unit_id__in=scope.writable_unit_ids)
    if scope.write_all:
        mine |= Q(unit__isnull=True)
    return Work.objects.filter(mine).select_related("unit").order_by("pk")


WORK_MACHINE = StateMachine(
    name="initiative",
    label=_("initiative"),
    model=Work,
    states=WorkState,
    history_model=WorkStateChange,
    history_owner="work",
    actors={"council": rules.can_evaluate},
    initial=S.REGISTERED,
    timestamps=("state_changed_at",),
    get_for_user=_get_for_user,
    # the home's agenda: the predicate reads the unit only (asked once per unit)
    visible_to=_agenda_works, url_of=lambda work: reverse("initiatives:detail", args=[work.pk]),
    title_of=lambda work: work.title, unit_of=lambda work: work.unit.name if work.unit_id else "",
    agenda_key=lambda work: work.unit_id,
    raced_message=_("Someone else changed this initiative first. Reload the page and try again."),
    forbidden_message=_("Only the unit's officers or the standing body record the council's work."),
    docs="initiatives.md",
    transitions=[
        transition("evaluate", _("Record the council's evaluation"), {S.REGISTERED}, S.EVALUATED, "council",
                   form_url="initiatives:evaluate", primary=True,
                   description=_("Members, scores or votes, the result and the minutes of the initiative council.")),
        transition("recognise", _("Record the recognition decision"), {S.EVALUATED}, S.RECOGNISED, "council",
                   requires=(_evaluated,), form_url="initiatives:recognise", primary=True,
                   description=_("Scope, number and date of the decision; the authors' histories receive it.")),
        transition("reject", _("Not recognised"), {S.EVALUATED}, S.NOT_RECOGNISED, "council",
                   reason_required=True, danger=True, waits=False,  # the alternative to the recognition above
                   description=_("The decision-maker does not recognise the work; the reason is kept.")),
    ],
)

# The domain functions (@WORK_MACHINE.implements) register when their module is loaded; it imports this one.
from tdkt.initiatives import claim_events, recorded, services  # noqa: E402, F401
