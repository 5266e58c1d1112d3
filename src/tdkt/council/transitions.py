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
from django.db.models import Q
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
        transition("close", _("Close the ballot"), {B.OPEN}, B.COUNTING, CHAIR, danger=True, waits=False,
                   description=_("Voting stops; the ballots stay sealed until the count.")),
        transition("count", _("Count the ballot"), {B.COUNTING}, B.CLOSED, CHAIR, danger=True,
                   form_url="council:meeting",
                   description=_("Final: the sealed ballots are opened with the passphrase, only the totals are "
                                 "kept, the lines become approved or not approved, the dossiers considered.")),
    ],
    initial=B.DRAFT,
    get_for_user=_get_ballot,
    # the home's agenda: a ballot to count, or one left in draft while its meeting is in session (a meeting in
    # session whose ballot row does not exist yet comes from the `ballots_to_open` source below); the chair's
    # predicate reads the council (asked once per council). Closing the vote waits for nobody: the chair
    # decides when the members present have voted.
    visible_to=lambda user: _agenda_ballots(user),
    url_of=lambda ballot: reverse("council:meeting", args=[ballot.meeting_id]), title_of=lambda ballot: str(
        ballot.meeting), unit_of=lambda ballot: ballot.meeting.council.name,
    due_of=lambda ballot: ballot.meeting.date, agenda_key=lambda ballot: ballot.meeting.council_id,
    button_url_of=lambda ballot, item: _ballot_button_url(ballot.meeting_id, item.name),
    audit_exclude=frozenset({"opened_at", "opened_by", "closed_at", "closed_by"}),  # the figures of the count stay
    refused_message=_("A ballot that is “%(old)s” cannot become “%(new)s”."),
    raced_message=_("Someone else changed this ballot first: it is now “%(state)s”. "
                        "Reload the page and try again."),
    docs="council.md",
)


def _agenda_ballots(user):
    return (Ballot.objects.filter(meeting__in=queries.meetings_for_user(user).values("pk"))
            .filter(Q(state=B.COUNTING) | Q(state=B.DRAFT, meeting__state=M.OPEN))
            .select_related("meeting__council").order_by("meeting__date", "pk"))


# The ballot's steps are done on the meeting's pages, addressed by the meeting (the declared form_url, the meeting
# page, takes the meeting's key, not the ballot's): opening on its confirm page, counting on the meeting page (the
# passphrase is typed in its ballot section).
BALLOT_PAGES = {"open": "council:ballot_open", "close": "council:ballot_close", "count": "council:meeting"}


def _ballot_button_url(meeting_id: int, name: str) -> str:
    return reverse(BALLOT_PAGES.get(name, "council:meeting"), args=[meeting_id])


def ballots_to_open(user) -> list[home_agenda.AgendaItem]:
    """The home's registered source: a meeting in session with an agenda and no ballot yet waits for its chair
    (or the secretary on the chair's behalf) to open the ballot; the ballot row only exists once opened, so no
    declared step can list it. One query for the meetings, the chair's seat asked once per council."""
    in_session = (queries.meetings_for_user(user).filter(state=M.OPEN, ballot__isnull=True, items__isnull=False)
                .distinct().order_by("date", "pk"))[:home_agenda.AGENDA_LIMIT]
    chairs: dict[int, bool] = {}
    items = []
    for meeting in in_session:
        if meeting.council_id not in chairs:
            chairs[meeting.council_id] = queries.ballot_role(user, meeting.council) is not None
        if not chairs[meeting.council_id]:
            continue
        items.append(home_agenda.AgendaItem(
            kind="ballot_to_open", noun=str(BALLOT.label), pk=meeting.pk, title=str(meeting), unit=meeting.council.name,
            due=meeting.date, action=str(BALLOT["open"].label), transition="open",
            url=_ballot_button_url(meeting.pk, "open"), object_url=reverse("council:meeting", args=[meeting.pk]),
            state=str(M(meeting.state).label)))
    return items


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
home_agenda.register_source("ballot_to_open", ballots_to_open)

# The domain functions of these transitions (@...implements) register when their module is loaded; it imports
# this one, so it comes last, once the machines are declared (tdkt.workflow autodiscovers `transitions`).
from tdkt.council.services import ballots, counting, meetings  # noqa: E402, F401
