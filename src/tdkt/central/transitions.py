"""The State-level proposal's states, declared once: draft → voted by the provincial council (for the awards
whose dossier carries the council's vote result) → sent → returned with requests → sent again → decided.

The province's specialists act; "decided" is the system's step, taken when a central decision naming the
proposal's lines is entered into the history (tdkt.central.register.commit). Sending and sending again
record how and when the package went: they are done on the proposal's page (`form_url`)."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.central import queries
from tdkt.central.enums import ProposalState as P
from tdkt.central.models import StateProposal, StateProposalChange
from tdkt.dossiers.enums import NominationState
from tdkt.workflow.machine import SYSTEM, StateMachine, transition

SPECIALIST = "specialist"

# law.md §4.2 (NĐ152 Đ36–42): the provincial council's minutes carry the vote result for CSTĐ toàn quốc,
# Cờ thi đua của Chính phủ and the Hero titles. A parameter: a province may ask it for more awards.
COUNCIL_VOTE_AWARDS = frozenset({"CSTD_TQ", "CO_CP", "AH_LD", "AH_LLVT", "AHLLVTND"})


def needs_council_vote(proposal) -> bool:
    return proposal.award_type.code in COUNCIL_VOTE_AWARDS


def _council_has_voted(proposal) -> None:
    if not needs_council_vote(proposal):
        raise ValidationError(_("This award needs no vote of the provincial council: send the proposal."))
    pending = proposal.lines.exclude(nomination__state=NominationState.APPROVED).count()
    if pending or not proposal.lines.exists():
        raise ValidationError(_("%(count)s line(s) are not approved by the provincial council yet.") % {
            "count": pending})


def _vote_if_required(proposal) -> None:
    if proposal.state == P.DRAFT and needs_council_vote(proposal):
        raise ValidationError(_("“%(award)s” needs the provincial council's vote before it is sent.") % {
            "award": proposal.award_type.name})


def _package_built(proposal) -> None:
    if not (proposal.word_file and proposal.pdf_file):
        raise ValidationError(_("Build the package (Word and PDF files) before sending."))


def _get_proposal(user, pk, write=True):
    return queries.get_proposal_for_user(user, pk)


PROPOSAL = StateMachine(
    name="state_proposal",
    label=_("State-level proposal"),
    model=StateProposal,
    states=P,
    history_model=StateProposalChange,
    history_owner="proposal",
    actors={SPECIALIST: lambda user, proposal: queries.is_manager(user)},
    transitions=[
        transition("council_vote", _("Record the council's vote"), {P.DRAFT}, P.COUNCIL_VOTED, SPECIALIST,
                   requires=(_council_has_voted,), waits=False,  # once the council's ballot is counted; nothing to list
                   description=_("Only for awards whose dossier carries the vote result; every line approved.")),
        transition("send", _("Send to the central level"), {P.DRAFT, P.COUNCIL_VOTED}, P.SENT, SPECIALIST,
                   requires=(_vote_if_required, _package_built), form_url="central:proposal", primary=True,
                   waits={P.COUNCIL_VOTED},  # a draft is the specialist's work in progress; a voted one waits
                   description=_("Records the date and the channel; the package must be built.")),
        transition("return_with_requests", _("Returned with requests"), {P.SENT, P.RESENT}, P.RETURNED,
                   SPECIALIST, reason_required=True, reason_label=_("What the central level asks"),
                   waits=False,  # the central body's answer is awaited, not the specialist
                   description=_("The central body asks for more or corrected documents.")),
        transition("resend", _("Send again"), {P.RETURNED}, P.RESENT, SPECIALIST, requires=(_package_built,),
                   form_url="central:proposal", description=_("Records the new date and channel.")),
        transition("decide", _("Decided"), {P.SENT, P.RETURNED, P.RESENT}, P.DECIDED, SYSTEM,
                   description=_("When a central decision naming its lines is entered into the history.")),
    ],
    initial=P.DRAFT,
    timestamps=("state_changed_at",),
    get_for_user=_get_proposal,
    # the home's agenda: the standing body's specialists send what the council voted and send again what the
    # central level returned (its predicate reads the roles only: one key)
    visible_to=lambda user: (StateProposal.objects.all() if queries.is_manager(user) else StateProposal.objects.none()
                             ).select_related("award_type").order_by("pk"),
    url_of=lambda proposal: reverse("central:proposal", args=[proposal.pk]), title_of=str,
    agenda_key=lambda proposal: None,
    refused_message=_("A proposal that is “%(old)s” cannot become “%(new)s”."),
    raced_message=_("Someone else changed this proposal first: it is now “%(state)s”. "
                    "Reload the page and try again."),
    docs="central.md",
)

# The domain functions of these transitions register when their module is loaded; it imports this one.
from tdkt.central import proposals  # noqa: E402, F401
