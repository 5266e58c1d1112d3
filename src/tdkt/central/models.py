"""The central level (khen cao): State-level proposals the province sends up, and the decisions of the Prime
Minister or the State President that come back.

A `StateProposal` gathers accepted or council-approved lines (dossiers.Nomination) of one award decided
above the province; its package records what law.md §4.2 and §4.7 ask (the chairman's tờ trình and the list
in Word, the whole dossier in PDF, the number of paper sets) and when and how it went, and the two receipt
dates kept apart: the centre counts a dossier as received only once both the paper and the files are in.

A `CentralDecision` is a decision recorded here, not drafted: its list is imported or typed, each row matched
to a proposal line (`CentralDecisionLine.problem` says why a row waits for review), then committed at once
into the award history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.central.enums import ProposalState, SendingMethod
from tdkt.orgs.enums import AuthorityKind
from tdkt.workflow.models import StateChange

CENTRAL_KIND_CHOICES = [(kind.value, kind.label) for kind in (AuthorityKind.PRIME_MINISTER,
                                                               AuthorityKind.STATE_PRESIDENT)]


def package_path(instance, filename: str) -> str:
    """Under MEDIA_ROOT/central/, served only through an access-checked view."""
    return f"central/proposals/{instance.pk}/{filename}"


class StateProposal(models.Model):
    """One proposal to the central level (đề nghị khen cao): one award, one decider, its lines."""

    year = models.PositiveSmallIntegerField(_("year"))
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT,
                                   related_name="+")
    decider_kind = models.CharField(_("decided by"), max_length=20, choices=CENTRAL_KIND_CHOICES)
    state = models.CharField(_("state"), max_length=16, choices=ProposalState.choices, default=ProposalState.DRAFT)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    submission_number = models.CharField(_("cover letter number"), max_length=64, blank=True,
                                         help_text=_("For example: 125/TTr-UBND."))
    submission_date = models.DateField(_("cover letter date"), null=True, blank=True)
    paper_sets = models.PositiveSmallIntegerField(_("number of paper sets"), default=1)
    word_file = models.FileField(_("Word files"), upload_to=package_path, max_length=255, blank=True)
    pdf_file = models.FileField(_("PDF of the whole dossier"), upload_to=package_path, max_length=255, blank=True)
    package_built_at = models.DateTimeField(_("package built at"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_via = models.CharField(_("sent by"), max_length=8, choices=SendingMethod.choices, blank=True)
    sent_reference = models.CharField(_("reference of the dispatch"), max_length=100, blank=True)
    paper_received_on = models.DateField(_("paper received on"), null=True, blank=True)
    files_received_on = models.DateField(_("files received on"), null=True, blank=True)
    central_note = models.TextField(_("notes on the central level"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("State-level proposal")
        verbose_name_plural = _("State-level proposals")
        ordering = ["-year", "-id"]
        constraints = [models.CheckConstraint(condition=Q(paper_sets__gte=1), name="state_proposal_paper_sets")]

    def __str__(self):
        return f"{self.award_type} {self.year}"

    @property
    def received_on(self):
        """Received at the centre only once both the paper and the files are in (NĐ152 Đ33.12)."""
        if self.paper_received_on and self.files_received_on:
            return max(self.paper_received_on, self.files_received_on)
        return None


class StateProposalLine(models.Model):
    """One line proposed: a nomination of the province's or a unit's dossier, sent up once."""

    proposal = models.ForeignKey(StateProposal, on_delete=models.CASCADE, related_name="lines")
    nomination = models.OneToOneField("dossiers.Nomination", verbose_name=_("nomination"), on_delete=models.PROTECT,
                                      related_name="state_proposal_line")
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["proposal", "id"]

    def __str__(self):
        return str(self.nomination.recipient)


class StateProposalChange(StateChange):
    proposal = models.ForeignKey(StateProposal, on_delete=models.CASCADE, related_name="history")


class CentralDecision(models.Model):
    """A decision of the Prime Minister or the State President, recorded with its list."""

    issuer = models.ForeignKey("orgs.IssuingAuthority", verbose_name=_("issued by"), on_delete=models.PROTECT,
                               related_name="+")
    number = models.CharField(_("decision number"), max_length=64, help_text=_("For example: 1234/QĐ-TTg."))
    signed_on = models.DateField(_("decision date"))
    note = models.TextField(_("note"), blank=True)
    committed_at = models.DateTimeField(_("entered into the history at"), null=True, blank=True)
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("central decision")
        verbose_name_plural = _("central decisions")
        ordering = ["-signed_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["issuer", "number"], name="central_decision_unique_number")]

    def __str__(self):
        return self.number


class CentralDecisionLine(models.Model):
    """One row of a central decision's list, as written, and what it was matched to."""

    decision = models.ForeignKey(CentralDecision, on_delete=models.CASCADE, related_name="lines")
    row = models.PositiveIntegerField(_("row"))
    written_name = models.CharField(_("name as written"), max_length=255)
    written_award = models.CharField(_("award as written"), max_length=255, blank=True)
    written_position = models.CharField(_("position and unit as written"), max_length=500, blank=True)
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    proposal_line = models.ForeignKey(StateProposalLine, verbose_name=_("proposal line"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="decision_lines")
    problem = models.TextField(_("to review"), blank=True)
    dropped = models.BooleanField(_("left out"), default=False)
    award_record = models.ForeignKey("awards.AwardRecord", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    received_on = models.DateField(_("medal and certificate received on"), null=True, blank=True)
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True)

    class Meta:
        ordering = ["decision", "row", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "proposal_line"], condition=Q(proposal_line__isnull=False),
                                    name="central_line_once_per_decision"),
            models.CheckConstraint(condition=Q(handed_over_on__isnull=True) | Q(received_on__isnull=False),
                                   name="central_line_received_before_handed_over"),
        ]

    def __str__(self):
        return f"{self.row}: {self.written_name}"

    @property
    def in_review(self) -> bool:
        return bool(self.problem) and not self.dropped


def incoming_package_path(instance, filename: str) -> str:
    """Under MEDIA_ROOT/central/packages/, by SHA-256: served only through an access-checked view."""
    return f"central/packages/{instance.sha256[:2]}/{instance.sha256}.zip"


PACKAGE_TARGETS = ("dossier", "decision", "proposal", "central_decision")


def _exactly_one(fields) -> Q:
    condition = Q(pk__in=[])
    for chosen in fields:
        condition |= Q(**{f"{name}__isnull": name != chosen for name in fields})
    return condition


class IncomingPackage(models.Model):
    """A document package received from a document-management system (tdkt.lib.edxml, provisional mapping), kept
    as received, and where it went (one of PACKAGE_TARGETS): a dossier's files, a decision or a tờ trình of this
    system (its issued copy coming back from the document-management system), or the central-decisions
    register."""

    message_id = models.CharField(_("message id"), max_length=100, unique=True)
    kind = models.CharField(_("kind of text"), max_length=16)
    sender_code = models.CharField(_("sending agency code"), max_length=64)
    sender_name = models.CharField(_("sending agency"), max_length=255, blank=True)
    number_text = models.CharField(_("number and symbol"), max_length=100, blank=True)
    doc_date = models.DateField(_("date of the text"), null=True, blank=True)
    title = models.CharField(_("subject (trích yếu)"), max_length=500, blank=True)
    envelope = models.JSONField(_("envelope"), default=dict)
    package = models.FileField(_("package"), upload_to=incoming_package_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    dossier = models.ForeignKey("dossiers.Dossier", verbose_name=_("dossier"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey("decisions.Decision", verbose_name=_("decision of this system"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(StateProposal, verbose_name=_("State-level proposal"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="packages")
    central_decision = models.ForeignKey(CentralDecision, verbose_name=_("central decision"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="packages")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(_("package imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("incoming document package")
        verbose_name_plural = _("incoming document packages")
        ordering = ["-imported_at", "-id"]
        constraints = [models.CheckConstraint(condition=_exactly_one(PACKAGE_TARGETS),
                                              name="incoming_package_one_target")]

    def __str__(self):
        return self.number_text or self.message_id
