"""Meetings: creation with the attendance list, the agenda, attendance, state changes and the minutes'
narrative. Each function checks the state it needs and audits in one transaction; the state changes are
declared in tdkt.council.transitions (MEETING) and go through the workflow primitive (conditional update,
history row, audit row)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.council.enums import MINUTES_EDITABLE_STATES, AttendanceStatus, BallotState, MeetingState
from tdkt.council.minutes_feedback import as_data, build_feedback
from tdkt.council.models import AgendaItem, AgendaWithdrawal, Attendance, Ballot, CouncilRules, Meeting
from tdkt.council.papers import agenda_items
from tdkt.council.posting import agenda_refusal, posting_refusals
from tdkt.council.rules import quorum
from tdkt.council.transitions import MEETING
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Nomination
from tdkt.dossiers.state import log_event
from tdkt.orgs.enums import CouncilLevel
from tdkt.orgs.models import CouncilMember
from tdkt.workflow.primitive import write_history


def rules_for(council) -> CouncilRules:
    """The council's voting rules; an unsaved row with the default values when none was configured."""
    return CouncilRules.objects.filter(council=council).first() or CouncilRules(council=council)


def next_number(council) -> int:
    return (Meeting.objects.filter(council=council).aggregate(n=Max("number"))["n"] or 0) + 1


def current_members(council, on):
    return CouncilMember.objects.filter(council=council, term_start__lte=on).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=on))


@transaction.atomic
def create_meeting(council, *, date, place, by, number=None, considers_awards=True) -> Meeting:
    members = list(current_members(council, date).values_list("pk", flat=True))
    if not members:
        raise ValidationError(_("The council has no member on %(date)s: add its members first.") % {
            "date": date.strftime("%d/%m/%Y")})
    number = number or next_number(council)
    if Meeting.objects.filter(council=council, number=number).exists():
        raise ValidationError({"number": _("Meeting no. %(number)d of this council already exists.") % {
            "number": number}})
    meeting = Meeting.objects.create(council=council, number=number, date=date, place=place,
                                     considers_awards=considers_awards, created_by=by if by.is_authenticated else None)
    Attendance.objects.bulk_create([Attendance(meeting=meeting, member_id=pk) for pk in members])
    write_history(MEETING, meeting, by=by, from_state="", to_state=meeting.state)
    record(by, AuditAction.CREATE, meeting, changes={"council": council.pk, "number": number,
                                                     "date": str(date), "members": len(members)})
    return meeting


def _ballot_state(meeting):
    return Ballot.objects.filter(meeting=meeting).values_list("state", flat=True).first()


def _refuse_after_ballot(meeting, message):
    if meeting.state not in (MeetingState.PLANNED, MeetingState.OPEN) or _ballot_state(meeting) in (
            BallotState.OPEN, BallotState.CLOSED):
        raise ValidationError(message)


def council_dossiers(council, prefix="dossier__") -> Q:
    """The dossiers a council considers: a unit's council those sent to its unit's own authority, the
    province's council those sent to the province."""
    if council.level == CouncilLevel.UNIT:
        return Q(**{f"{prefix}receiving_authority__unit_id": council.unit_id})
    return Q(**{f"{prefix}receiving_authority__isnull": True})


def ready_nominations(meeting):
    """Accepted lines of dossiers ready for the council (of its level: council_dossiers), not already on another meeting's agenda without a
    result. Ordered as the agenda groups them: by award (catalogue order), then dossier and line."""
    pending_elsewhere = AgendaItem.objects.filter(outcome="").exclude(meeting=meeting).values("nomination_id")
    withdrawn_here = AgendaWithdrawal.objects.filter(meeting=meeting).values("nomination_id")
    return (Nomination.objects.filter(state=NominationState.ACCEPTED, dossier__state=DossierState.READY_FOR_COUNCIL)
            .filter(council_dossiers(meeting.council))
            .exclude(pk__in=pending_elsewhere).exclude(pk__in=withdrawn_here)
            .select_related("award_type", "person", "unit", "household")
            .order_by("award_type__sort_order", "award_type__name", "dossier_id", "position", "id"))


@dataclass
class AgendaBuild:
    count: int  # lines on the agenda
    left_off: list = field(default_factory=list)  # lines refused for public posting (NĐ152 Đ44.2)
    refusal: str = ""  # the message naming them, with the end of their comment period


@transaction.atomic
def build_agenda(meeting, *, by, today=None) -> AgendaBuild:
    """(Re)build the agenda from the ready lines; allowed until the ballot opens. A line whose award requires
    public posting goes on only when its comment period ended before the meeting day (NĐ152 Đ44.2); the
    others are left off and named in `refusal`."""
    _refuse_after_ballot(meeting, _("The agenda cannot change once the ballot has opened."))
    lines = list(ready_nominations(meeting))
    refusals = posting_refusals(lines, meeting_date=meeting.date, today=today)
    left_off = {line.pk for line, _check in refusals}
    lines = [line for line in lines if line.pk not in left_off]
    AgendaItem.objects.filter(meeting=meeting).delete()
    AgendaItem.objects.bulk_create([
        AgendaItem(meeting=meeting, nomination=line, award_type_id=line.award_type_id, position=index)
        for index, line in enumerate(lines, start=1)])
    changes = {"agenda": [line.pk for line in lines]}
    if refusals:
        changes["left_off_public_posting"] = {str(line.pk): [check.refusal, str(check.ends_on or "")]
                                              for line, check in refusals}
    record(by, AuditAction.UPDATE, meeting, changes=changes)
    return AgendaBuild(len(lines), [line for line, _check in refusals], agenda_refusal(refusals, meeting.date))


@transaction.atomic
def withdraw_from_agenda(meeting, item_id, *, by, reason: str) -> AgendaWithdrawal:
    """Take one line off the agenda before the ballot opens; the reason is required and kept (the withdrawal
    row, listed in the papers and the minutes; a note in the line's history; the audit). Rebuilding the
    agenda does not put the line back on this meeting's agenda."""
    _refuse_after_ballot(meeting, _("The agenda cannot change once the ballot has opened."))
    item = (AgendaItem.objects.select_for_update(of=("self",)).select_related("nomination__dossier", "award_type")
            .filter(meeting=meeting, pk=item_id).first())
    if item is None:
        raise ValidationError(_("This line is no longer on the agenda of this meeting."))
    line = item.nomination
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for withdrawing “%(name)s” (%(award)s) from the "
                                           "agenda: the minutes and the line's history keep it.") % {
            "name": line.recipient, "award": item.award_type.name}})
    withdrawal = AgendaWithdrawal.objects.create(meeting=meeting, nomination=line, award_type=item.award_type,
                                                 reason=reason, by=by)
    item.delete()
    record(by, AuditAction.UPDATE, meeting, changes={"withdrawn_from_agenda": line.pk, "reason": reason})
    log_event(line.dossier, by=by, nomination=line, reason=_(
        "Withdrawn from the agenda of %(meeting)s: %(reason)s") % {"meeting": meeting, "reason": reason})
    return withdrawal


@transaction.atomic
def set_attendance(meeting, statuses: dict[int, str], *, by) -> None:
    """statuses: attendance id -> AttendanceStatus. Frozen once the ballot opens."""
    _refuse_after_ballot(meeting, _("The attendance cannot change once the ballot has opened."))
    valid = set(AttendanceStatus.values)
    rows = {a.pk: a for a in Attendance.objects.filter(meeting=meeting).select_related("member__person")}
    changes = {}
    for pk, status in statuses.items():
        if pk not in rows:
            raise ValidationError(_("Attendance row %(pk)s is not of this meeting.") % {"pk": pk})
        if status not in valid:
            raise ValidationError(_("“%(value)s” is not an attendance status (member %(name)s).") % {
                "value": status, "name": rows[pk].member.person.full_name})
        if rows[pk].status != status:
            changes[str(pk)] = [rows[pk].status, status]
    for status in valid:
        ids = [pk for pk, value in statuses.items() if value == status and rows[pk].status != status]
        if ids:
            Attendance.objects.filter(pk__in=ids).update(status=status)  # not a state: a member's presence
    if changes:
        record(by, AuditAction.UPDATE, meeting, changes={"attendance": changes})


def quorum_of(meeting, rules=None, *, counts=None):
    """Quorum status from the attendance (counts: {status: n} when already loaded)."""
    rules = rules or rules_for(meeting.council)
    if counts is None:
        counts = {}
        for status in Attendance.objects.filter(meeting=meeting).values_list("status", flat=True):
            counts[status] = counts.get(status, 0) + 1
    total = sum(counts.values())
    return quorum(members_total=total, present=counts.get(AttendanceStatus.PRESENT, 0),
                  numerator=rules.quorum_numerator, denominator=rules.quorum_denominator,
                  award_presence_percent=rules.award_session_presence_percent,
                  considers_awards=meeting.considers_awards)


@MEETING.implements("open")
@transaction.atomic
def open_meeting(meeting, *, by, reason=""):
    return MEETING.perform(meeting, "open", by=by, reason=reason)


@MEETING.implements("close")
@transaction.atomic
def close_meeting(meeting, *, by, reason=""):
    return MEETING.perform(meeting, "close", by=by, reason=reason)  # requires the ballot closed


@transaction.atomic
def update_minutes(meeting, *, by, opening: str, discussion: str, conclusion: str) -> Meeting:
    """Save the narrative; refused once the minutes are locked (also if they were locked meanwhile)."""
    values = {"minutes_opening": opening, "minutes_discussion": discussion, "minutes_conclusion": conclusion}
    if meeting.state not in MINUTES_EDITABLE_STATES or not Meeting.objects.filter(
            pk=meeting.pk, state__in=MINUTES_EDITABLE_STATES).update(**values):
        raise ValidationError(_("The minutes are locked and can no longer be changed."))
    changed = {name: [getattr(meeting, name), value] for name, value in values.items()
               if getattr(meeting, name) != value}
    for name, value in values.items():
        setattr(meeting, name, value)
    if changed:
        record(by, AuditAction.UPDATE, meeting, changes={"minutes": changed})
    return meeting


@MEETING.implements("lock_minutes")
@transaction.atomic
def lock_minutes(meeting, *, by, reason=""):
    """Lock the minutes; the public posting section is frozen with them (a comment handled later must not
    change locked minutes)."""
    if meeting.state == MeetingState.MINUTES_LOCKED:
        raise ValidationError(_("The minutes are locked and can no longer be changed."))
    frozen = {"notices": as_data(build_feedback(agenda_items(meeting)))}
    return MEETING.perform(meeting, "lock_minutes", by=by, reason=reason, minutes_locked_at=timezone.now(),
                           minutes_locked_by=by if by.is_authenticated else None, minutes_public_feedback=frozen)
