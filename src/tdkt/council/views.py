"""Meetings: list, create, meeting page (agenda, attendance, quorum, ballot controls, results), papers and
minutes. Every page is for the standing body, the council and the signers (unit roles: 403); actions
check the user's place in the council and call one domain function."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required
from tdkt.council import documents, queries
from tdkt.council.enums import AttendanceStatus, BallotState, MeetingState
from tdkt.council.forms import BallotCountForm, MeetingForm, MinutesForm
from tdkt.council.minutes_feedback import feedback_for, feedback_paragraphs
from tdkt.council.models import Ballot, BallotParticipation
from tdkt.council.papers import agenda_items, build_papers, grouped_by_award, withdrawals_of
from tdkt.council.rules import share_text
from tdkt.council.services import counting, meetings
from tdkt.lib.feedback import error_messages
from tdkt.lib.forms import apply_validation_error

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@roles_required(*queries.VIEW_ROLES)
def meeting_list(request):
    rows = queries.meetings_for_user(request.user).annotate(item_count=Count("items")).order_by("-date", "-number")
    return render(request, "council/meeting_list.html", {
        "meetings": rows, "can_create": queries.councils_for_manager(request.user).exists()})


@roles_required(*queries.MANAGE_ROLES)
def meeting_create(request):
    councils = queries.councils_for_manager(request.user).order_by("level", "name")
    if not councils.exists():
        raise PermissionDenied
    form = MeetingForm(request.POST or None, councils=councils)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = meetings.create_meeting(data["council"], date=data["date"], place=data["place"],
                                              number=data["number"], considers_awards=data["considers_awards"],
                                              by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The meeting has been created with the council's members on its "
                                        "attendance list."))
            return redirect("council:meeting", pk=meeting.pk)
    return render(request, "council/meeting_form.html", {"form": form})


@roles_required(*queries.VIEW_ROLES)
def meeting_detail(request, pk):
    meeting = queries.get_meeting_for_user(request.user, pk)
    council = meeting.council
    items = agenda_items(meeting)
    attendances = documents.attendance_list(meeting)
    counts = {}
    for row in attendances:
        counts[row.status] = counts.get(row.status, 0) + 1
    rules = meetings.rules_for(council)
    ballot = Ballot.objects.filter(meeting=meeting).first()
    closed = ballot is not None and ballot.state == BallotState.CLOSED
    voted_ids = set()
    if ballot is not None:
        voted_ids = set(BallotParticipation.objects.filter(ballot=ballot).values_list("member_id", flat=True))
    seat = queries.member_for(request.user, council, on=meeting.date)
    my_attendance = next((a for a in attendances if seat is not None and a.member_id == seat.pk), None)
    can_manage = queries.can_manage(request.user, council)
    ballot_role = queries.ballot_role(request.user, council)
    for item in items:
        if closed:
            item.share = share_text(item.agree or 0, ballot.members_total)
    frozen = ballot is not None and ballot.state != BallotState.DRAFT
    return render(request, "council/meeting_detail.html", {
        "meeting": meeting, "council": council, "groups": grouped_by_award(items), "item_count": len(items),
        "attendances": attendances, "statuses": AttendanceStatus.choices,
        "quorum": meetings.quorum_of(meeting, rules, counts=counts), "rules": rules,
        "ballot": ballot, "closed": closed, "voted_count": len(voted_ids),
        "can_manage": can_manage, "ballot_role": ballot_role,
        "is_secretary": queries.is_secretary(request.user, council),
        "can_edit_agenda": can_manage and not frozen and meeting.state in (MeetingState.PLANNED, MeetingState.OPEN),
        "can_vote": (ballot is not None and ballot.state == BallotState.OPEN and ballot.mode == "electronic"
                     and my_attendance is not None and my_attendance.status == AttendanceStatus.PRESENT
                     and seat.pk not in voted_ids),
        "has_voted": seat is not None and seat.pk in voted_ids,
        "count_form": BallotCountForm(), "states": MeetingState,
        "written_pending": counts.get(AttendanceStatus.WRITTEN_OPINION, 0) > 0,
        "withdrawals": withdrawals_of(meeting),
    })


def _manage_action(request, pk, action, success, then="council:meeting"):
    meeting = queries.get_meeting_for_user(request.user, pk)
    if not queries.can_manage(request.user, meeting.council):
        raise PermissionDenied
    try:
        result = action(meeting)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(then, pk=meeting.pk)


@require_POST
@roles_required(*queries.VIEW_ROLES)
def agenda_build(request, pk):
    def success(built):
        if built.refusal:  # lines left off for public posting (NĐ152 Đ44.2): named with their end dates
            messages.warning(request, built.refusal)
        return _("The agenda now lists %(count)d nomination(s).") % {"count": built.count}

    return _manage_action(request, pk, lambda m: meetings.build_agenda(m, by=request.user), success)


@require_POST
@roles_required(*queries.VIEW_ROLES)
def agenda_withdraw(request, pk, item_pk):
    """Take one line off the agenda, with the reason typed beside it."""
    def success(withdrawal):
        return _("“%(name)s” was withdrawn from the agenda.") % {"name": withdrawal.nomination.recipient}

    return _manage_action(request, pk, lambda m: meetings.withdraw_from_agenda(
        m, item_pk, by=request.user, reason=request.POST.get("reason", "")), success)


@require_POST
@roles_required(*queries.VIEW_ROLES)
def attendance_save(request, pk):
    def action(meeting):
        statuses = {}
        for key, value in request.POST.items():
            if key.startswith("status-") and key[7:].isdigit():
                statuses[int(key[7:])] = value
        meetings.set_attendance(meeting, statuses, by=request.user)

    return _manage_action(request, pk, action, _("The attendance has been saved."))


@require_POST
@roles_required(*queries.VIEW_ROLES)
def meeting_open(request, pk):
    return _manage_action(request, pk, lambda m: meetings.open_meeting(m, by=request.user),
                          _("The meeting is in session."))


@require_POST
@roles_required(*queries.VIEW_ROLES)
def meeting_close(request, pk):
    return _manage_action(request, pk, lambda m: meetings.close_meeting(m, by=request.user),
                          _("The meeting is closed."))


@require_POST
@roles_required(*queries.VIEW_ROLES)
def ballot_count(request, pk):
    meeting = queries.get_meeting_for_user(request.user, pk)
    ballot = Ballot.objects.filter(meeting=meeting).first()
    form = BallotCountForm(request.POST)
    form.is_valid()  # one optional field: always valid
    try:
        if ballot is None:
            raise ValidationError(_("The ballot has not been opened: there is nothing to count."))
        counting.count_ballot(ballot, by=request.user, passphrase=form.cleaned_data.get("passphrase"))
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The ballot has been counted; the results are final."))
    return redirect("council:meeting", pk=meeting.pk)


@roles_required(*queries.VIEW_ROLES)
def papers(request, pk):
    meeting = queries.get_meeting_for_user(request.user, pk)
    return render(request, "council/papers.html", {"meeting": meeting, "papers": build_papers(meeting),
                                                   "withdrawals": withdrawals_of(meeting)})


@roles_required(*queries.VIEW_ROLES)
def papers_docx(request, pk):
    meeting = queries.get_meeting_for_user(request.user, pk)
    return _docx(documents.papers_docx(meeting), f"tai-lieu-phien-hop-{meeting.pk}.docx")


@roles_required(*queries.VIEW_ROLES)
def minutes(request, pk):
    meeting = queries.get_meeting_for_user(request.user, pk)
    editable = queries.can_manage(request.user, meeting.council) and meeting.state != MeetingState.MINUTES_LOCKED
    form = MinutesForm(request.POST or None, initial={
        "opening": meeting.minutes_opening, "discussion": meeting.minutes_discussion,
        "conclusion": meeting.minutes_conclusion})
    if request.method == "POST":
        if not queries.can_manage(request.user, meeting.council):
            raise PermissionDenied
        if form.is_valid():
            try:
                meetings.update_minutes(meeting, by=request.user, **form.cleaned_data)
            except ValidationError as exc:  # only when locked: the page then shows the text read-only
                error_messages(request, exc)
                return redirect("council:minutes", pk=meeting.pk)
            else:
                messages.success(request, _("The minutes have been saved."))
                return redirect("council:minutes", pk=meeting.pk)
    return render(request, "council/minutes.html", {
        "meeting": meeting, "form": form, "editable": editable,
        "feedback": feedback_paragraphs(feedback_for(meeting)), "withdrawals": withdrawals_of(meeting),
        "can_lock": editable and meeting.state == MeetingState.CLOSED, "now": timezone.now()})


@require_POST
@roles_required(*queries.VIEW_ROLES)
def minutes_lock(request, pk):
    return _manage_action(request, pk, lambda m: meetings.lock_minutes(m, by=request.user),
                          _("The minutes are locked; they can no longer be changed."), then="council:minutes")


@roles_required(*queries.VIEW_ROLES)
def minutes_docx(request, pk):
    meeting = queries.get_meeting_for_user(request.user, pk)
    return _docx(documents.minutes_docx(meeting), f"bien-ban-phien-hop-{meeting.pk}.docx")
