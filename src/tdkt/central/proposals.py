"""Building a State-level proposal and its package, and sending it up (law.md §4.1, §4.2, §4.7).

Lines come from the province's own dossiers and from units' dossiers sent to the province (receiving
authority empty or the provincial chairman's), accepted at appraisal or approved by the council, for an
award the Prime Minister or the State President decides; a line is sent up in one proposal only."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.deciders import deciders
from tdkt.awards.enums import AwardLevel
from tdkt.awards.models import AwardType
from tdkt.central.enums import ProposalState as P
from tdkt.central.models import StateProposal, StateProposalLine
from tdkt.central.transitions import PROPOSAL
from tdkt.decisions import submissions
from tdkt.decisions.pdf import docx_to_pdf
from tdkt.dossiers.authority import province_authority
from tdkt.dossiers.enums import NominationState
from tdkt.dossiers.models import Nomination
from tdkt.lib import nd30
from tdkt.orgs.enums import CENTRAL_AUTHORITY_KINDS, AuthorityKind
from tdkt.workflow.primitive import write_history

PROPOSABLE_LINE_STATES = frozenset({NominationState.ACCEPTED, NominationState.APPROVED})
EDITABLE_STATES = frozenset({P.DRAFT, P.RETURNED})


def central_decider(award) -> str | None:
    """The central authority that decides `award` (the Prime Minister first), or None."""
    kinds = set(deciders(award)) & CENTRAL_AUTHORITY_KINDS
    for kind in (AuthorityKind.PRIME_MINISTER, AuthorityKind.STATE_PRESIDENT):
        if kind in kinds:
            return kind.value
    return None


def central_awards() -> list:
    return [award for award in AwardType.objects.filter(level=AwardLevel.STATE).order_by("sort_order", "name")
            if central_decider(award)]


def proposable_lines(award_type):
    """Lines of this award that may go up now: at the province, accepted or approved, in no proposal yet."""
    return (Nomination.objects.filter(award_type=award_type, state__in=PROPOSABLE_LINE_STATES,
                                      state_proposal_line__isnull=True)
            .filter(Q(dossier__receiving_authority__isnull=True)
                    | Q(dossier__receiving_authority__kind=AuthorityKind.PROVINCE_CHAIR))
            .select_related("dossier__unit", "person__unit", "unit", "household")
            .order_by("dossier_id", "position", "id"))


@transaction.atomic
def create_proposal(*, award_type, year: int, nominations, by) -> StateProposal:
    kind = central_decider(award_type)
    if kind is None:
        raise ValidationError({"award_type": _("“%(award)s” is not decided at the central level.") % {
            "award": award_type.name}})
    if not nominations:
        raise ValidationError(_("Tick at least one line to propose."))
    proposal = StateProposal.objects.create(award_type=award_type, year=year, decider_kind=kind, created_by=by)
    write_history(PROPOSAL, proposal, by=by, from_state="", to_state=P.DRAFT)
    add_lines(proposal, nominations, by=by)
    record(by, AuditAction.CREATE, proposal)
    return proposal


def add_lines(proposal, nominations, *, by) -> int:
    if proposal.state not in EDITABLE_STATES:
        raise ValidationError(_("Lines can be changed only in a draft or a returned proposal."))
    ids = [n.pk for n in nominations]
    allowed = set(proposable_lines(proposal.award_type).filter(pk__in=ids).values_list("pk", flat=True))
    refused = [n for n in nominations if n.pk not in allowed]
    if refused:
        raise ValidationError(_("Line “%(name)s” cannot be proposed: it is not an accepted line of “%(award)s” "
                                "at the province, or it is already in a proposal.") % {
            "name": refused[0].recipient, "award": proposal.award_type.name})
    StateProposalLine.objects.bulk_create([StateProposalLine(proposal=proposal, nomination_id=pk) for pk in ids])
    return len(ids)


@transaction.atomic
def remove_line(proposal, line_pk, *, by) -> None:
    if proposal.state not in EDITABLE_STATES:
        raise ValidationError(_("Lines can be changed only in a draft or a returned proposal."))
    line = proposal.lines.filter(pk=line_pk).first()
    if line is None:
        raise ValidationError(_("This line is not in the proposal."))
    record(by, AuditAction.DELETE, line)
    line.delete()


def proposal_nominations(proposal) -> list:
    return list(Nomination.objects.filter(state_proposal_line__proposal=proposal)
                .select_related("dossier", "award_type", "person__unit", "unit__parent", "household__unit")
                .order_by("dossier_id", "position", "id"))


def package_docx(proposal) -> bytes:
    """The chairman's tờ trình in the Decree-30 layout and the statutory list (decisions.submissions)."""
    authority = province_authority()
    if authority is None:
        raise ValidationError(_("The province's issuing authority is not set up: the cover letter has no header."))
    nominations = proposal_nominations(proposal)
    if not nominations:
        raise ValidationError(_("The proposal has no line."))
    return nd30.to_bytes(submissions.build_submission(authority, proposal.award_type, nominations,
                                                      year=proposal.year))


@transaction.atomic
def build_package(proposal, *, by) -> StateProposal:
    """Word (tờ trình and list) and PDF files made now and kept with the proposal."""
    if proposal.state not in EDITABLE_STATES | {P.COUNCIL_VOTED}:
        raise ValidationError(_("The package of a proposal already sent is kept as sent."))
    word = package_docx(proposal)
    pdf = docx_to_pdf(word)
    code = proposal.award_type.code.lower()
    proposal.word_file.save(f"to-trinh-{code}-{proposal.pk}.docx", ContentFile(word), save=False)
    proposal.pdf_file.save(f"ho-so-{code}-{proposal.pk}.pdf", ContentFile(pdf), save=False)
    proposal.package_built_at = timezone.now()
    proposal.save(update_fields=["word_file", "pdf_file", "package_built_at"])
    record(by, AuditAction.UPDATE, proposal, changes={"package_built_at": proposal.package_built_at.isoformat()})
    return proposal


def _dispatch_fields(sent_on, sent_via, sent_reference, paper_sets) -> dict:
    if sent_on is None or not sent_via:
        raise ValidationError(_("Give the date and the channel the package was sent by."))
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("The sending date cannot be in the future.")})
    return {"sent_on": sent_on, "sent_via": sent_via, "sent_reference": sent_reference or "",
            "paper_sets": paper_sets or 1}


@PROPOSAL.implements("send", reason=None)
@transaction.atomic
def send(proposal, *, by, sent_on=None, sent_via="", sent_reference="", paper_sets=1):
    return PROPOSAL.perform(proposal, "send", by=by, **_dispatch_fields(sent_on, sent_via, sent_reference,
                                                                        paper_sets))


@PROPOSAL.implements("resend", reason=None)
@transaction.atomic
def resend(proposal, *, by, sent_on=None, sent_via="", sent_reference="", paper_sets=1):
    fields = _dispatch_fields(sent_on, sent_via, sent_reference, paper_sets)
    # The centre counts the new package from its own receipt: the old dates no longer hold.
    return PROPOSAL.perform(proposal, "resend", by=by, paper_received_on=None, files_received_on=None, **fields)


@transaction.atomic
def record_receipt(proposal, *, by, paper_received_on=None, files_received_on=None, central_note=""):
    """The dates the centre received the paper and the files, kept apart, and the notes on its handling."""
    if proposal.state not in {P.SENT, P.RESENT, P.RETURNED, P.DECIDED}:
        raise ValidationError(_("Record the receipt once the proposal is sent."))
    for name, day in (("paper_received_on", paper_received_on), ("files_received_on", files_received_on)):
        if day is not None and proposal.sent_on and day < proposal.sent_on:
            raise ValidationError({name: _("The centre cannot receive it before it was sent (%(day)s).") % {
                "day": proposal.sent_on.strftime("%d/%m/%Y")}})
    before = {"paper_received_on": proposal.paper_received_on, "files_received_on": proposal.files_received_on,
              "central_note": proposal.central_note}
    proposal.paper_received_on = paper_received_on
    proposal.files_received_on = files_received_on
    proposal.central_note = central_note or ""
    proposal.save(update_fields=list(before))
    record(by, AuditAction.UPDATE, proposal, changes={name: [str(old or ""), str(getattr(proposal, name) or "")]
                                                       for name, old in before.items()})
    return proposal
