"""The exemplar's state machine (tdkt.workflow), declared once here:

draft → submitted (the unit's clerk sends it to the leader) → proposed (the leader confirms: the unit proposes
it) → published (the standing body approves and publishes it on the portal) → archived (by year). The leader or
the standing body may return it with a reason; the clerk corrects it and sends it again. The domain functions
are in tdkt.exemplars.services."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.accounts.scope import get_scope
from tdkt.exemplars import queries, rules
from tdkt.exemplars.enums import ExemplarState
from tdkt.exemplars.models import Exemplar, ExemplarStateChange
from tdkt.exemplars.queries import get_exemplar_for_user
from tdkt.lib.portal_sections import ContributionKind, Section, register_contribution, register_section
from tdkt.workflow.machine import Notice, StateMachine, transition

S = ExemplarState


def _agenda_exemplars(user):
    """The home's exemplars: those of the units the user is an officer or leader of; all of them for the
    standing body (only the proposed ones wait for it)."""
    scope = get_scope(user)
    exemplars = Exemplar.objects.select_related("unit", "person", "collective")
    if scope.write_all:
        return exemplars.order_by("pk")
    return exemplars.filter(Q(unit_id__in=scope.writable_unit_ids) | Q(unit_id__in=rules.led_unit_ids(user))).order_by("pk")


def _leaders(unit_id) -> list[int]:
    today = timezone.localdate()
    return list(Membership.objects.filter(unit_id=unit_id, role=Role.UNIT_LEADER)
                .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).values_list("user_id", flat=True))


def _to_leaders(exemplar, _transition):
    """In-app notices only (no e-mail kind is declared for exemplars)."""
    yield Notice(users=_leaders(exemplar.unit_id), url=exemplar.get_absolute_url(),
                 text=gettext("The exemplar “%(title)s” waits for your confirmation.") % {"title": exemplar})


def _to_writer(exemplar, _transition):
    reason = exemplar.state_changes.order_by("-id").values_list("reason", flat=True).first() or ""
    text = gettext("The exemplar “%(title)s” is returned. Reason: %(reason)s") % {"title": exemplar, "reason": reason}
    yield Notice(users=[exemplar.created_by_id] if exemplar.created_by_id else [], text=text,
                 url=exemplar.get_absolute_url())


def _published(exemplar, _transition):
    yield Notice(users=[exemplar.created_by_id] if exemplar.created_by_id else [], url=exemplar.get_absolute_url(),
                 text=gettext("The exemplar “%(title)s” is published on the portal.") % {"title": exemplar})


EXEMPLAR_MACHINE = StateMachine(
    name="exemplar",
    label=_("exemplar"),
    model=Exemplar,
    states=ExemplarState,
    history_model=ExemplarStateChange,
    history_owner="exemplar",
    actors={"clerk": rules.is_clerk, "leader": rules.is_leader, "standing_body": rules.is_standing_body},
    initial=S.DRAFT,
    timestamps=("state_changed_at",),
    get_for_user=lambda user, pk, write=True: get_exemplar_for_user(user, pk, write=write),
    visible_to=_agenda_exemplars, url_of=lambda exemplar: exemplar.get_absolute_url(),
    title_of=lambda exemplar: str(exemplar), unit_of=lambda exemplar: exemplar.unit.name,
    agenda_key=lambda exemplar: exemplar.unit_id,
    raced_message=_("Someone else changed this exemplar first. Reload the page and try again."),
    forbidden_message=_("You may not do this on this exemplar."),
    docs="exemplars.md",
    transitions=[
        transition("submit", _("Send to the leader for confirmation"), {S.DRAFT, S.RETURNED}, S.SUBMITTED, "clerk",
                   primary=True, takes_reason=False, waits=frozenset({S.RETURNED}), notifies=_to_leaders,
                   description=_("The clerk sends the finished story and photo to the unit's leader.")),
        transition("confirm", _("Confirm and propose"), {S.SUBMITTED}, S.PROPOSED, "leader", primary=True,
                   takes_reason=False,
                   irreversible=_("The unit proposes the exemplar to the standing body; its text can no longer be "
                                  "changed unless it is returned."),
                   description=_("The unit's leader confirms the proposal (what a plan counts as the unit's "
                                 "contribution of the quarter).")),
        transition("return_to_clerk", _("Return to the clerk"), {S.SUBMITTED}, S.RETURNED, "leader",
                   reason_required=True, danger=True, waits=False, notifies=_to_writer,
                   description=_("The leader sends it back for corrections, with the reason.")),
        transition("publish", _("Approve and publish"), {S.PROPOSED}, S.PUBLISHED, "standing_body", primary=True,
                   takes_reason=False, notifies=_published,
                   irreversible=_("The exemplar, its photo and its story appear on the public portal for everyone."),
                   description=_("The standing body approves it; it appears on the portal.")),
        transition("return_to_unit", _("Return to the unit"), {S.PROPOSED}, S.RETURNED, "standing_body",
                   reason_required=True, danger=True, waits=False, notifies=_to_writer,
                   description=_("The standing body sends it back to the unit, with the reason.")),
        transition("archive", _("Archive"), {S.PUBLISHED}, S.ARCHIVED, "standing_body", waits=False,
                   takes_reason=False,
                   description=_("Moved to its year's archive on the portal (the standing body archives a whole "
                                 "year at once).")),
    ],
)

# The domain functions (@EXEMPLAR_MACHINE.implements) register when their module is loaded; it imports this one.
from tdkt.exemplars import services  # noqa: E402, F401

# The portal's section and the quarterly tracker's count (tdkt.lib.portal_sections, below the portal, which so
# imports nothing of this app): registered here because WorkflowConfig.ready() autodiscovers this module once the
# models exist, so the app needs no import inside ready() (docs/architecture.md, "Layers and import contracts").
register_section(Section("exemplars", _("Exemplars"), "exemplars:public_list", order=40, search=queries.portal_search,
                         latest=queries.portal_latest))
register_contribution(ContributionKind("exemplars", _("Exemplars"), queries.confirmed_counts))
