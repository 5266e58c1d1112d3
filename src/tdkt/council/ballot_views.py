"""The ballot's forms: a member's vote (one form with every item), a written opinion and paper tallies
entered by the secretary. None of these pages ever shows a choice once submitted, nor anything that depends
on other members' choices before the count."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required
from tdkt.council import queries
from tdkt.council.enums import AttendanceStatus, BallotMode, BallotState, Choice
from tdkt.council.models import Attendance, Ballot, BallotParticipation
from tdkt.council.papers import agenda_items, grouped_by_award
from tdkt.council.services import ballots


def _open_ballot(meeting, mode):
    ballot = Ballot.objects.filter(meeting=meeting, state=BallotState.OPEN, mode=mode).first()
    return ballot


def _choices_from(request, items) -> dict:
    return {item.pk: request.POST.get(f"item-{item.pk}", "") for item in items}


@roles_required(*queries.VIEW_ROLES)
def vote(request, pk):
    """Shown only while the ballot is open, and only to a member present who has not voted yet."""
    meeting = queries.get_meeting_for_user(request.user, pk)
    ballot = _open_ballot(meeting, BallotMode.ELECTRONIC)
    seat = queries.member_for(request.user, meeting.council, on=meeting.date)
    refusal = None
    if ballot is None:
        refusal = _("The ballot is not open.")
    elif seat is None:
        refusal = _("You are not a member of %(council)s: you cannot vote in its ballot.") % {
            "council": meeting.council.name}
    elif not Attendance.objects.filter(meeting=meeting, member=seat, status=AttendanceStatus.PRESENT).exists():
        refusal = _("Only members recorded as present vote.")
    elif BallotParticipation.objects.filter(ballot=ballot, member=seat).exists():
        refusal = _("You have already voted in this ballot.")
    if refusal:
        messages.info(request, refusal)
        return redirect("council:meeting", pk=meeting.pk)
    items = agenda_items(meeting)
    if request.method == "POST":
        try:
            ballots.cast_vote(ballot, by=request.user, choices=_choices_from(request, items))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your vote has been recorded. It is sealed without your name and opened only "
                                        "at the count, which keeps the totals alone."))
            return redirect("council:meeting", pk=meeting.pk)
    return render(request, "council/vote.html", {
        "meeting": meeting, "groups": grouped_by_award(items), "choices": Choice.choices, "title": _("Secret ballot")})


@roles_required(*queries.VIEW_ROLES)
def written_opinion(request, pk):
    meeting = queries.get_meeting_for_user(request.user, pk)
    if not queries.is_secretary(request.user, meeting.council):
        raise PermissionDenied
    ballot = _open_ballot(meeting, BallotMode.ELECTRONIC)
    if ballot is None:
        messages.info(request, _("The ballot is not open."))
        return redirect("council:meeting", pk=meeting.pk)
    done = BallotParticipation.objects.filter(ballot=ballot).values("member_id")
    absent = list(Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.WRITTEN_OPINION)
                  .exclude(member_id__in=done).select_related("member__person"))
    items = agenda_items(meeting)
    if request.method == "POST":
        try:
            attendance_id = int(request.POST.get("attendance") or 0)
            ballots.record_written_opinion(ballot, by=request.user, attendance_id=attendance_id,
                                           choices=_choices_from(request, items))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The written opinion has been counted."))
            return redirect("council:meeting", pk=meeting.pk)
    return render(request, "council/vote.html", {
        "meeting": meeting, "groups": grouped_by_award(items), "choices": Choice.choices, "absent": absent,
        "title": _("Written opinion of an absent member")})


@roles_required(*queries.VIEW_ROLES)
def paper_tallies(request, pk):
    meeting = queries.get_meeting_for_user(request.user, pk)
    if not queries.is_secretary(request.user, meeting.council):
        raise PermissionDenied
    ballot = Ballot.objects.filter(meeting=meeting, mode=BallotMode.PAPER,
                                   state__in=(BallotState.OPEN, BallotState.COUNTING)).first()
    if ballot is None:
        messages.info(request, _("No paper ballot is open."))
        return redirect("council:meeting", pk=meeting.pk)
    items = agenda_items(meeting)
    current = {t.item_id: t for t in ballot.tallies.all()}
    rows = []
    for item in items:
        tally = current.get(item.pk)
        rows.append({"item": item, "values": [
            request.POST.get(f"{name}-{item.pk}", getattr(tally, name, 0) if tally else 0)
            for name in ("agree", "disagree", "abstain")]})
    if request.method == "POST":
        try:
            figures = {}
            for item in items:
                try:
                    figures[item.pk] = tuple(int(request.POST.get(f"{name}-{item.pk}", "")) for name in
                                             ("agree", "disagree", "abstain"))
                except ValueError as exc:
                    raise ValidationError(_("%(name)s: enter whole numbers of votes.") % {
                        "name": item.nomination.recipient}) from exc
            ballots.enter_paper_tallies(ballot, by=request.user, tallies=figures)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The tallies have been saved."))
            return redirect("council:meeting", pk=meeting.pk)
    return render(request, "council/paper_tallies.html", {"meeting": meeting, "ballot": ballot, "rows": rows})
