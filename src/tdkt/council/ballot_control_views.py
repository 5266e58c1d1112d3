"""Opening and closing the ballot, each behind a page that says what happens, who is told and that it
cannot be undone (the meeting page links to it). Opening takes the passphrase in this page's POST only: it is
never stored in clear, logged, kept in the session or written back into a page (errors are messages)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required
from tdkt.council import queries
from tdkt.council.enums import AttendanceStatus, BallotState, MeetingState
from tdkt.council.forms import BallotOpenForm
from tdkt.council.models import Attendance, Ballot, BallotParticipation
from tdkt.council.services import ballots
from tdkt.lib.feedback import error_messages


def _present(meeting) -> list[str]:
    """The members recorded as present: told when the ballot opens, the only ones who vote in person."""
    return [row.member.person.full_name for row in Attendance.objects.filter(
        meeting=meeting, status=AttendanceStatus.PRESENT).select_related("member__person")]


def _refusal(request, meeting, ballot, state) -> str | None:
    if queries.ballot_role(request.user, meeting.council) is None:
        return _("Only the chair of the council, or its secretary on the chair's behalf, opens and closes the "
                 "ballot.")
    current = ballot.state if ballot is not None else BallotState.DRAFT
    if state == BallotState.DRAFT and (meeting.state != MeetingState.OPEN or current != BallotState.DRAFT):
        return _("The ballot cannot be opened now: the meeting must be in session and the ballot not opened yet.")
    if state == BallotState.OPEN and current != BallotState.OPEN:
        return _("Only an open ballot can be closed.")
    return None


@roles_required(*queries.VIEW_ROLES)
def ballot_open(request, pk):
    meeting = queries.get_meeting_for_user(request.user, pk)
    if request.method == "POST":
        form = BallotOpenForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError([message for errors in form.errors.values() for message in errors])
            ballots.open_ballot(meeting, mode=form.cleaned_data["mode"], by=request.user,
                                passphrase=form.cleaned_data["passphrase"])
        except ValidationError as exc:
            error_messages(request, exc)
            return redirect("council:ballot_open", pk=meeting.pk) if queries.ballot_role(
                request.user, meeting.council) else redirect("council:meeting", pk=meeting.pk)
        messages.success(request, _("The ballot is open."))
        return redirect("council:meeting", pk=meeting.pk)
    refusal = _refusal(request, meeting, Ballot.objects.filter(meeting=meeting).first(), BallotState.DRAFT)
    if refusal:
        messages.info(request, refusal)
        return redirect("council:meeting", pk=meeting.pk)
    return render(request, "council/ballot_open.html", {
        "meeting": meeting, "form": BallotOpenForm(), "present": _present(meeting), "title": _("Open the ballot")})


@roles_required(*queries.VIEW_ROLES)
def ballot_close(request, pk):
    meeting = queries.get_meeting_for_user(request.user, pk)
    ballot = Ballot.objects.filter(meeting=meeting).first()
    if request.method == "POST":
        try:
            if ballot is None:
                raise ValidationError(_("Only an open ballot can be closed."))
            ballots.close_ballot(ballot, by=request.user)
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("Voting is closed; the ballots stay sealed until the count."))
        return redirect("council:meeting", pk=meeting.pk)
    refusal = _refusal(request, meeting, ballot, BallotState.OPEN)
    if refusal:
        messages.info(request, refusal)
        return redirect("council:meeting", pk=meeting.pk)
    present = _present(meeting)
    return render(request, "council/ballot_close.html", {
        "meeting": meeting, "ballot": ballot, "present_count": len(present),
        "voted_count": BallotParticipation.objects.filter(ballot=ballot).count(), "title": _("Close the ballot")})
