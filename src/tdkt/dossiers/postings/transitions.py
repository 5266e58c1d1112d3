"""The public notice's state machine (tdkt.workflow): draft → published → closed, declared once here.

The standing body (province specialists, administrators) publishes and closes; the daily
`close_public_notices` closes the notices whose comment period is over (the system). The domain functions
are tdkt.dossiers.postings.services.publish_notice / close_notice / close_ended_notices; the dossiers the
notice moves are moved by the dossier machine, not here."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import get_scope
from tdkt.dossiers.postings import rules
from tdkt.dossiers.postings.enums import NoticeState
from tdkt.dossiers.postings.models import NoticeStateChange, PublicNotice
from tdkt.dossiers.postings.queries import get_notice_for_staff
from tdkt.workflow.machine import SYSTEM, StateMachine, transition

S = NoticeState


def is_staff(user, notice=None) -> bool:
    return get_scope(user).has_role(*rules.STAFF)


def _get_for_user(user, pk, write=True):
    if not is_staff(user):
        raise Http404
    return get_notice_for_staff(pk)


def _agenda_notices(user):
    if not is_staff(user):
        return PublicNotice.objects.none()
    return PublicNotice.objects.filter(ends_on__lt=timezone.localdate()).order_by("ends_on", "pk")


NOTICE_MACHINE = StateMachine(
    name="public_notice",
    label=_("public notice"),
    model=PublicNotice,
    states=NoticeState,
    history_model=NoticeStateChange,
    history_owner="notice",
    actors={"staff": is_staff},
    initial=S.DRAFT,
    get_for_user=_get_for_user,
    audit_exclude=frozenset({"published_by"}),
    raced_message=_("Someone else changed this notice first: it is now “%(state)s”. Reload the page."),
    docs="consultations.md",
    # the home's agenda: a published notice whose comment period has ended waits for the standing body to close
    # it (its comments handled, the dossiers moved on); the daily job closes what is left
    visible_to=lambda user: _agenda_notices(user),
    url_of=lambda notice: reverse("postings:manage", args=[notice.pk]), title_of=lambda notice: notice.title,
    due_of=lambda notice: notice.ends_on, agenda_key=lambda notice: None,
    button_url_of=lambda notice, _item: reverse("postings:manage", args=[notice.pk]),
    transitions=[
        transition("publish", _("Publish"), {S.DRAFT}, S.PUBLISHED, "staff", waits=False,
                   description=_("Comments are taken for the working days of the posting settings; the dossiers "
                                 "move to public posting.")),
        transition("close", _("Close the notice"), {S.PUBLISHED}, S.CLOSED, "staff",
                   description=_("After the last day of the comment period.")),
        transition("close_ended", _("Close the notice"), {S.PUBLISHED}, S.CLOSED, SYSTEM,
                   description=_("The daily close_public_notices closes the notices whose period is over.")),
    ],
)

# The domain functions of these transitions (@...implements) register when their module is loaded; it imports
# this one, so it comes last, once the machines are declared (tdkt.workflow autodiscovers `transitions`).
from tdkt.dossiers.postings import services  # noqa: E402, F401
