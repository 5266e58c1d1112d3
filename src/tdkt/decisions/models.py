"""Award decisions (quyết định khen thưởng): issuing authorities, gap-free numbering, legal-basis
templates, base salary, decisions and their annex lines, the link from a line to the award record it
created, and the reward fund ledger.

A signed decision is immutable: `Decision.save()` and `DecisionLine.save()/delete()` refuse to touch
one, and database triggers (migration 0002) refuse UPDATE of its protected columns and any change to
its lines. Corrections and revocations are new decisions (`corrects` / `revokes`) whose lines point
at the lines they amend (`amends_line`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import AwardBasis
from tdkt.awards.models import exactly_one
from tdkt.decisions.enums import (
    ISSUED_STATES,
    DecisionKind,
    DecisionState,
    FundEntryKind,
    LineGroup,
    LineKind,
    SigningMode,
)
from tdkt.decisions.signature import SignatureBlock, block_for_post
from tdkt.orgs.models import IssuingAuthority
from tdkt.workflow.models import StateChange


class ImmutableDecisionError(ValidationError):
    """Raised when code tries to change a signed decision or its lines."""


def signed_pdf_path(instance, filename: str) -> str:
    """Under MEDIA_ROOT/decisions/, named by content hash; served only through an access-checked view."""
    return f"decisions/signed/{instance.signed_pdf_sha256[:2]}/{instance.signed_pdf_sha256}.pdf"


class DecisionNumberCounter(models.Model):
    """The last number an authority gave in a year; locked (select_for_update) while a number is taken."""

    authority = models.ForeignKey(IssuingAuthority, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("decision number counter")
        verbose_name_plural = _("decision number counters")
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="decision_counter_once_per_year")]

    def __str__(self):
        return f"{self.authority} {self.year}: {self.last_number}"


class LegalBasisTemplate(models.Model):
    """The "Căn cứ …;" lines of a decision for an award (blank award: any award; blank basis: any basis)."""

    authority = models.ForeignKey(IssuingAuthority, verbose_name=_("issuing authority"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="legal_basis_templates")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="+")
    basis = models.CharField(_("kind of commendation"), max_length=16, choices=AwardBasis.choices, blank=True)
    lines = models.JSONField(_("legal bases"), default=list,
                             help_text=_("One line per legal basis, in the order they are written."))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("legal basis template")
        verbose_name_plural = _("legal basis templates")
        ordering = ["award_type_id", "basis", "id"]

    def __str__(self):
        return f"{self.award_type or '*'} / {self.basis or '*'}"


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) from a date; bonuses are multiples of the one in force."""

    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    effective_from = models.DateField(_("in force from"), unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.amount:,} ({self.effective_from:%d/%m/%Y})".replace(",", ".")


class Decision(models.Model):
    """An award decision: number, date, signer, award, achievement period, legal bases, recipients."""

    authority = models.ForeignKey(IssuingAuthority, verbose_name=_("issuing authority"), on_delete=models.PROTECT,
                                  related_name="decisions")
    kind = models.CharField(_("kind"), max_length=16, choices=DecisionKind.choices, default=DecisionKind.AWARD)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)  # null until the văn thư numbers it
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)  # trích yếu: "Về việc tặng Bằng khen …"
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT,
                                   related_name="decisions")
    basis = models.CharField(_("kind of commendation"), max_length=16, choices=AwardBasis.choices,
                             default=AwardBasis.MERIT)
    achievement_year = models.PositiveSmallIntegerField(_("achievement year"))
    period_from = models.DateField(_("achievement period from"), null=True, blank=True)
    period_to = models.DateField(_("achievement period to"), null=True, blank=True)
    legal_bases = models.JSONField(_("legal bases"), default=list, blank=True)
    proposal = models.CharField(_("proposed by"), max_length=500, blank=True,
                                help_text=_("Last basis line: Theo đề nghị của Giám đốc Sở Nội vụ …"))
    # The proposing document (tờ trình) the last basis line cites: "… tại Tờ trình số 45/TTr-SNV ngày 10/11/2026."
    proposal_reference = models.CharField(_("proposal (tờ trình) number"), max_length=64, blank=True,
                                          help_text=_("Number and symbol, for example 45/TTr-SNV."))
    proposal_date = models.DateField(_("proposal (tờ trình) date"), null=True, blank=True)
    achievement_text = models.CharField(_("achievement wording"), max_length=500, blank=True,
                                        help_text=_("End of Article 1, e.g. “đã có thành tích xuất sắc …”."))
    execution_text = models.TextField(_("Article 3 (execution)"), blank=True)
    recipients = models.JSONField(_("recipients (Nơi nhận)"), default=list, blank=True)
    # Who signs: a post of the authority on the decision date; the columns below are written from it, never typed.
    signer_post = models.ForeignKey("orgs.SignerPost", verbose_name=_("signer's post"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="decisions")
    signing_mode = models.CharField(_("signing mode"), max_length=4, choices=SigningMode.choices, blank=True,
                                    default=SigningMode.KT)
    signer_on_behalf_of = models.CharField(_("signs for"), max_length=255, blank=True, default="CHỦ TỊCH",
                                           help_text=_("After the prefix: KT. CHỦ TỊCH, TM. ỦY BAN NHÂN DÂN."))
    signer_position = models.CharField(_("signer's position"), max_length=255, default="PHÓ CHỦ TỊCH")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signer"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    corrects = models.ForeignKey("self", verbose_name=_("corrects the decision"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="corrections")
    revokes = models.ForeignKey("self", verbose_name=_("revokes (part of) the decision"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="revocations")
    reason = models.TextField(_("reason"), blank=True)  # of a correction or revocation

    state = models.CharField(_("state"), max_length=24, choices=DecisionState.choices, default=DecisionState.DRAFT,
                             db_index=True)
    state_changed_at = models.DateTimeField(_("state changed at"), auto_now_add=True)
    signed_pdf = models.FileField(_("signed copy (PDF)"), upload_to=signed_pdf_path, max_length=255, blank=True)
    signed_pdf_sha256 = models.CharField(max_length=64, blank=True)
    signed_pdf_size = models.PositiveIntegerField(null=True, blank=True)
    signed_at = models.DateTimeField(_("signed copy recorded at"), null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Frozen in the UPDATE that signs (tdkt.decisions.snapshot): what the issued decision said, whatever is
    # renamed later. Empty before signing.
    snapshot = models.JSONField(_("snapshot at signing"), null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            # Numbers are unique per authority and year (the allocator never repeats one; this backs it up).
            models.UniqueConstraint(fields=["authority", "year", "number"], condition=Q(number__isnull=False),
                                    name="decision_number_unique_per_authority_year"),
            models.CheckConstraint(
                condition=~Q(state__in=[DecisionState.SIGNED, DecisionState.PUBLISHED])
                | (Q(number__isnull=False) & Q(decision_date__isnull=False) & ~Q(signed_pdf_sha256="")),
                name="decision_issued_has_number_date_pdf"),
            models.CheckConstraint(condition=Q(corrects__isnull=True) | Q(revokes__isnull=True),
                                   name="decision_corrects_or_revokes"),
            models.CheckConstraint(
                condition=Q(period_from__isnull=True) | Q(period_to__isnull=True) | Q(period_to__gte=models.F("period_from")),
                name="decision_period_in_order"),
        ]
        indexes = [models.Index(fields=["state", "year"])]

    def __str__(self):
        return f"{self.number_text or _('Draft decision')} — {self.title}"

    def save(self, *args, **kwargs):
        # Immutability, not workflow: state changes go through tdkt.decisions.transitions (the workflow primitive).
        if self.pk is not None:
            stored = Decision.objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored in ISSUED_STATES:
                raise ImmutableDecisionError(_("A signed decision cannot be changed. Issue a correcting or "
                                               "revoking decision instead."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("decisions:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if Decision.objects.filter(pk=self.pk, state__in=ISSUED_STATES).exists():
            raise ImmutableDecisionError(_("A signed decision cannot be deleted."))
        return super().delete(*args, **kwargs)

    @property
    def number_text(self) -> str:
        """"123/QĐ-UBND" (numbers below 10 with a leading zero), or "" before numbering."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.authority.symbol}"

    @property
    def is_issued(self) -> bool:
        return self.state in ISSUED_STATES

    def signature(self):
        """The signature block (tdkt.decisions.signature.SignatureBlock): frozen at signing, else derived from
        the signer's post, else (decisions older than posts) from the stored columns."""
        if self.snapshot and self.snapshot.get("signature"):
            return SignatureBlock.from_dict(self.snapshot["signature"])
        if self.signer_post_id:
            return block_for_post(self.signer_post)
        if not self.signing_mode:
            return SignatureBlock(lines=(self.signer_position,), name=self.signer_name)
        return SignatureBlock(lines=(f"{self.signing_mode}. {self.signer_on_behalf_of}".strip(), self.signer_position),
                              name=self.signer_name)

    def signature_lines(self) -> list[str]:
        """["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]; a head signing directly has the title line only."""
        return list(self.signature().lines)

    @property
    def signatory_name(self) -> str:
        return self.signature().name

    def _frozen(self, part: str, key: str, live):
        frozen = (self.snapshot or {}).get(part) or {}
        return frozen.get(key) or live()

    @property
    def authority_name(self) -> str:
        """The issuing authority's name as signed (snapshot), else its current name."""
        return self._frozen("authority", "name", lambda: self.authority.name)

    @property
    def award_name(self) -> str:
        """The award's name as signed (snapshot), else its current name."""
        return self._frozen("award", "name", lambda: self.award_type.name)


class DecisionLine(models.Model):
    """One recipient of a decision (a line of the annex list), with its bonus."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    nomination = models.ForeignKey("dossiers.Nomination", verbose_name=_("nomination"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="decision_lines")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="decision_lines")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("collective"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="decision_lines")
    household = models.ForeignKey("people.Household", verbose_name=_("household"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="decision_lines")
    group = models.CharField(_("group"), max_length=16, choices=LineGroup.choices)
    kind = models.CharField(_("kind of line"), max_length=16, choices=LineKind.choices, default=LineKind.AWARD)
    contest = models.CharField(_("contest"), max_length=500, blank=True,
                               help_text=_("For a contest prize: the contest, as the annex heading names it."))
    display_name = models.CharField(_("name"), max_length=255)  # "Ông Nguyễn Văn An", "Phòng Tổ chức cán bộ"
    position_and_unit = models.CharField(_("position and unit"), max_length=500, blank=True)
    # The unit whose clerks may see this line (the submitting unit of the dossier, else the recipient's unit).
    owner_unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT,
                                   related_name="+")
    coefficient = models.DecimalField(_("bonus coefficient"), max_digits=6, decimal_places=2, null=True, blank=True,
                                      validators=[MinValueValidator(0)])
    amount = models.PositiveBigIntegerField(_("bonus (VND)"), default=0)
    amount_note = models.CharField(_("note on the bonus"), max_length=255, blank=True)
    amends_line = models.ForeignKey("self", verbose_name=_("corrects or revokes the line"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="amendments")
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    # Frozen just before the decision is signed (tdkt.decisions.snapshot); empty before.
    snapshot = models.JSONField(_("snapshot at signing"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")
        ordering = ["decision", "group", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(condition=exactly_one("person", "unit", "household"),
                                   name="decision_line_exactly_one_recipient"),
            models.UniqueConstraint(fields=["decision", "nomination"], condition=Q(nomination__isnull=False),
                                    name="decision_line_nomination_once"),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if self._decision_is_issued():
            raise ImmutableDecisionError(_("The lines of a signed decision cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._decision_is_issued():
            raise ImmutableDecisionError(_("The lines of a signed decision cannot be changed."))
        return super().delete(*args, **kwargs)

    def _decision_is_issued(self) -> bool:
        return Decision.objects.filter(pk=self.decision_id, state__in=ISSUED_STATES).exists()

    @property
    def recipient(self):
        return self.person or self.unit or self.household

    @property
    def printed_name(self) -> str:
        return (self.snapshot or {}).get("display_name") or self.display_name

    @property
    def printed_position_and_unit(self) -> str:
        frozen = self.snapshot or {}
        return frozen.get("position_and_unit", self.position_and_unit)

    @property
    def award_name(self) -> str:
        """The award's name as signed (snapshot), else the catalogue's current name."""
        return (self.snapshot or {}).get("award_name") or self.award_type.name

    @property
    def award_short_name(self) -> str:
        frozen = self.snapshot or {}
        if frozen:
            return frozen.get("award_short_name") or frozen.get("award_name") or ""
        return self.award_type.short_name or self.award_type.name


class LineAwardRecord(models.Model):
    """The award record (history) a signed line created. Kept apart so the line itself stays immutable;
    deleted with the record when a revocation removes it (the audit log keeps the record's snapshot)."""

    line = models.OneToOneField(DecisionLine, on_delete=models.PROTECT, related_name="award_link")
    award_record = models.OneToOneField("awards.AwardRecord", on_delete=models.CASCADE, related_name="decision_link")

    class Meta:
        verbose_name = _("award record of a line")
        verbose_name_plural = _("award records of lines")

    def __str__(self):
        return f"{self.line_id} → {self.award_record_id}"


class DecisionEvent(StateChange):
    """Timeline row of a decision: who moved it from which state to which, when and why. Append-only;
    written by the workflow primitive (tdkt.decisions.transitions.DECISION)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="events")

    class Meta(StateChange.Meta):
        verbose_name = _("decision event")
        verbose_name_plural = _("decision events")

    @staticmethod
    def _label(value) -> str:
        return str(DecisionState(value).label) if value in DecisionState.values else value

    @property
    def from_label(self) -> str:
        return self._label(self.from_state)

    @property
    def to_label(self) -> str:
        return self._label(self.to_state)


class RewardFund(models.Model):
    """A reward fund (quỹ thi đua, khen thưởng) of the province or a commune (NĐ152 Đ46)."""

    name = models.CharField(_("name"), max_length=255)
    authority = models.OneToOneField(IssuingAuthority, verbose_name=_("issuing authority"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="fund")

    class Meta:
        verbose_name = _("reward fund")
        verbose_name_plural = _("reward funds")

    def __str__(self):
        return self.name


class RewardFundEntry(models.Model):
    """A receipt or a spending of the fund, with its date, amount and document reference. Append-only:
    a mistake is undone by a counter-entry."""

    fund = models.ForeignKey(RewardFund, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("kind"), max_length=10, choices=FundEntryKind.choices)
    entry_date = models.DateField(_("date"))
    amount = models.PositiveBigIntegerField(_("amount (VND)"), validators=[MinValueValidator(1)])
    description = models.CharField(_("description"), max_length=500)
    document_reference = models.CharField(_("document"), max_length=255, blank=True)
    voucher_number = models.CharField(_("voucher number"), max_length=50, blank=True)  # số chứng từ
    payer = models.CharField(_("paid by"), max_length=150, blank=True)  # người chi, thủ quỹ
    decision = models.ForeignKey(Decision, verbose_name=_("payout of the decision"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="fund_entries")
    # Which lines of the decision the payout covers: award bonuses and contest prizes are posted apart.
    line_kind = models.CharField(_("kind of line paid"), max_length=16, choices=LineKind.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        ordering = ["entry_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="fund_entry_amount_positive"),
            # A decision's payout is posted once for each kind of line.
            models.UniqueConstraint(fields=["decision", "line_kind"], condition=Q(decision__isnull=False),
                                    name="fund_entry_decision_paid_once"),
        ]

    def __str__(self):
        return f"{self.entry_date:%d/%m/%Y} {self.get_kind_display()} {self.amount}"

    @property
    def signed_amount(self) -> int:
        return self.amount if self.kind == FundEntryKind.RECEIPT else -self.amount

