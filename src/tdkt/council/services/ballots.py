"""The secret ballot: open (with quorum; an electronic ballot gets its key pair, the private key locked
under the passphrase typed by the chair or the secretary), vote (one sealed ballot paper per member),
written opinions of absent members, paper tallies, close (voting stops). The count, which opens the sealed
papers and makes the results final, is in tdkt.council.services.counting.

Secrecy (docs/council.md, "Secret ballot: threat model"): a vote writes one SealedBallot row (random id,
no time, no voter, fixed length, sealed with the ballot's public key) and the member's "has voted" mark
(BallotParticipation); no counter moves, and no audit row, log line or return value carries a choice.

The ballot's own states (draft → open → counting → closed) are declared in tdkt.council.transitions (BALLOT)
and go through the workflow primitive. Casting a vote is on purpose not a transition: no history row, no
notification, and its audit row says only that the member voted — what the "has voted" mark already says."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.council import queries, sealing
from tdkt.council.enums import AttendanceStatus, BallotMode, BallotState, Choice, MeetingState, ParticipationKind
from tdkt.council.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotKey,
    BallotParticipation,
    BallotTally,
    SealedBallot,
)
from tdkt.council.posting import ballot_refusal, posting_refusals
from tdkt.council.services.meetings import quorum_of, rules_for
from tdkt.council.transitions import BALLOT
from tdkt.dossiers.enums import DossierState, NominationState

COUNTER = {Choice.AGREE: "agree", Choice.DISAGREE: "disagree", Choice.ABSTAIN: "abstain"}


def check_passphrase(passphrase) -> str:
    """The passphrase that locks the ballot's private key: long enough to resist guessing offline."""
    if not isinstance(passphrase, str) or len(passphrase) < sealing.MIN_PASSPHRASE:
        raise ValidationError({"passphrase": _(
            "The ballot's passphrase must have at least %(min)d characters: it locks the key that opens the "
            "ballots at the count.") % {"min": sealing.MIN_PASSPHRASE}})
    return passphrase


def require_chair_or_secretary(by, council) -> str:
    role = queries.ballot_role(by, council)
    if role is None:
        raise ValidationError(_("Only the chair of the council, or its secretary on the chair's behalf, "
                                "opens and closes the ballot."))
    return role


def locked_ballot(ballot) -> Ballot:
    """The ballot re-read under a row lock: votes and the close are serialised on it."""
    return Ballot.objects.select_for_update(of=("self",)).select_related("meeting__council").get(pk=ballot.pk)


@transaction.atomic
def open_ballot(meeting, *, mode=BallotMode.ELECTRONIC, by, passphrase=None, today=None) -> Ballot:
    """Open the ballot on the agenda: refused without quorum, with lines no longer ready, or with lines
    whose public posting has not ended before the meeting day (NĐ152 Đ44.2). An electronic ballot needs the
    passphrase that locks its private key (typed again at the count); a paper ballot has no key."""
    role = require_chair_or_secretary(by, meeting.council)
    if meeting.state != MeetingState.OPEN:
        raise ValidationError(_("Open the meeting before opening the ballot."))
    if mode not in BallotMode.values:
        raise ValidationError(_("Unknown ballot mode “%(mode)s”.") % {"mode": mode})
    if mode == BallotMode.ELECTRONIC:
        check_passphrase(passphrase)
    items = list(AgendaItem.objects.filter(meeting=meeting).values_list("pk", flat=True))
    if not items:
        raise ValidationError(_("The agenda is empty: there is nothing to vote on."))
    stale = [str(item.nomination.recipient) for item in AgendaItem.objects.filter(meeting=meeting).select_related(
        "nomination__person", "nomination__unit", "nomination__household", "nomination__dossier").exclude(
        nomination__state=NominationState.ACCEPTED, nomination__dossier__state=DossierState.READY_FOR_COUNCIL)]
    if stale:
        raise ValidationError(_("Rebuild the agenda first: these nominations are no longer ready for the council: "
                                "%(names)s.") % {"names": "; ".join(stale)})
    agenda_lines = [item.nomination for item in AgendaItem.objects.filter(meeting=meeting).select_related(
        "nomination__award_type", "nomination__person", "nomination__unit", "nomination__household").order_by(
        "position", "id")]
    refusals = posting_refusals(agenda_lines, meeting_date=meeting.date, today=today)
    if refusals:
        raise ValidationError(ballot_refusal(refusals, meeting.date))
    rules = rules_for(meeting.council)
    status = quorum_of(meeting, rules)
    if not status.reached:
        raise ValidationError(status.refusal())
    written = 0
    if rules.count_written_opinions:
        written = Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.WRITTEN_OPINION).count()
    ballot, _created = Ballot.objects.get_or_create(meeting=meeting, defaults={"mode": mode})
    if ballot.state != BallotState.DRAFT:
        raise ValidationError(_("This ballot has already been opened."))
    BALLOT.perform(ballot, "open", by=by, extra={"on_behalf_of_chair": role == "secretary"}, mode=mode,
                   opened_at=timezone.now(), opened_by=by, members_total=status.members_total,
                   present_count=status.present, written_count=written)
    if mode == BallotMode.ELECTRONIC:
        BallotKey.objects.create(ballot=ballot, **sealing.lock_private_key(sealing.new_keypair(), passphrase))
    else:  # the secretary enters the totals of the paper count on these rows
        BallotTally.objects.bulk_create([BallotTally(ballot=ballot, item_id=pk) for pk in items])
    return ballot

# No @BALLOT.implements("open"): the step needs the passphrase, typed on the meeting page (form_url), so the
# generic action page and the API refuse it ("This action has a page of its own").


def _check_choices(ballot, choices: dict) -> dict[int, str]:
    items = set(AgendaItem.objects.filter(meeting_id=ballot.meeting_id).values_list("pk", flat=True))
    clean = {}
    for pk, value in choices.items():
        pk = int(pk)
        if pk not in items:
            raise ValidationError(_("Item %(pk)s is not on this meeting's agenda.") % {"pk": pk})
        if value not in COUNTER:
            raise ValidationError(_("“%(value)s” is not a choice (agree, disagree or abstain).") % {"value": value})
        clean[pk] = value
    missing = [pk for pk in items if pk not in clean]
    if missing:
        raise ValidationError(_("Choose agree, disagree or abstain on every item: %(count)d item(s) left without "
                                "a choice.") % {"count": len(missing)})
    return clean


def _add_vote(ballot, member, kind, choices: dict[int, str]) -> None:
    """The member's "has voted" mark, then their sealed paper: two rows with nothing in common but the
    ballot (no counter moves)."""
    if BallotParticipation.objects.filter(ballot=ballot, member=member).exists():
        raise ValidationError(_("%(name)s has already voted in this ballot: a vote cannot be cast twice.") % {
            "name": member.person.full_name})
    try:
        with transaction.atomic():
            BallotParticipation.objects.create(ballot=ballot, member=member, kind=kind)
    except IntegrityError as exc:
        raise ValidationError(_("%(name)s has already voted in this ballot: a vote cannot be cast twice.") % {
            "name": member.person.full_name}) from exc
    key = BallotKey.objects.filter(ballot=ballot).values_list("public_key", flat=True).first()
    if key is None:
        raise ValidationError(_("This ballot has no key: it cannot receive electronic votes."))
    SealedBallot.objects.create(ballot=ballot, sealed=sealing.seal(key, sealing.encode(ballot.pk, list(choices),
                                                                                      choices)))


def _require_open(ballot, mode):
    if ballot.state in (BallotState.COUNTING, BallotState.CLOSED):
        raise ValidationError(_("The ballot is closed: no vote is accepted any more."))
    if ballot.state != BallotState.OPEN:
        raise ValidationError(_("The ballot is not open yet."))
    if ballot.mode != mode:
        raise ValidationError(_("This ballot is held on paper: the secretary enters the tallies.")
                              if ballot.mode == BallotMode.PAPER else
                              _("This ballot is electronic: members vote themselves."))


@transaction.atomic
def cast_vote(ballot, *, by, choices: dict) -> None:
    """One submission with a choice on every agenda item, by a member recorded as present."""
    ballot = locked_ballot(ballot)
    _require_open(ballot, BallotMode.ELECTRONIC)
    meeting = ballot.meeting
    member = queries.member_for(by, meeting.council, on=meeting.date)
    if member is None:
        raise ValidationError(_("You are not a member of %(council)s: you cannot vote in its ballot.") % {
            "council": meeting.council.name})
    status = Attendance.objects.filter(meeting=meeting, member=member).values_list("status", flat=True).first()
    if status != AttendanceStatus.PRESENT:
        raise ValidationError(_("Only members recorded as present vote; you are recorded as “%(status)s”.") % {
            "status": AttendanceStatus(status).label if status else _("not on the attendance list")})
    _add_vote(ballot, member, ParticipationKind.IN_PERSON, _check_choices(ballot, choices))
    # Says what the "has voted" mark says (who, and — by its time — when); never the choices.
    record(by, AuditAction.UPDATE, ballot, changes={"voted": True})


@transaction.atomic
def record_written_opinion(ballot, *, by, attendance_id: int, choices: dict) -> None:
    """The secretary enters the written opinion of a member absent with one, where the rules count them."""
    ballot = locked_ballot(ballot)
    meeting = ballot.meeting
    if not queries.is_secretary(by, meeting.council):
        raise ValidationError(_("Only the council's secretary enters written opinions."))
    _require_open(ballot, BallotMode.ELECTRONIC)
    if not rules_for(meeting.council).count_written_opinions:
        raise ValidationError(_("Written opinions of absent members do not count under this council's rules."))
    attendance = Attendance.objects.select_related("member__person").filter(meeting=meeting, pk=attendance_id).first()
    if attendance is None or attendance.status != AttendanceStatus.WRITTEN_OPINION:
        raise ValidationError(_("Only a member recorded as absent with a written opinion can have one entered."))
    _add_vote(ballot, attendance.member, ParticipationKind.WRITTEN, _check_choices(ballot, choices))
    record(by, AuditAction.UPDATE, ballot, changes={"written_opinion_entered": True})


@transaction.atomic
def enter_paper_tallies(ballot, *, by, tallies: dict[int, tuple[int, int, int]]) -> None:
    """Paper ballot: the secretary enters agree / disagree / abstain counts per item (may correct them
    until the ballot is counted). Each item's total cannot exceed the members present plus the written
    opinions counted."""
    ballot = locked_ballot(ballot)
    if not queries.is_secretary(by, ballot.meeting.council):
        raise ValidationError(_("Only the council's secretary enters the tallies of a paper ballot."))
    if not (ballot.mode == BallotMode.PAPER and ballot.state == BallotState.COUNTING):  # papers are counted
        _require_open(ballot, BallotMode.PAPER)  # while voting is open or once it has closed
    rows = {t.item_id: t for t in BallotTally.objects.filter(ballot=ballot).select_related(
        "item__nomination__person", "item__nomination__unit", "item__nomination__household")}
    errors = []
    for item_id, row in rows.items():
        if item_id not in tallies:
            errors.append(_("No figures for %(name)s.") % {"name": row.item.nomination.recipient})
            continue
        agree, disagree, abstain = tallies[item_id]
        if min(agree, disagree, abstain) < 0:
            errors.append(_("%(name)s: counts cannot be negative.") % {"name": row.item.nomination.recipient})
        elif agree + disagree + abstain > ballot.eligible_voters:
            errors.append(_("%(name)s: %(sum)d votes entered, but only %(max)d members could vote "
                            "(%(present)d present + %(written)d written opinions).") % {
                "name": row.item.nomination.recipient, "sum": agree + disagree + abstain,
                "max": ballot.eligible_voters, "present": ballot.present_count, "written": ballot.written_count})
    if errors:
        raise ValidationError(errors)
    for item_id, row in rows.items():
        row.agree, row.disagree, row.abstain = tallies[item_id]
    BallotTally.objects.bulk_update(rows.values(), ["agree", "disagree", "abstain"])
    Ballot.objects.filter(pk=ballot.pk).update(paper_tallies_entered=True)
    record(by, AuditAction.UPDATE, ballot, changes={"paper_tallies": {
        str(pk): list(tallies[pk]) for pk in rows}})  # totals of a paper count, not anyone's vote


@transaction.atomic
def close_ballot(ballot, *, by) -> Ballot:
    """Voting stops (open → counting). The results come with the count (tdkt.council.services.counting)."""
    ballot = locked_ballot(ballot)
    role = require_chair_or_secretary(by, ballot.meeting.council)
    if ballot.state != BallotState.OPEN:
        raise ValidationError(_("Only an open ballot can be closed."))
    BALLOT.perform(ballot, "close", by=by, extra={"on_behalf_of_chair": role == "secretary"},
                   closed_at=timezone.now(), closed_by=by)
    return ballot


@BALLOT.implements("close")
def _close(ballot, *, by, reason=""):
    return close_ballot(ballot, by=by)
