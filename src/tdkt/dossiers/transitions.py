"""The dossier's and the nomination's (dossier line's) declared state machines: every transition, once.

From these declarations come the domain functions' checks (tdkt.dossiers.workflow and line_decisions are
the `@DOSSIER.implements(...)` functions: they check the step's own rules, then call `DOSSIER.perform`),
the buttons of the dossier page (`{% transition_buttons "dossier" dossier %}`), the API's actions
(`/api/v1/dossier/{pk}/actions`, `/api/v1/nomination/{pk}/actions`) and the tables of docs/dossiers.md
(`manage.py workflow_docs`).

Transitions whose actor is SYSTEM are steps of another aggregate: hiệp y (consultations), công khai
(postings), the council's ballot, the decision; they call `DOSSIER.perform(dossier, "start_consultation",
by=…)` etc. after checking their own actor. Nobody runs them from a button or the API."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, UNIT_ROLES
from tdkt.accounts.members import unit_users
from tdkt.accounts.scope import get_scope
from tdkt.dossiers.delegations import active_delegation, approvers, leads_unit
from tdkt.dossiers.enums import (
    APPRAISAL_STATES,
    ASSIGNABLE_STATES,
    BEFORE_COUNCIL,
    DECIDABLE_STATES,
    HOLDABLE_STATES,
    LIVE_NOMINATION_STATES,
    OBJECTABLE_LINE_STATES,
    POSTABLE_STATES,
    RETURNABLE_LINE_STATES,
    UNIT_EDITABLE_STATES,
    DossierState,
    EventKind,
    NominationState,
)
from tdkt.dossiers.models import Dossier, DossierEvent, Nomination
from tdkt.dossiers.queries import dossiers_for_user, get_dossier_for_user, get_nomination_for_user
from tdkt.notifications.models import NotificationKind
from tdkt.workflow.machine import SYSTEM, Notice, StateMachine, transition

S = DossierState
N = NominationState
UNIT = "unit"  # the submitting unit's clerks and leaders, or the cụm/khối head acting for its group
RECEIVER = "receiver"  # who receives the dossier: the province's specialists, or the receiving unit's officers
PROVINCE = RECEIVER  # its name when only the province received dossiers
LEADER = "leader"  # the unit's leader, a clerk the leader delegated sending to, or the cụm/khối head
PREPARER = "preparer"  # a clerk of the unit who may not send it: he puts it before the leader
# What sending does, said on its confirm page (Transition.irreversible): the unit cannot take it back to edit.
SENDING = _("The dossier goes to the receiving authority with its lines and documents; the unit can no longer "
            "change them. Only the receiver can return it, or the unit can withdraw it as a whole.")

__all__ = ["APPRAISAL_STATES", "ASSIGNABLE_STATES", "BEFORE_COUNCIL", "DOSSIER", "HOLDABLE_STATES", "LEADER",
           "NOMINATION", "PREPARER", "PROVINCE", "RECEIVER", "UNIT", "UNIT_EDITABLE_STATES", "actor_kinds"]


def acts_for_unit(user, dossier) -> bool:
    """A clerk or leader who writes the dossier's unit, or the head of the cụm/khối the dossier is sent for."""
    scope = get_scope(user)
    if scope.roles & UNIT_ROLES and dossier.unit_id in scope.writable_unit_ids:
        return True
    return bool(dossier.group_year_id and dossier.unit_id in scope.group_head_unit_ids)


def approves_as_itself(user, dossier) -> bool:
    """The unit's leader, or for a cụm/khối dossier the head acting for its group as before."""
    if dossier.group_year_id and dossier.unit_id in get_scope(user).group_head_unit_ids:
        return True
    return leads_unit(user, dossier.unit_id)


def approves_for_unit(user, dossier) -> bool:
    """The unit's leader approves and sends (the tờ trình is the leader's), or a clerk under a current
    delegation from the leader."""
    return approves_as_itself(user, dossier) or active_delegation(user, dossier.unit_id) is not None


def prepares_for_unit(user, dossier) -> bool:
    """A clerk of the unit who cannot approve and send himself: he sends the dossier to the leader."""
    return acts_for_unit(user, dossier) and not approves_for_unit(user, dossier)


def acts_for_province(user, _obj=None) -> bool:
    return bool(get_scope(user).roles & PROVINCE_WIDE_ROLES)


def receiving_unit_id(dossier) -> int | None:
    """The unit whose officers receive the dossier: the receiving authority's unit; None for the province."""
    if not dossier.receiving_authority_id:
        return None
    return dossier.receiving_authority.unit_id


def acts_for_receiver(user, obj=None) -> bool:
    """The receiving side of a dossier (or of a line's dossier): for a dossier to a unit's own authority, the
    clerks and leaders of that authority's unit; for a dossier to the province, its specialists. The province
    only reads a unit's round."""
    dossier = getattr(obj, "dossier", obj)
    unit_id = receiving_unit_id(dossier) if dossier is not None else None
    if unit_id is None:
        return acts_for_province(user)
    return unit_id in get_scope(user).officer_unit_ids


def actor_kinds(user, dossier) -> set[str]:
    """Which sides of the declaration the user acts for on this dossier."""
    kinds = set()
    if acts_for_receiver(user, dossier):
        kinds.add(RECEIVER)
    if acts_for_unit(user, dossier):
        kinds.add(UNIT)
    if approves_for_unit(user, dossier):
        kinds.add(LEADER)
    return kinds


def _returned(dossier, _transition):
    """The unit at once, with the dossier's reason and every returned line's request."""
    lines = [gettext("Line %(no)s (%(name)s): %(fix)s") % {"no": line.position or line.pk, "name": line.recipient,
                                                            "fix": line.fix_request}
             for line in dossier.nominations.filter(state=N.NEEDS_FIX).select_related("person", "unit", "household")]
    reason = dossier.events.filter(to_state=S.RETURNED).order_by("-id").values_list("reason", flat=True).first()
    text = gettext("The dossier “%(title)s” is returned for completion. Reason: %(reason)s") % {
        "title": dossier.title, "reason": reason or ""}
    if lines:
        text = "\n".join([text, gettext("Lines to complete:"), *lines])
    yield Notice(users=unit_users(dossier.unit_id), text=text, url=reverse("dossiers:detail", args=[dossier.pk]),
                 kind=NotificationKind.DOSSIER_RETURNED,
                 subject=gettext("Dossier returned for completion: %(title)s") % {"title": dossier.title})


def _considered(dossier, _transition):
    """The unit, with the council's result on each of its lines."""
    lines = [gettext("Line %(no)s (%(name)s): %(result)s") % {
                 "no": line.position or line.pk, "name": line.recipient, "result": line.get_state_display()}
             for line in dossier.nominations.filter(state__in=(N.APPROVED, N.NOT_APPROVED))
             .select_related("person", "unit", "household")]
    text = "\n".join([gettext("The council has considered the dossier “%(title)s”.") % {"title": dossier.title},
                       *lines])
    yield Notice(users=unit_users(dossier.unit_id), text=text, url=reverse("dossiers:detail", args=[dossier.pk]),
                 kind=NotificationKind.COUNCIL_RESULT,
                 subject=gettext("Council result: %(title)s") % {"title": dossier.title})


def _awaiting_approval(dossier, _transition):
    """The unit's leaders (and the clerks they delegated sending to): the dossier waits for them."""
    note = dossier.events.filter(to_state=S.AWAITING_APPROVAL).order_by("-id").values_list("reason", flat=True).first()
    text = gettext("The dossier “%(title)s” of %(unit)s waits for your approval before it is sent to the standing "
                   "body.") % {"title": dossier.title, "unit": dossier.unit}
    if note:
        text = "\n".join([text, gettext("Note of the clerk: %(note)s") % {"note": note}])
    yield Notice(users=approvers(dossier.unit_id), text=text, url=reverse("dossiers:detail", args=[dossier.pk]),
                 kind=NotificationKind.AWAITING_APPROVAL,
                 subject=gettext("Dossier awaiting your approval: %(title)s") % {"title": dossier.title})


def _sent_back(dossier, _transition):
    """The clerk who put the dossier before the leader, with the leader's reason."""
    events = dossier.events.filter(kind=EventKind.STATE).order_by("-id")
    sender = events.filter(to_state=S.AWAITING_APPROVAL).values_list("by_id", flat=True).first()
    reason = events.filter(from_state=S.AWAITING_APPROVAL).values_list("reason", flat=True).first()
    users = [sender] if sender else unit_users(dossier.unit_id)
    text = gettext("The leader sent the dossier “%(title)s” back to you. Reason: %(reason)s") % {
        "title": dossier.title, "reason": reason or ""}
    yield Notice(users=users, text=text, url=reverse("dossiers:detail", args=[dossier.pk]),
                 kind=NotificationKind.SENT_BACK,
                 subject=gettext("Dossier sent back by the leader: %(title)s") % {"title": dossier.title})


def approval_origin(dossier) -> str:
    """The state a dossier awaiting approval came from, without a query: only a dossier returned for completion
    has been submitted before (`submitted_at`); a draft never has."""
    return S.RETURNED if dossier.submitted_at else S.DRAFT


def _released_to(dossier) -> str:
    return dossier.held_from_state or S.IN_APPRAISAL


def _dossier_for_user(user, pk, *, write=False):
    return get_dossier_for_user(user, pk, write=write)


def _nomination_for_user(user, pk, *, write=False):
    return get_nomination_for_user(user, pk, write=write)


DOSSIER = StateMachine(
    name="dossier", label=_("dossier"), model=Dossier, states=DossierState, history_model=DossierEvent,
    history_owner="dossier", history_defaults=lambda dossier: {"kind": EventKind.STATE},
    actors={UNIT: acts_for_unit, LEADER: approves_for_unit, PREPARER: prepares_for_unit, RECEIVER: acts_for_receiver},
    initial=S.DRAFT,
    timestamps=("state_changed_at", "updated_at"), audit_fields=False, get_for_user=_dossier_for_user,
    action_url="dossiers:act", docs="dossiers.md",
    # the home's agenda ("Việc của tôi"): the predicates read the unit, the group and the receiving authority
    visible_to=lambda user: dossiers_for_user(user).select_related("unit", "receiving_authority").order_by(
        F("step_due_on").asc(nulls_last=True), "pk"),
    url_of=lambda dossier: reverse("dossiers:detail", args=[dossier.pk]), title_of=lambda dossier: dossier.title,
    unit_of=lambda dossier: dossier.unit.name, due_of=lambda dossier: dossier.step_due_on,
    agenda_key=lambda dossier: (dossier.unit_id, dossier.group_year_id, dossier.receiving_authority_id),
    refused_message=_("A dossier that is “%(old)s” cannot become “%(new)s”."),
    raced_message=_("Someone else changed this dossier first: it is now “%(state)s”. Reload the page and try again."),
    forbidden_message=_("You may not do this on this dossier."),
    transitions=[
        # the unit's side
        # the clerk prepares and puts the dossier before the leader; the leader (or a clerk under the leader's
        # delegation) approves and sends — from the waiting state, or directly from a draft or a return
        transition("send_for_approval", _("Send to the leader for approval"), UNIT_EDITABLE_STATES,
                   S.AWAITING_APPROVAL, PREPARER, reason_label=_("Note to the leader"), notifies=_awaiting_approval,
                   waits={S.RETURNED},
                   description="Checks lines, documents, duplicates and quotas; lines and documents are then "
                               "frozen until the leader sends the dossier or sends it back."),
        transition("approve_and_send", _("Approve and send"), {S.AWAITING_APPROVAL}, S.SUBMITTED, LEADER,
                   reason_label=_("Justification of a late submission, or note to the standing body"),
                   irreversible=SENDING,
                   description="As a submission (from a draft) or a resubmission (from a return): the same checks; "
                               "lines to complete become proposed again."),
        transition("send_back", _("Send back to the clerk"), {S.AWAITING_APPROVAL}, None, LEADER,
                   target_for=approval_origin, reason_required=True, notifies=_sent_back, danger=True,
                   description="Back to the draft or the return it came from; the return's deadline keeps running."),
        transition("submit", _("Approve and send"), {S.DRAFT}, S.SUBMITTED, LEADER, waits=False,
                   reason_label=_("Justification of a late submission"), irreversible=SENDING,
                   description="Checks lines, documents, duplicates, quotas and the call's cut-off; "
                               "a delegated clerk sends on the leader's behalf (recorded)."),
        transition("resubmit", _("Approve and resend"), {S.RETURNED}, S.SUBMITTED, LEADER,
                   reason_label=_("Note to the standing body"), irreversible=SENDING,
                   description="Lines to complete become proposed again; the leader approves as for a submission."),
        transition("withdraw", _("Withdraw"), BEFORE_COUNCIL, S.WITHDRAWN, UNIT, waits=False,
                   description="Its live lines are withdrawn with it."),
        # the receiving side: the province's standing body, or the receiving unit's officers
        transition("receive", _("Receive"), {S.SUBMITTED}, S.RECEIVED, RECEIVER, takes_reason=False),
        transition("return_incomplete", _("Return as incomplete"), {S.SUBMITTED, S.RECEIVED}, S.RETURNED, RECEIVER,
                   reason_required=True, notifies=_returned, waits=False),
        transition("assign", _("Assign a specialist"), ASSIGNABLE_STATES, None, RECEIVER,
                   form_url="dossiers:assign", waits=False, description="The state stays; the assignee changes."),
        transition("start_appraisal", _("Start appraisal"), {S.RECEIVED}, S.IN_APPRAISAL, RECEIVER,
                   takes_reason=False),
        transition("return_for_completion", _("Return for completion"), {S.IN_APPRAISAL}, S.RETURNED, RECEIVER,
                   reason_required=True, notifies=_returned, form_url="dossiers:return_for_completion", waits=False,
                   description="Each line with a fix request is returned to the unit (return_to_unit)."),
        transition("put_on_hold", _("Put on hold"), HOLDABLE_STATES, S.ON_HOLD, RECEIVER, reason_required=True,
                   waits=False),
        transition("release_hold", _("Release the hold"), {S.ON_HOLD}, None, RECEIVER, target_for=_released_to, waits=False,
                   description="Back to the state it was in before the hold."),
        # in consultation or posting the dossier waits for others; in appraisal, for its specialist
        transition("mark_ready", _("Ready for the council"), APPRAISAL_STATES, S.READY_FOR_COUNCIL, RECEIVER,
                   takes_reason=False, waits={S.IN_APPRAISAL}, description="Every live line decided, no consultation or posting open."),
        # steps of other aggregates
        transition("start_consultation", _("Send for consultation"), {S.IN_APPRAISAL}, S.CONSULTATION, SYSTEM,
                   description="The first consultation request (hiệp y) is sent."),
        transition("start_posting", _("Post publicly"), POSTABLE_STATES - {S.PUBLIC_POSTING}, S.PUBLIC_POSTING,
                   SYSTEM, description="A public notice (công khai) naming its lines is published."),
        transition("consider", _("Considered by the council"), {S.READY_FOR_COUNCIL}, S.CONSIDERED, SYSTEM,
                   notifies=_considered,
                   description="The council's ballot decided its last accepted line."),
        transition("decide", _("Decided"), DECIDABLE_STATES, S.DECIDED, SYSTEM,
                   description="A signed decision awarded its last pending line."),
    ],
)

NOMINATION = StateMachine(
    name="nomination", label=_("line"), model=Nomination, states=NominationState, history_model=DossierEvent,
    history_owner="nomination",
    history_defaults=lambda line: {"dossier_id": line.dossier_id, "kind": EventKind.LINE},
    actors={RECEIVER: acts_for_receiver}, initial=N.PROPOSED, timestamps=("updated_at",),
    audit_exclude=frozenset({"verdict_at_appraisal"}), get_for_user=_nomination_for_user, docs="dossiers.md",
    refused_message=_("A line that is “%(old)s” cannot become “%(new)s”."),
    raced_message=_("Someone else changed this line first: it is now “%(state)s”. Reload the page and try again."),
    forbidden_message=_("Only the officers who receive the dossier decide on its lines."),
    transitions=[
        # decisions at appraisal (the dossier in appraisal, consultation or posting)
        transition("accept", _("Accept"), {N.PROPOSED, N.REJECTED}, N.ACCEPTED, RECEIVER),
        transition("change_award", _("Change the award"), {N.PROPOSED, N.ACCEPTED}, N.ACCEPTED, RECEIVER,
                   reason_required=True,
                   description="Accepted for another award; the proposed award is kept."),
        transition("reject", _("Reject"), {N.PROPOSED, N.ACCEPTED}, N.REJECTED, RECEIVER, reason_required=True,
                   danger=True),
        transition("hold", _("Hold"), {N.PROPOSED, N.ACCEPTED, N.NEEDS_FIX}, N.ON_HOLD, RECEIVER,
                   reason_required=True, description="An open case on the nominee."),
        transition("release", _("Release"), {N.ON_HOLD}, N.PROPOSED, RECEIVER, reason_required=True),
        # steps of the dossier and of other aggregates
        transition("return_to_unit", _("Return to the unit"), RETURNABLE_LINE_STATES, N.NEEDS_FIX, SYSTEM,
                   description="With the dossier's return for completion: the fix request is the reason."),
        transition("complete", _("Completed by the unit"), {N.NEEDS_FIX}, N.PROPOSED, SYSTEM,
                   description="With the dossier's resubmission."),
        transition("withdraw", _("Withdraw"), LIVE_NOMINATION_STATES, N.WITHDRAWN, SYSTEM,
                   description="With the dossier's withdrawal."),
        transition("hold_on_objection", _("Hold on an objection"), OBJECTABLE_LINE_STATES, N.ON_HOLD, SYSTEM,
                   description="A consulted agency objects, or a public comment leads to a hold."),
        transition("approve", _("Approved by the council"), {N.ACCEPTED}, N.APPROVED, SYSTEM),
        transition("not_approve", _("Not approved by the council"), {N.ACCEPTED}, N.NOT_APPROVED, SYSTEM),
        transition("award", _("Awarded"), {N.APPROVED}, N.AWARDED, SYSTEM,
                   description="A signed decision names the line."),
    ],
)
