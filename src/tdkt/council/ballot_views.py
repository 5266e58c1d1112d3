"""The ballot's forms: a member's vote (one form with every item), a written opinion and paper tallies
entered by the secretary. None of these pages ever shows a choice once submitted, nor anything that depends
on other members' choices before the count."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tdkt.accounts.access import roles_required
from tdkt.council import ballot_paper, queries
from tdkt.council.enums import AttendanceStatus, BallotMode, BallotState, Choice
from tdkt.council.models import Attendance, Ballot, BallotParticipation
from tdkt.council.papers import agenda_items
from tdkt.council.services import ballots
from tdkt.lib.feedback import error_messages


def _open_ballot(meeting, mode):
    ballot = Ballot.objects.filter(meeting=meeting, state=BallotState.OPEN, mode=mode).first()
    return ballot


def _vote_refusal(meeting, ballot, seat):
    if ballot is None:
        return _("The ballot is not open.")
    if seat is None:
        return _("You are not a member of %(council)s: you cannot vote in its ballot.") % {
            "council": meeting.council.name}
    if not Attendance.objects.filter(meeting=meeting, member=seat, status=AttendanceStatus.PRESENT).exists():
        return _("Only members recorded as present vote.")
    if BallotParticipation.objects.filter(ballot=ballot, member=seat).exists():
        return _("You have already voted in this ballot.")
    return None


def _paper(request, meeting, items, choices, *, template="council/vote.html", **extra):
    return render(request, template, {
        "meeting": meeting, "groups": ballot_paper.ballot_groups(meeting, items, choices), "choices": Choice.choices,
        "title": _("Secret ballot"), **extra})


@never_cache  # the review page shows the member's choices: no copy in any cache, nor behind the back button
@roles_required(*queries.VIEW_ROLES)
def vote(request, pk):
    """Shown only while the ballot is open, and only to a member present who has not voted yet. The form,
    "agree to all" and the review store nothing; only "send" on the review page seals the vote."""
    meeting = queries.get_meeting_for_user(request.user, pk)
    ballot = _open_ballot(meeting, BallotMode.ELECTRONIC)
    refusal = _vote_refusal(meeting, ballot, queries.member_for(request.user, meeting.council, on=meeting.date))
    if refusal:
        messages.info(request, refusal)
        return redirect("council:meeting", pk=meeting.pk)
    items = agenda_items(meeting)
    if request.method != "POST":
        return _paper(request, meeting, items, {})
    action = request.POST.get("action") or ballot_paper.REVIEW
    choices = ballot_paper.posted_choices(request.POST, items)
    if action == ballot_paper.AGREE_ALL:
        choices = ballot_paper.agree_to_undecided(choices, items)
    elif action == ballot_paper.SEND:
        try:
            ballots.cast_vote(ballot, by=request.user, choices=choices)
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("Your vote has been recorded. It is sealed without your name and opened only "
                                        "at the count, which keeps the totals alone."))
            return redirect("council:meeting", pk=meeting.pk)
    elif action == ballot_paper.REVIEW:
        groups = ballot_paper.ballot_groups(meeting, items, choices)
        missing = ballot_paper.undecided_message(groups)
        if not missing:
            return render(request, "council/vote_review.html", {
                "meeting": meeting, "groups": groups, "title": _("Check your ballot before sending it")})
        messages.error(request, missing)
    return _paper(request, meeting, items, choices)


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
    choices = ballot_paper.posted_choices(request.POST, items) if request.method == "POST" else {}
    if request.method == "POST":
        try:
            attendance_id = int(request.POST.get("attendance") or 0)
            ballots.record_written_opinion(ballot, by=request.user, attendance_id=attendance_id, choices=choices)
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("The written opinion has been counted."))
            return redirect("council:meeting", pk=meeting.pk)
    return _paper(request, meeting, items, choices, absent=absent, title=_("Written opinion of an absent member"))


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
            error_messages(request, exc)
        else:
            messages.success(request, _("The tallies have been saved."))
            return redirect("council:meeting", pk=meeting.pk)
    return render(request, "council/paper_tallies.html", {"meeting": meeting, "ballot": ballot, "rows": rows})
