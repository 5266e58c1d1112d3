"""The award registry: the catalogue of titles and forms, and the province's award history
(CSDL khen thưởng): awards received, yearly ratings, initiatives, discipline and open cases."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.deciders import decided_by_text
from tdkt.awards.enums import (
    AliasKind,
    AwardBasis,
    AwardCategory,
    AwardLevel,
    AwardSource,
    CaseKind,
    DisciplineLevel,
    InitiativeScope,
    RatingLevel,
    RecipientKind,
)
from tdkt.people.enums import PersonGroup

CODE_PATTERN = r"^[A-Z][A-Z0-9_]{1,31}$"
FIRST_YEAR = 1900  # achievement periods of dedication awards reach back before 1945


def exactly_one(*fields: str) -> Q:
    """Q that holds when exactly one of the foreign keys is set."""
    condition = Q()
    for chosen in fields:
        branch = Q(**{f"{chosen}__isnull": False})
        for other in fields:
            if other != chosen:
                branch &= Q(**{f"{other}__isnull": True})
        condition |= branch
    return condition


def _coefficient(label):
    return models.DecimalField(
        label, max_digits=6, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)],
        help_text=_("Multiple of the base salary (mức lương cơ sở); empty when no bonus is set."),
    )


class AwardType(models.Model):
    """A title or form of the catalogue (danh hiệu thi đua / hình thức khen thưởng).

    National entries are seeded by migration 0002 and keep their codes forever; provinces add
    their own (is_national=False). Entries are deactivated, never deleted.
    """

    code = models.CharField(
        _("code"), max_length=32, unique=True, validators=[RegexValidator(CODE_PATTERN)],
        help_text=_("Stable code used by integrations, e.g. CONG_DAN_UU_TU."),
    )
    name = models.CharField(_("official name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    category = models.CharField(_("kind"), max_length=8, choices=AwardCategory.choices)
    for_individual = models.BooleanField(_("for individuals"), default=False)
    for_collective = models.BooleanField(_("for collectives"), default=False)
    for_household = models.BooleanField(_("for households"), default=False)
    level = models.CharField(_("level"), max_length=16, choices=AwardLevel.choices)
    deciding_authority = models.CharField(_("deciding authority"), max_length=255, blank=True)
    decided_by = models.JSONField(
        _("authorities that may decide it"), default=list, blank=True,
        help_text=_("Kinds of issuing authority (law.md §4.1); national awards are seeded from the law."))
    bases = models.JSONField(_("kinds of commendation"), default=list, blank=True)
    bonus_individual = _coefficient(_("bonus coefficient, individual"))
    bonus_collective = _coefficient(_("bonus coefficient, collective"))
    bonus_household = _coefficient(_("bonus coefficient, household"))
    bonus_is_ceiling = models.BooleanField(
        _("coefficients are maximums"), default=False,
        help_text=_("The decree sets an upper limit, not a fixed amount (Kỷ niệm chương)."),
    )
    requires_public_posting = models.BooleanField(_("requires public posting"), default=False)
    # NĐ152 Đ44.2 sets 10 working days for national awards (law.md §4.3); a province's regulation may post its
    # own awards for another period (Hà Nội: 7). Empty: the province's posting setting applies.
    posting_working_days = models.PositiveSmallIntegerField(
        _("working days posted"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Empty: the period of the public posting settings applies."))
    requires_council_vote = models.BooleanField(_("requires a council vote"), default=False)
    vote_threshold_percent = models.PositiveSmallIntegerField(
        _("vote threshold (% of all council members)"), null=True, blank=True,
        validators=[MinValueValidator(50), MaxValueValidator(100)],
        help_text=_("Empty: the threshold of the province's council rules applies."),
    )
    is_national = models.BooleanField(_("national catalogue"), default=False, editable=False)
    active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=1000)
    legal_basis = models.TextField(_("legal basis"), blank=True)

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(for_individual=True) | Q(for_collective=True) | Q(for_household=True),
                name="award_type_has_recipient_kind",
            ),
            models.CheckConstraint(
                condition=Q(vote_threshold_percent__isnull=True)
                | Q(vote_threshold_percent__gte=50, vote_threshold_percent__lte=100),
                name="award_type_vote_threshold_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def recipient_kinds(self) -> list[str]:
        return [
            kind for kind, allowed in (
                (RecipientKind.INDIVIDUAL, self.for_individual),
                (RecipientKind.COLLECTIVE, self.for_collective),
                (RecipientKind.HOUSEHOLD, self.for_household),
            ) if allowed
        ]

    def allows_recipient(self, kind: str) -> bool:
        return kind in self.recipient_kinds

    def bonus_for(self, kind: str):
        return {
            RecipientKind.INDIVIDUAL: self.bonus_individual,
            RecipientKind.COLLECTIVE: self.bonus_collective,
            RecipientKind.HOUSEHOLD: self.bonus_household,
        }[kind]

    def recipient_labels(self) -> list[str]:
        labels = dict(RecipientKind.choices)
        return [str(labels[kind]) for kind in self.recipient_kinds]

    def deciders_label(self) -> str:
        """Who decides it, from the catalogue (or the law's default for its level)."""
        return decided_by_text(self)

    def basis_labels(self) -> list[str]:
        labels = dict(AwardBasis.choices)
        return [str(labels.get(basis, basis)) for basis in self.bases]


class AwardAlias(models.Model):
    """A name an award type is known by ("CSTĐCS", "Chiến sỹ thi đua cấp cơ sở"), with its matching key.

    The official name, short name and code of every type are kept here too, so that one unique
    index guarantees that a name never points at two types.
    """

    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(_("name"), max_length=255)
    key = models.CharField(max_length=255, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=AliasKind.choices, default=AliasKind.ALIAS)

    class Meta:
        verbose_name = _("award name variant")
        verbose_name_plural = _("award name variants")
        ordering = ["award_type", "kind", "text"]

    def __str__(self):
        return self.text


class RecordedBy(models.Model):
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        abstract = True


class AwardRecord(RecordedBy):
    """An award received (khen thưởng): one recipient, one title or form, one decision."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="award_records")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("collective"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="award_records")
    household = models.ForeignKey("people.Household", verbose_name=_("household"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="award_records")
    award_type = models.ForeignKey(AwardType, verbose_name=_("title or form"), on_delete=models.PROTECT,
                                   related_name="records")
    basis = models.CharField(_("kind of commendation"), max_length=16, choices=AwardBasis.choices,
                             default=AwardBasis.MERIT)
    year = models.PositiveSmallIntegerField(
        _("achievement year"), help_text=_("For a period or a school year: the year it ends."),
    )
    school_year = models.CharField(_("school year"), max_length=9, blank=True,
                                   help_text=_("For example 2024-2025."))
    period_from = models.DateField(_("achievement period from"), null=True, blank=True)
    period_to = models.DateField(_("achievement period to"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=AwardSource.choices,
                              default=AwardSource.ISSUED_HERE)
    note = models.TextField(_("note"), blank=True)
    archived_document = models.ForeignKey("awards.ArchivedDocument", verbose_name=_("archived document"), null=True,
                                          blank=True, on_delete=models.PROTECT, related_name="award_records",
                                          help_text=_("The digitised decision (its searchable scan) this comes from."))
    # Statistical dimensions as known when the award was recorded (the snapshot at signing, the import's
    # "Đối tượng" column, or the person's confirmed group then): a person's rank changes, the award does not.
    # Blank person_group: "chưa phân loại" in the forms, with a warning (tdkt.reports).
    person_group = models.CharField(_("statistical group"), max_length=20, choices=PersonGroup.choices, blank=True)
    is_enterprise = models.BooleanField(_("enterprise"), default=False,
                                        help_text=_("A collective recipient that is an enterprise."))
    # For incremental sync through the API (/api/v1/awards?updated_since=…); queryset.update() does not touch it.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True)

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        ordering = ["year", "decision_date", "id"]
        # The statistical forms and the history search count by decision date (the statistical year).
        indexes = [models.Index(fields=["decision_date", "award_type"], name="award_record_decided"),
                   models.Index(fields=["updated_at", "id"], name="award_record_updated")]
        constraints = [
            models.CheckConstraint(condition=exactly_one("person", "unit", "household"),
                                   name="award_record_exactly_one_recipient"),
            models.CheckConstraint(
                condition=Q(period_from__isnull=True) | Q(period_to__isnull=True) | Q(period_to__gte=models.F("period_from")),
                name="award_record_period_in_order",
            ),
            models.CheckConstraint(condition=Q(year__gte=FIRST_YEAR), name="award_record_year_sane"),
        ] + [
            models.UniqueConstraint(
                fields=[recipient, "award_type", "year", "decision_number"],
                condition=Q(**{f"{recipient}__isnull": False}) & ~Q(decision_number=""),
                name=f"award_record_unique_{recipient}_decision",
            )
            for recipient in ("person", "unit", "household")
        ]

    def __str__(self):
        return f"{self.award_type} {self.year} — {self.recipient}"

    @property
    def recipient(self):
        return self.person or self.unit or self.household

    @property
    def recipient_kind(self) -> str:
        if self.person_id:
            return RecipientKind.INDIVIDUAL
        return RecipientKind.COLLECTIVE if self.unit_id else RecipientKind.HOUSEHOLD


class Rating(RecordedBy):
    """The yearly rating of task completion (xếp loại) of a person or a collective: one per year."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="ratings")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("collective"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("rating"), max_length=8, choices=RatingLevel.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("yearly rating")
        verbose_name_plural = _("yearly ratings")
        ordering = ["year", "id"]
        constraints = [
            models.CheckConstraint(condition=exactly_one("person", "unit"), name="rating_exactly_one_recipient"),
            models.CheckConstraint(condition=Q(year__gte=FIRST_YEAR), name="rating_year_sane"),
            models.UniqueConstraint(fields=["person", "year"], condition=Q(person__isnull=False),
                                    name="rating_unique_person_year"),
            models.UniqueConstraint(fields=["unit", "year"], condition=Q(unit__isnull=False),
                                    name="rating_unique_unit_year"),
        ]

    def __str__(self):
        return f"{self.year}: {self.level} — {self.person or self.unit}"


class Initiative(RecordedBy):
    """An initiative (sáng kiến) recognised with a scope of effect.

    One initiative supports one award only (CV 5007/BNV-TĐKT §III.5.c): `used_for` holds that award.
    """

    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year recognised"))
    scope = models.CharField(_("scope of effect"), max_length=16, choices=InitiativeScope.choices)
    decision_number = models.CharField(_("recognising decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("recognising decision date"), null=True, blank=True)
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    authors = models.ManyToManyField("people.Person", verbose_name=_("authors"), related_name="initiatives")
    used_for = models.ForeignKey(AwardRecord, verbose_name=_("used for the award"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="initiatives")
    # The archived decision it was digitised from (tdkt.awards.archive), when it was.
    archived_document = models.ForeignKey("awards.ArchivedDocument", verbose_name=_("archived document"), null=True,
                                          blank=True, on_delete=models.PROTECT, related_name="initiatives")

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["year", "id"]
        constraints = [models.CheckConstraint(condition=Q(year__gte=FIRST_YEAR), name="initiative_year_sane")]

    def __str__(self):
        return self.title


class DisciplineRecord(RecordedBy):
    """A disciplinary measure and its period (kỷ luật); achievements count from its end (NĐ152 Đ4.4)."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="discipline_records")
    level = models.CharField(_("measure"), max_length=16, choices=DisciplineLevel.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("discipline record")
        verbose_name_plural = _("discipline records")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="discipline_period_in_order"),
        ]

    def __str__(self):
        return f"{self.get_level_display()} {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y} — {self.person}"


class OpenCase(RecordedBy):
    """A complaint, inspection or investigation concerning a person or a collective; while it is open,
    proposals for them are frozen (NĐ152 Đ4.4)."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="open_cases")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("collective"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="open_cases")
    kind = models.CharField(_("kind"), max_length=16, choices=CaseKind.choices)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    reference = models.CharField(_("document reference"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("open case")
        verbose_name_plural = _("open cases")
        ordering = ["opened_on", "id"]
        constraints = [
            models.CheckConstraint(condition=exactly_one("person", "unit"), name="open_case_exactly_one_subject"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="open_case_closed_after_opened",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.opened_on:%d/%m/%Y} — {self.person or self.unit}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


# The history import's models live in their own package; imported here so that the app registers them.
from tdkt.awards.archive.models import (  # noqa: E402, F401
    ArchiveBatch,
    ArchiveBatchStateChange,
    ArchivedDocument,
    ArchivedLine,
)
from tdkt.awards.imports.models import ImportBatch, ImportBatchStateChange, ImportMapping, ImportRow  # noqa: E402, F401
