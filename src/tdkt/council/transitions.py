"""The council's state machines, declared once: the meeting (planned → in session → closed → minutes
locked) and its ballot's own states (draft → open → counting → closed).

Who acts (tdkt.council.queries): the standing body's specialist or the council's secretary prepares,
opens and closes the meeting and locks its minutes; the chair — or the secretary on the chair's behalf —
opens, closes and counts the ballot. Opening and counting an electronic ballot take the passphrase that
locks its private key: they are done on the meeting page (`form_url`), never through the generic action
page or the API, which cannot carry it. Casting a vote is deliberately not a transition: it writes no history row
and no notification (tdkt.council.services.ballots.cast_vote). The domain functions of
tdkt.council.services implement each step (their own rules, then `perform`); buttons, the API's actions
and the tables in docs/council.md come from these declarations."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.council import queries
from tdkt.council.enums import AttendanceStatus, BallotMode
from tdkt.council.enums import BallotState as B
from tdkt.council.enums import MeetingState as M
from tdkt.council.models import AgendaItem, Ballot, BallotStateChange, Meeting, MeetingStateChange
from tdkt.notifications.models import NotificationKind
from tdkt.workflow import agenda as home_agenda
from tdkt.workflow.machine import Notice, StateMachine, transition

MANAGER = "manager"  # the standing body's specialist, or the council's secretary
CHAIR = "chair"  # the chair of the council, or its secretary on the chair's behalf


def _ballot_closed_if_any(meeting) -> None:
    """A meeting with an agenda closes after its ballot has been counted."""
    ballot_state = Ballot.objects.filter(meeting=meeting).values_list("state", flat=True).first()
    if AgendaItem.objects.filter(meeting=meeting).exists() and ballot_state != B.CLOSED:
        raise ValidationError(_("Close and count the ballot before closing the meeting."))


def _ballot_opened(ballot, _transition):
    """The members present, who vote now (their attendance is frozen when the ballot opens)."""
    meeting = ballot.meeting
    users = list(meeting.attendances.filter(status=AttendanceStatus.PRESENT, member__user__isnull=False)
                 .values_list("member__user_id", flat=True))
    yield Notice(users=users, url=reverse("council:meeting", args=[meeting.pk]), kind=NotificationKind.BALLOT_OPENED,
                 text=gettext("The ballot of the council meeting “%(meeting)s” is open: please vote.") % {
                     "meeting": meeting},
                 subject=gettext("Ballot open: %(meeting)s") % {"meeting": meeting})


def _get_meeting(user, pk, write=True):
    return queries.get_meeting_for_user(user, pk)


def _get_ballot(user, pk, write=True):
    ballot = Ballot.objects.select_related("meeting__council").filter(pk=pk).first()
    if ballot is None:
        raise Http404
    queries.get_meeting_for_user(user, ballot.meeting_id)  # the same access as its meeting
    return ballot


MEETING = StateMachine(
    name="meeting",
    label=_("meeting"),
    model=Meeting,
    states=M,
    history_model=MeetingStateChange,
    history_owner="meeting",
    actors={MANAGER: lambda user, meeting: queries.can_manage(user, meeting.council)},
    transitions=[
        transition("open", _("Open the meeting"), {M.PLANNED}, M.OPEN, MANAGER,
                   one_click=True, post_url="council:meeting_open", primary=True,
                   description=_("The session starts; the ballot can then be opened.")),
        transition("close", _("Close the meeting"), {M.OPEN}, M.CLOSED, MANAGER, one_click=True, post_url="council:meeting_close",
                   requires=(_ballot_closed_if_any,),
                   description=_("Refused while the ballot on the agenda is not closed.")),
        transition("lock_minutes", _("Lock the minutes"), {M.CLOSED}, M.MINUTES_LOCKED, MANAGER,
                   description=_("The minutes, with their public posting section, are frozen.")),
    ],
    initial=M.PLANNED,
    timestamps=("state_changed_at",),
    get_for_user=_get_meeting,
    # the home's agenda: the planned meeting is due on its date; can_manage reads the council (asked once each)
    visible_to=lambda user: queries.meetings_for_user(user).order_by("date", "pk"),
    url_of=lambda meeting: reverse("council:meeting", args=[meeting.pk]), title_of=str,
    unit_of=lambda meeting: meeting.council.name, agenda_key=lambda meeting: meeting.council_id,
    due_of=lambda meeting: meeting.date if meeting.state == M.PLANNED else None,
    audit_fields=False,  # the audit row names the state change only, as before
    refused_message=_("A meeting that is “%(old)s” cannot become “%(new)s”."),
    raced_message=_("Someone else changed this meeting first. Reload the page and try again."),
    docs="council.md",
)

BALLOT = StateMachine(
    name="ballot",
    label=_("ballot"),
    model=Ballot,
    states=B,
    history_model=BallotStateChange,
    history_owner="ballot",
    actors={CHAIR: lambda user, ballot: queries.ballot_role(user, ballot.meeting.council) is not None},
    transitions=[
        transition("open", _("Open the ballot"), {B.DRAFT}, B.OPEN, CHAIR, form_url="council:meeting", notifies=_ballot_opened,
                   description=_("Refused without quorum or with lines no longer ready; freezes the attendance; "
                                 "an electronic ballot's private key is locked under the passphrase typed.")),
        transition("close", _("Close the ballot"), {B.OPEN}, B.COUNTING, CHAIR, danger=True,
                   description=_("Voting stops; the ballots stay sealed until the count.")),
        transition("count", _("Count the ballot"), {B.COUNTING}, B.CLOSED, CHAIR, danger=True,
                   form_url="council:meeting",
                   description=_("Final: the sealed ballots are opened with the passphrase, only the totals are "
                                 "kept, the lines become approved or not approved, the dossiers considered.")),
    ],
    initial=B.DRAFT,
    get_for_user=_get_ballot,
    audit_exclude=frozenset({"opened_at", "opened_by", "closed_at", "closed_by"}),  # the figures of the count stay
    refused_message=_("A ballot that is “%(old)s” cannot become “%(new)s”."),
    raced_message=_("Someone else changed this ballot first: it is now “%(state)s”. "
                        "Reload the page and try again."),
    docs="council.md",
)


def ballots_to_vote(user) -> list[home_agenda.AgendaItem]:
    """The home's registered source (tdkt.workflow.agenda): open electronic ballots of meetings where the user's
    seat is recorded present and has not voted yet. Casting a vote is no transition (see above), so this is no
    declared step; one query."""
    waiting = (Ballot.objects.filter(state=B.OPEN, mode=BallotMode.ELECTRONIC, meeting__attendances__member__user=user,
                                     meeting__attendances__status=AttendanceStatus.PRESENT)
               .exclude(participations__member__user=user).select_related("meeting__council").distinct()
               .order_by("meeting__date", "pk"))
    return [home_agenda.AgendaItem(
        kind="vote", noun=gettext("ballot"), pk=ballot.pk, title=str(ballot.meeting), unit=ballot.meeting.council.name,
        due=ballot.meeting.date, action=gettext("Vote now"), transition="",
        url=reverse("council:vote", args=[ballot.meeting_id]),
        object_url=reverse("council:meeting", args=[ballot.meeting_id]), state=str(B(ballot.state).label))
        for ballot in waiting]


home_agenda.register_source("vote", ballots_to_vote)

# The domain functions of these transitions (@...implements) register when their module is loaded; it imports
# this one, so it comes last, once the machines are declared (tdkt.workflow autodiscovers `transitions`).
from tdkt.council.services import ballots, counting, meetings  # noqa: E402, F401
