"""The decision's state machine, declared once: draft → approved for signing → signed → published.

Who acts (tdkt.decisions.rules): the signer approves a draft for signing or sends it back; the văn thư
(the standing body's specialist, or the signer) takes the number and records the signed copy; the
specialist publishes. The domain functions of tdkt.decisions.services implement each step (their own
rules, then `DECISION.perform`); the action buttons, the API's actions and the table in
docs/award-decisions.md come from this declaration."""

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.members import units_users
from tdkt.accounts.models import Membership
from tdkt.decisions import rules
from tdkt.decisions.enums import DecisionState as S
from tdkt.decisions.models import Decision, DecisionEvent
from tdkt.decisions.queries import decisions_for_user, get_decision_for_user
from tdkt.notifications.models import NotificationKind
from tdkt.workflow.machine import Notice, StateMachine, transition

SIGNER = "signer"  # the chairman / vice-chairman who signs
RECORDER = "recorder"  # the văn thư: the standing body's specialist, or the signer
SPECIALIST = "specialist"  # the standing body's specialist (and the administrator)


def _has_lines(decision) -> None:
    if not decision.lines.exists():
        raise ValidationError(_("A decision without any line cannot be approved for signing."))


def _not_numbered(decision) -> None:
    if decision.number is not None:
        raise ValidationError(_("This decision already has number %(number)s: it can only be signed.") % {
            "number": decision.number_text})


def _unnumbered(decision) -> bool:
    return decision.number is None


def _published(decision):
    """Each unit whose dossier the decision answers, once published (when units may read it)."""
    unit_ids = set(decision.lines.filter(nomination__isnull=False)
                   .values_list("nomination__dossier__unit_id", flat=True))
    yield Notice(users=units_users(unit_ids), url=reverse("decisions:detail", args=[decision.pk]),
                 kind=NotificationKind.DECISION_SIGNED,
                 text=gettext("Decision %(number)s “%(title)s”, covering a dossier of your unit, is published.") % {
                     "number": decision.number_text, "title": decision.title},
                 subject=gettext("Decision published: %(number)s") % {"number": decision.number_text})


def signers_of(decision) -> list[int]:
    """Who signs: the user of the draft's signer post (or the signer named on older drafts), or else, for the
    province's decisions, every active user holding a current signer role."""
    if decision.signer_post_id and decision.signer_post.user_id:
        return [decision.signer_post.user_id]
    if decision.signer_id:
        return [decision.signer_id]
    if rules.unit_of_authority(decision.authority) is not None:
        return []
    today = timezone.localdate()
    return sorted(set(Membership.objects.filter(role__in=rules.SIGNERS, user__is_active=True)
                      .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
                      .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
                      .values_list("user_id", flat=True)))


def _awaiting_signature(decision):
    """The signer(s): the draft now waits for them (to approve it for signing, or send it back)."""
    text = gettext("The draft decision “%(title)s” waits for your approval for signing.") % {"title": decision.title}
    note = decision.events.order_by("-id").values_list("reason", flat=True).first()
    if note:
        text = "\n".join([text, gettext("Note of the specialist: %(note)s") % {"note": note}])
    yield Notice(users=signers_of(decision), url=reverse("decisions:detail", args=[decision.pk]), text=text,
                 kind=NotificationKind.AWAITING_SIGNATURE,
                 subject=gettext("Decision awaiting your signature: %(title)s") % {"title": decision.title})


def _agenda_decisions(user):
    """The home's decisions: a draft waits for the signer only once put before him (its latest history row is the
    draft-to-draft of "send to the signer"; a return to draft puts it back with the specialist)."""
    latest = DecisionEvent.objects.filter(decision_id=OuterRef("pk")).order_by("-id")
    return (decisions_for_user(user).select_related("signer_post")
            .annotate(last_from=Subquery(latest.values("from_state")[:1]), last_to=Subquery(latest.values("to_state")[:1]))
            .filter(~Q(state=S.DRAFT) | Q(last_from=S.DRAFT, last_to=S.DRAFT)).order_by("pk"))


def _get_for_user(user, pk, write=True):
    return get_decision_for_user(user, pk)


DECISION = StateMachine(
    name="decision",
    label=_("decision"),
    model=Decision,
    states=S,
    history_model=DecisionEvent,
    history_owner="decision",
    actors={
        SIGNER: lambda user, decision: rules.signs_it(user, decision),
        RECORDER: lambda user, decision: rules.records_for(user, decision),
        SPECIALIST: lambda user, decision: rules.manages(user, decision),
    },
    transitions=[
        # Nothing marked the moment a draft starts waiting for the signer (the specialist may still be writing it
        # after drafting), so that moment is a declared step that keeps the state: its history row says when the
        # draft was put before the signer, and its notice tells the signer(s). Simpler and more honest than a
        # new state that every rule reading "draft" would have to learn.
        transition("send_to_signer", _("Send to the signer"), {S.DRAFT}, None, SPECIALIST, requires=(_has_lines,),
                   waits=False,  # the specialist's draft in progress waits for nobody
                   notifies=lambda d, _t: _awaiting_signature(d), reason_label=_("Note to the signer"),
                   description=_("The draft stays a draft; the signer is told it waits for him.")),
        # Approving and numbering commit the signer: each has a confirmation page of its own, asking the signer
        # for a fresh second factor (tdkt.accounts.freshness).
        transition("approve", _("Approve for signing"), {S.DRAFT}, S.APPROVED_FOR_SIGNING, SIGNER,
                   requires=(_has_lines,), form_url="decisions:approve", primary=True,
                   description=_("The signer approves the wording; it goes to the văn thư.")),
        transition("return_to_draft", _("Back to draft"), {S.APPROVED_FOR_SIGNING}, S.DRAFT, SIGNER,
                   reason_required=True, requires=(_not_numbered,), danger=True, inline_reason=True, waits=False,
                   post_url="decisions:return", shown_if=_unnumbered,
                   description=_("Back to the specialist; refused once numbered.")),
        transition("take_number", _("Take the number"), {S.APPROVED_FOR_SIGNING}, None, RECORDER,
                   form_url="decisions:number", shown_if=_unnumbered,
                   description=_("The văn thư takes the next number of the authority's register.")),
        transition("sign", _("Record the signed copy"), {S.APPROVED_FOR_SIGNING}, S.SIGNED, RECORDER,
                   form_url="decisions:sign", primary=True,
                   description=_("The signed PDF is stored; the awards enter the history.")),
        transition("publish", _("Publish the decision"), {S.SIGNED}, S.PUBLISHED, SPECIALIST,
                   one_click=True, post_url="decisions:publish", primary=True, notifies=lambda d, _t: _published(d),
                   description=_("Units see the decision and their lines.")),
    ],
    initial=S.DRAFT,
    timestamps=("state_changed_at", "updated_at"),
    get_for_user=_get_for_user,
    visible_to=_agenda_decisions, url_of=lambda decision: reverse("decisions:detail", args=[decision.pk]),
    title_of=lambda decision: decision.title, unit_of=lambda decision: decision.authority.name,
    agenda_key=lambda decision: (decision.authority_id, decision.signer_post_id),
    audit_exclude=frozenset({"signer", "signer_name", "signed_pdf", "signed_pdf_size", "signed_at", "signed_by",
                             "published_at", "year"}),
    # The messages the decision pages always gave (translated already).
    refused_message=_("A decision that is “%(old)s” cannot become “%(new)s”."),
    raced_message=_("Someone else changed this decision first: it is now “%(state)s”. "
                        "Reload the page and try again."),
    docs="award-decisions.md",
)

# The domain functions of these transitions (@...implements) register when their module is loaded; it imports
# this one, so it comes last, once the machines are declared (tdkt.workflow autodiscovers `transitions`).
from tdkt.decisions import person_merge, services  # noqa: E402, F401
