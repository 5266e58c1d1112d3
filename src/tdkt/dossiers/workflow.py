"""The dossier's domain functions: one per declared transition (tdkt.dossiers.transitions.DOSSIER).

Each is registered with `@DOSSIER.implements(name)`: it checks the rules of its step (lines, documents,
the call's cut-off…), then calls `DOSSIER.perform(dossier, name, by=…, **fields)`, which checks the actor
and the source state and calls the one primitive (tdkt.workflow.primitive.change_state) — conditional on
the state the dossier was loaded in, so a second click or a second specialist gets a clear refusal — with
the history row (DossierEvent) and the audit row in the same transaction. Each sets `step_due_on` for the
state it enters (None when that step has no limit). The buttons, the action page and the API reach these
functions through `DOSSIER.run`.

Line decisions (accept, change award, reject, hold) live in tdkt.dossiers.line_decisions and are
re-exported here."""

import datetime
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, UNIT_ROLES, Role
from tdkt.accounts.models import Membership
from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.models import AwardRecord
from tdkt.dossiers import verdicts
from tdkt.dossiers.authority import PROVINCE_ROUTED_KINDS, check_receiving_authority, decider_kind
from tdkt.dossiers.calls import is_late
from tdkt.dossiers.checklist import checklist_status, live_lines, missing_messages
from tdkt.dossiers.consultations.services import open_blockers as consultation_blockers
from tdkt.dossiers.deadlines import step_due_date
from tdkt.dossiers.delegations import active_delegation, leader_name
from tdkt.dossiers.eligibility import check_nominations, store_live
from tdkt.dossiers.enums import (
    LIVE_NOMINATION_STATES,
    UNIT_EDITABLE_STATES,
    DossierKind,
    EventKind,
    NominationState,
)
from tdkt.dossiers.enums import DossierState as S
from tdkt.dossiers.line_decisions import (  # noqa: F401  (re-exported: one place to find every transition)
    accept_line,
    change_line_award,
    hold_line,
    reject_line,
    release_line,
)
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.dossiers.movement_link import check_movement, movement_for_call
from tdkt.dossiers.nominees.quotas import quota_errors
from tdkt.dossiers.postings.queries import open_blockers as posting_blockers
from tdkt.dossiers.state import log_event
from tdkt.dossiers.transitions import (
    APPRAISAL_STATES,
    ASSIGNABLE_STATES,
    DOSSIER,
    NOMINATION,
    PROVINCE,
    UNIT,
    approval_origin,
    approves_as_itself,
)
from tdkt.lib.names import display_name
from tdkt.orgs.enums import AuthorityKind
from tdkt.workflow.primitive import actor_user, write_history

UNDECIDED_LINE_STATES = frozenset({NominationState.PROPOSED, NominationState.NEEDS_FIX})
EDITABLE_FIELDS = ("title", "kind", "authority", "receiving_authority", "group_year", "movement", "call", "year", "period_from",
                   "period_to", "cover_letter_number", "cover_letter_date")


def _today() -> datetime.date:
    return timezone.localdate()


def _due(state, today=None):
    return step_due_date(state, today or _today())


# --- who acts ---------------------------------------------------------------------------------------------------

def require_actor(by, dossier_or_unit_id, side: str) -> None:
    """For the steps that are not transitions (creating a dossier, editing its header): the unit side is a
    clerk/leader of the dossier's unit, the cụm/khối head acting for it, or the province acting for it;
    the province side a specialist. A command (by is a string) acts for the system. Refusals raise
    PermissionDenied (403): views fetched the dossier through get_dossier_for_user, so another unit's
    dossier was already a 404. Transitions check their declared actor in `DOSSIER.perform`."""
    if actor_user(by) is None:
        return
    scope = get_scope(by)
    unit_id = getattr(dossier_or_unit_id, "unit_id", dossier_or_unit_id)
    if side == PROVINCE and scope.roles & PROVINCE_WIDE_ROLES:
        return
    if side == UNIT and scope.can_act_for_dossier(unit_id, getattr(dossier_or_unit_id, "group_year_id", None)):
        return
    raise PermissionDenied(str(DOSSIER.forbidden_message))


# --- creating and editing ---------------------------------------------------------------------------------------

def _check_header(*, unit, kind, authority, receiving_authority, group_year, year, period_from, period_to):
    errors = {}
    if kind not in DossierKind.values:
        errors["kind"] = _("Choose a kind of dossier.")
    if receiving_authority is not None:
        check_receiving_authority(unit, receiving_authority)
        if authority != receiving_authority.kind:
            errors["authority"] = _("The deciding authority is the one the dossier goes to.")
    elif authority not in PROVINCE_ROUTED_KINDS:
        errors["authority"] = _("Choose the deciding authority.")
    if year is None and period_to is None:
        errors["year"] = _("Give the achievement year or the period.")
    if period_from and period_to and period_to < period_from:
        errors["period_to"] = _("The period ends before it starts.")
    if group_year is not None and getattr(group_year.head, "pk", None) != unit.pk:
        errors["group_year"] = _("Only the head unit of “%(group)s” sends dossiers on its behalf.") % {
            "group": group_year}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_dossier(*, unit, title, kind, by, authority=AuthorityKind.PROVINCE_CHAIR, receiving_authority=None,
                   group_year=None,
                   movement=None, call=None, year=None, period_from=None, period_to=None, cover_letter_number="",
                   cover_letter_date=None) -> Dossier:
    """A new draft dossier of `unit` (or of a cụm/khối, sent by its head unit), to the province or, for a
    unit's own round, to a grassroots authority within its reach (then `authority` is that one's kind)."""
    authority = decider_kind(authority, receiving_authority)
    require_actor(by, SimpleNamespace(unit_id=unit.pk, group_year_id=getattr(group_year, "pk", None)), UNIT)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the dossier a title.")})
    _check_header(unit=unit, kind=kind, authority=authority, receiving_authority=receiving_authority,
                  group_year=group_year, year=year, period_from=period_from, period_to=period_to)
    movement = movement_for_call(movement, call)
    check_movement(unit, movement)
    dossier = Dossier.objects.create(
        unit=unit, title=title, kind=kind, authority=authority, receiving_authority=receiving_authority,
        group_year=group_year, movement=movement, call=call,
        year=year, period_from=period_from, period_to=period_to, cover_letter_number=cover_letter_number or "",
        cover_letter_date=cover_letter_date, created_by=actor_user(by))
    write_history(DOSSIER, dossier, by=by, from_state="", to_state=S.DRAFT, reason=_("Dossier created."))
    record(by, AuditAction.CREATE, dossier, changes={"title": title, "unit": unit.pk, "kind": kind})
    return dossier


@transaction.atomic
def update_dossier(dossier: Dossier, data: dict, *, by) -> Dossier:
    """Change the header of a draft or returned dossier (conditional on its state: no edit slips past a submit)."""
    require_actor(by, dossier, UNIT)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if dossier.state not in UNIT_EDITABLE_STATES:
        raise ValidationError(_("The dossier can only be changed while it is a draft or returned for completion."))
    values = {name: getattr(dossier, name) for name in EDITABLE_FIELDS} | data
    if "authority" in data or "receiving_authority" in data:
        data["authority"] = values["authority"] = decider_kind(values["authority"], values["receiving_authority"])
    if not (values.get("title") or "").strip():
        raise ValidationError({"title": _("Give the dossier a title.")})
    _check_header(unit=dossier.unit, kind=values["kind"], authority=values["authority"],
                  receiving_authority=values["receiving_authority"], group_year=values["group_year"], year=values["year"], period_from=values["period_from"],
                  period_to=values["period_to"])
    if "movement" in data or "call" in data:
        data["movement"] = movement_for_call(values["movement"], values["call"])
    if "movement" in data and getattr(data["movement"], "pk", None) != dossier.movement_id:
        check_movement(dossier.unit, data["movement"])  # a closed movement already named stays named
    changes = {name: [str(getattr(dossier, name)), str(value)] for name, value in data.items()
               if getattr(dossier, name) != value}
    if not Dossier.objects.filter(pk=dossier.pk, state__in=UNIT_EDITABLE_STATES).update(
            updated_at=timezone.now(), **data):
        raise ValidationError(_("Someone else changed this dossier first. Reload the page and try again."))
    for name, value in data.items():
        setattr(dossier, name, value)
    if changes:
        record(by, AuditAction.UPDATE, dossier, changes=changes)
    return dossier


# --- the unit's side --------------------------------------------------------------------------------------------

def achievement_year(dossier) -> int | None:
    return dossier.year or (dossier.period_to.year if dossier.period_to else None)


def _recipient_key(line):
    if line.person_id:
        return "person", line.person_id
    if line.unit_id:
        return "unit", line.unit_id
    return "household", line.household_id


def duplicate_messages(dossier, lines) -> list[str]:
    """Lines whose recipient already holds, or is already proposed elsewhere for, the same award and year.

    Two queries: live lines of other dossiers sent for the same year, and award records of that year."""
    year = achievement_year(dossier)
    if not lines or year is None:
        return []
    by_key = {(*_recipient_key(line), line.award_type_id): line for line in lines}
    award_ids = {line.award_type_id for line in lines}
    messages = []
    others = (Nomination.objects.filter(award_type_id__in=award_ids, state__in=_live())
              .exclude(dossier=dossier).exclude(dossier__state__in=(S.DRAFT, S.AWAITING_APPROVAL, S.WITHDRAWN))
              .filter(_same_year(year)).select_related("dossier"))
    seen = set()
    for other in others:
        line = by_key.get((*_recipient_key(other), other.award_type_id))
        if line is not None and line.pk not in seen:
            seen.add(line.pk)
            messages.append(_("%(name)s is already proposed for “%(award)s” of %(year)s in dossier %(ref)s.") % {
                "name": line.recipient, "award": line.award_type.name, "year": year, "ref": other.dossier.reference})
    records = AwardRecord.objects.filter(award_type_id__in=award_ids, year=year).values_list(
        "person_id", "unit_id", "household_id", "award_type_id")
    for person_id, unit_id, household_id, award_type_id in records:
        key = ("person", person_id) if person_id else ("unit", unit_id) if unit_id else ("household", household_id)
        line = by_key.get((*key, award_type_id))
        if line is not None and line.pk not in seen:
            seen.add(line.pk)
            messages.append(_("%(name)s already holds “%(award)s” for %(year)s: the same achievement cannot be "
                              "rewarded twice.") % {"name": line.recipient, "award": line.award_type.name,
                                                    "year": year})
    return messages


def _live():
    return LIVE_NOMINATION_STATES


def _same_year(year):
    return Q(dossier__year=year) | Q(dossier__year__isnull=True, dossier__period_to__year=year)


def _on_behalf(dossier, by) -> dict:
    """When a delegated clerk sends, the history row says on whose behalf and under which delegation."""
    if actor_user(by) is None or approves_as_itself(by, dossier):
        return {}
    delegation = active_delegation(by, dossier.unit_id)
    if delegation is None:
        return {}
    return {"on_behalf_of": leader_name(delegation), "delegation": delegation.pk,
            "delegated_until": delegation.valid_to.isoformat()}


def _note_on_behalf(dossier, by, behalf: dict) -> None:
    if behalf:
        log_event(dossier, by=by, reason=_("Sent on behalf of %(leader)s (delegation valid until %(date)s).") % {
            "leader": behalf["on_behalf_of"],
            "date": datetime.date.fromisoformat(behalf["delegated_until"]).strftime("%d/%m/%Y")})


def freeze_verdicts(lines, field: str, *, today) -> None:
    """Store the eligibility engine's snapshot of each line in `field`, and as the line's current verdict
    (verdict_live, with its time), in one bulk update."""
    if not lines:
        return
    snapshots = check_nominations(lines, today=today)
    for line in lines:
        setattr(line, field, snapshots.get(line.pk))
    store_live(lines, [snapshots.get(line.pk) for line in lines])
    Nomination.objects.bulk_update(lines, [field, "verdict_live", "verdict_live_at"], batch_size=verdicts.BATCH)


def submission_problems(dossier, lines) -> list[str]:
    problems = []
    if not lines:
        problems.append(_("The dossier has no nominee yet: add at least one line before sending it."))
    problems += missing_messages(checklist_status(dossier, lines=lines))
    problems += duplicate_messages(dossier, lines)
    problems += quota_errors(dossier)
    return problems


def send_to_province(dossier: Dossier, name: str, *, by, text: str = "", returned: bool) -> Dossier:
    """The leader's approval: transition `name` sends the dossier to the standing body. A first submission
    (`returned` false) checks the call's cut-off and keeps `text` as the late justification; a resubmission
    makes the lines to complete proposed again. The caller checked the actor and the source state."""
    today = _today()
    lines = live_lines(dossier)
    problems = submission_problems(dossier, lines)
    text = (text or "").strip()
    fields = {"submitted_at": timezone.now(), "step_due_on": _due(S.SUBMITTED, today)}
    if not returned:
        call = dossier.call
        if call is not None and is_late(call, today) and not text:
            problems.append(_("The call “%(call)s” closed on %(date)s: a written justification is required for a "
                              "late submission.") % {"call": call.name, "date": call.cut_off.strftime("%d/%m/%Y")})
        fields["late_justification"] = text
    if problems:
        raise ValidationError(problems)
    behalf = _on_behalf(dossier, by)
    DOSSIER.perform(dossier, name, by=by, reason=text, extra=behalf, **fields)
    _note_on_behalf(dossier, by, behalf)
    if returned:
        for line in lines:
            if line.state == NominationState.NEEDS_FIX:
                NOMINATION.perform(line, "complete", by=by, reason=_("Completed by the unit."), fix_request="")
    freeze_verdicts(lines, "verdict_at_submission", today=today)
    return dossier


@DOSSIER.implements("submit", reason="late_justification")
@transaction.atomic
def submit_dossier(dossier: Dossier, *, by, late_justification: str = "") -> Dossier:
    """Draft → submitted: the unit sends the dossier to the standing body."""
    DOSSIER.check_actor(dossier, DOSSIER["submit"], by)
    if dossier.state != S.DRAFT:  # the same refusal as the conditional update, before any other check
        return DOSSIER.perform(dossier, "submit", by=by)
    return send_to_province(dossier, "submit", by=by, text=late_justification, returned=False)


@DOSSIER.implements("resubmit", reason="note")
@transaction.atomic
def resubmit_dossier(dossier: Dossier, *, by, note: str = "") -> Dossier:
    """Returned → submitted: the unit sends the completed dossier again; history and fix requests stay in
    the timeline, the lines to fix become proposed again."""
    DOSSIER.check_actor(dossier, DOSSIER["resubmit"], by)
    if dossier.state != S.RETURNED:
        return DOSSIER.perform(dossier, "resubmit", by=by)
    return send_to_province(dossier, "resubmit", by=by, text=note, returned=True)


@DOSSIER.implements("withdraw")
@transaction.atomic
def withdraw_dossier(dossier: Dossier, *, by, reason: str = "") -> Dossier:
    """Any state before the council → withdrawn, by the unit; its live lines are withdrawn with it."""
    DOSSIER.perform(dossier, "withdraw", by=by, reason=reason, step_due_on=None)
    for line in live_lines(dossier):
        NOMINATION.perform(line, "withdraw", by=by, reason=_("The dossier was withdrawn."))
    return dossier


# --- the standing body's side -----------------------------------------------------------------------------------

@DOSSIER.implements("receive", reason=None)
@transaction.atomic
def receive_dossier(dossier: Dossier, *, by) -> Dossier:
    """Submitted → received (tiếp nhận)."""
    return DOSSIER.perform(dossier, "receive", by=by, received_at=timezone.now(), step_due_on=_due(S.RECEIVED))


@DOSSIER.implements("return_incomplete")
@transaction.atomic
def return_incomplete(dossier: Dossier, *, by, reason: str) -> Dossier:
    """Submitted or received → returned at once, because the dossier is incomplete."""
    return DOSSIER.perform(dossier, "return_incomplete", by=by, reason=reason, step_due_on=_due(S.RETURNED))


def _check_specialist(specialist, dossier=None) -> None:
    """The assignee is a specialist of the standing body; for a unit's own round, an officer (clerk or
    leader) of the receiving authority's unit."""
    today = _today()
    receiving = dossier.receiving_authority if dossier is not None and dossier.receiving_authority_id else None
    seats = (Membership.objects.filter(user=specialist, role__in=UNIT_ROLES, unit_id=receiving.unit_id)
             if receiving is not None else Membership.objects.filter(user=specialist, role=Role.PROVINCE_SPECIALIST))
    holds = seats.exclude(valid_to__lt=today).exclude(valid_from__gt=today).exists()
    if not (specialist.is_active and holds):
        if receiving is not None:
            raise ValidationError({"specialist": _("%(name)s is not an officer of %(unit)s, which receives this "
                                                   "dossier.") % {"name": display_name(specialist),
                                                                  "unit": receiving.unit}})
        raise ValidationError({"specialist": _("%(name)s is not a specialist of the standing body.") % {
            "name": display_name(specialist)}})


@transaction.atomic
def assign_specialist(dossier: Dossier, specialist, *, by) -> Dossier:
    """Put a specialist in charge (conditional on the assignee the caller saw); the state stays, so this
    declared transition ("assign") writes the assignee, not the state, and a note on the timeline."""
    DOSSIER.check_actor(dossier, DOSSIER["assign"], by)
    if dossier.state not in ASSIGNABLE_STATES:
        raise ValidationError(_("A dossier that is “%(state)s” cannot be assigned.") % {
            "state": dossier.get_state_display()})
    _check_specialist(specialist, dossier)
    old = dossier.assignee_id
    if old == specialist.pk:
        return dossier
    if not Dossier.objects.filter(pk=dossier.pk, assignee_id=old, state__in=ASSIGNABLE_STATES).update(
            assignee=specialist, updated_at=timezone.now()):
        raise ValidationError(_("Someone else changed this dossier first. Reload the page and try again."))
    dossier.assignee = specialist
    name = display_name(specialist)
    log_event(dossier, by=by, kind=EventKind.NOTE, reason=_("Assigned to %(name)s.") % {"name": name})
    record(by, AuditAction.UPDATE, dossier, changes={"assignee": [old, specialist.pk]})
    return dossier


def _each(dossiers, action) -> list[tuple[Dossier, str | None]]:
    """Run `action` on each dossier on its own (one failure does not undo the others)."""
    results = []
    for dossier in dossiers:
        try:
            with transaction.atomic():
                action(dossier)
        except (ValidationError, PermissionDenied) as exc:
            results.append((dossier, " ".join(getattr(exc, "messages", None) or [str(exc)])))
        else:
            results.append((dossier, None))
    return results


def bulk_receive(dossiers, *, by) -> list[tuple[Dossier, str | None]]:
    """Receive several dossiers; returns (dossier, error message or None) for each."""
    return _each(dossiers, lambda dossier: receive_dossier(dossier, by=by))


def bulk_assign(dossiers, specialist, *, by) -> list[tuple[Dossier, str | None]]:
    return _each(dossiers, lambda dossier: assign_specialist(dossier, specialist, by=by))


@DOSSIER.implements("start_appraisal", reason=None)
@transaction.atomic
def start_appraisal(dossier: Dossier, *, by) -> Dossier:
    """Received → in appraisal (thẩm định); the acting specialist takes it when nobody is assigned."""
    today = _today()
    extra = {}
    if dossier.assignee_id is None and actor_user(by) is not None:
        extra["assignee"] = by
    DOSSIER.perform(dossier, "start_appraisal", by=by, step_due_on=_due(S.IN_APPRAISAL, today), **extra)
    freeze_verdicts(live_lines(dossier), "verdict_at_appraisal", today=today)
    return dossier


@DOSSIER.implements("return_for_completion")
@transaction.atomic
def return_for_completion(dossier: Dossier, *, by, reason: str, line_fixes: dict | None = None) -> Dossier:
    """In appraisal → returned; each line with a fix request is returned to the unit ("to be completed",
    the text is its reason and its fix request)."""
    item = DOSSIER["return_for_completion"]
    DOSSIER.check_actor(dossier, item, by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason: the unit and the timeline keep it.")})
    fixes = {int(pk): (text or "").strip() for pk, text in (line_fixes or {}).items() if (text or "").strip()}
    lines = {line.pk: line for line in dossier.nominations.filter(pk__in=fixes)}
    if set(fixes) - set(lines):
        raise ValidationError(_("A fix request names a line that is not in this dossier."))
    if dossier.state not in DOSSIER["return_for_completion"].sources:  # the dossier's refusal before any line's
        return DOSSIER.perform(dossier, "return_for_completion", by=by, reason=reason)
    for pk, text in fixes.items():  # each line back to the unit with what to complete
        NOMINATION.perform(lines[pk], "return_to_unit", by=by, reason=text, fix_request=text)
    # The dossier last: its notification to the unit lists every returned line's request.
    DOSSIER.perform(dossier, "return_for_completion", by=by, reason=reason, step_due_on=_due(S.RETURNED))
    return dossier


@DOSSIER.implements("put_on_hold")
@transaction.atomic
def put_on_hold(dossier: Dossier, *, by, reason: str) -> Dossier:
    """The whole dossier waits (e.g. an open case on a nominee); released to the state it was in."""
    return DOSSIER.perform(dossier, "put_on_hold", by=by, reason=reason, held_from_state=dossier.state,
                           step_due_on=None)


@DOSSIER.implements("release_hold")
@transaction.atomic
def release_hold(dossier: Dossier, *, by, reason: str = "") -> Dossier:
    back = DOSSIER["release_hold"].target_of(dossier)
    return DOSSIER.perform(dossier, "release_hold", by=by, reason=reason, held_from_state="", step_due_on=_due(back))


def _blockers(dossier) -> list[str]:
    """Open consultations and postings (their sub-apps say what blocks)."""
    return list(consultation_blockers(dossier)) + list(posting_blockers(dossier))


@DOSSIER.implements("mark_ready", reason=None)
@transaction.atomic
def mark_ready_for_council(dossier: Dossier, *, by) -> Dossier:
    """In appraisal / consultation / posting → ready for the council, once every live line is decided
    and no consultation or posting is still open."""
    DOSSIER.check_actor(dossier, DOSSIER["mark_ready"], by)
    if dossier.state not in APPRAISAL_STATES:
        return DOSSIER.perform(dossier, "mark_ready", by=by)
    lines = live_lines(dossier)
    problems = [_("Line %(no)s (%(name)s) is not decided yet.") % {"no": line.position or line.pk,
                                                                   "name": line.recipient}
                for line in lines if line.state in UNDECIDED_LINE_STATES]
    if not any(line.state == NominationState.ACCEPTED for line in lines):
        problems.append(_("No line has been accepted: there is nothing to put before the council."))
    problems += _blockers(dossier)
    if problems:
        raise ValidationError(problems)
    return DOSSIER.perform(dossier, "mark_ready", by=by, step_due_on=_due(S.READY_FOR_COUNCIL))


# --- the leader's approval (issue 15) ----------------------------------------------------------------------
# The clerk prepares and puts the dossier before the leader ("send_for_approval": it then awaits approval and
# nothing in it changes — what the leader reads is what he sends); the leader, or a clerk under the leader's
# delegation, approves and sends it ("approve_and_send", a submission or a resubmission according to where it
# came from) or sends it back with a reason ("send_back", to the draft or the return it came from). The leader
# may still send a draft or a return directly (submit, resubmit above). Notices: tdkt.dossiers.transitions.

@DOSSIER.implements("send_for_approval", reason="note")
@transaction.atomic
def send_for_approval(dossier: Dossier, *, by, note: str = "") -> Dossier:
    """Draft or returned → awaiting the leader's approval, once the dossier could be sent as it stands (the
    call's cut-off is the leader's to justify)."""
    item = DOSSIER["send_for_approval"]
    DOSSIER.check_actor(dossier, item, by)
    if dossier.state not in item.sources:  # the same refusal as the conditional update, before any other check
        return DOSSIER.perform(dossier, "send_for_approval", by=by)
    problems = submission_problems(dossier, live_lines(dossier))
    if problems:
        raise ValidationError(problems)
    return DOSSIER.perform(dossier, "send_for_approval", by=by, reason=note)


@DOSSIER.implements("approve_and_send", reason="note")
@transaction.atomic
def approve_and_send(dossier: Dossier, *, by, note: str = "") -> Dossier:
    """Awaiting approval → submitted: a first submission for a draft (late justification, cut-off), a
    resubmission for a returned dossier (its lines to complete become proposed again)."""
    DOSSIER.check_actor(dossier, DOSSIER["approve_and_send"], by)
    if dossier.state != S.AWAITING_APPROVAL:
        return DOSSIER.perform(dossier, "approve_and_send", by=by)
    return send_to_province(dossier, "approve_and_send", by=by, text=note,
                            returned=approval_origin(dossier) == S.RETURNED)


@DOSSIER.implements("send_back")
@transaction.atomic
def send_back(dossier: Dossier, *, by, reason: str) -> Dossier:
    """Awaiting approval → the draft or the return it came from, with the leader's reason; a return's deadline
    (step_due_on) is kept: the unit's time to complete keeps running."""
    return DOSSIER.perform(dossier, "send_back", by=by, reason=reason)
