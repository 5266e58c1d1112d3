from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.orgs.enums import (
    AuthorityKind,
    CouncilLevel,
    CouncilRole,
    GroupKind,
    GroupRole,
    SignerRank,
    SuccessionKind,
    UnitKind,
)


class UnitQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on), established_on__lte=on)


class Unit(models.Model):
    """A unit taking part in emulation work (đơn vị): sở, xã, trường, doanh nghiệp…

    Units are effective-dated: a merged or split unit is dissolved on a date, never deleted,
    and UnitSuccession links it to its successors so its history stays reachable.
    """

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    code = models.CharField(_("unit code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    admin_code = models.CharField(
        _("administrative code"), max_length=10, blank=True,
        help_text=_("Code of the commune or ward in the national list of administrative divisions."),
    )
    is_remote = models.BooleanField(_("remote area"), default=False)
    is_border = models.BooleanField(_("border area"), default=False)
    is_especially_difficult = models.BooleanField(_("especially difficult area"), default=False)
    is_ethnic_minority_area = models.BooleanField(_("ethnic minority area"), default=False)
    established_on = models.DateField(_("established on"), default=timezone.localdate)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    # For incremental sync through the API (/api/v1/units?updated_since=…); queryset.update() does not touch it.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        indexes = [models.Index(fields=["updated_at", "id"], name="unit_updated")]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="unit_not_own_parent"),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=models.F("established_on")),
                name="unit_dissolved_after_established",
            ),
            models.UniqueConstraint(
                fields=["admin_code"], condition=Q(dissolved_on__isnull=True) & ~Q(admin_code=""),
                name="unit_unique_active_admin_code",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None or self.dissolved_on > timezone.localdate()

    @property
    def area_flags(self) -> list[str]:
        return [
            str(label)
            for flag, label in (
                (self.is_remote, _("remote area")),
                (self.is_border, _("border area")),
                (self.is_especially_difficult, _("especially difficult area")),
                (self.is_ethnic_minority_area, _("ethnic minority area")),
            )
            if flag
        ]


class UnitName(models.Model):
    """A former name of a unit, kept when it is renamed (tên cũ)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    used_until = models.DateField(_("used until"))

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["-used_until"]

    def __str__(self):
        return self.name


class UnitSuccession(models.Model):
    """Predecessor → successor link created by a merge or a split (sáp nhập, chia tách)."""

    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successions_out")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successions_in")
    kind = models.CharField(_("kind"), max_length=16, choices=SuccessionKind.choices)
    effective_on = models.DateField(_("effective on"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class EmulationGroup(models.Model):
    """An emulation cluster or block (cụm / khối thi đua); its members change year by year."""

    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=GroupKind.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("emulation group")
        verbose_name_plural = _("emulation groups")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class EmulationGroupYear(models.Model):
    """A group's composition in one year, with its head and deputy head unit."""

    group = models.ForeignKey(EmulationGroup, on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("emulation group year")
        verbose_name_plural = _("emulation group years")
        ordering = ["-year", "group__name"]
        constraints = [models.UniqueConstraint(fields=["group", "year"], name="group_year_unique")]

    def __str__(self):
        return f"{self.group} ({self.year})"

    def _unit_with_role(self, role):
        for membership in self.memberships.all():
            if membership.role == role:
                return membership.unit
        return None

    @property
    def head(self):
        return self._unit_with_role(GroupRole.HEAD)

    @property
    def deputy(self):
        return self._unit_with_role(GroupRole.DEPUTY)


class EmulationGroupMembership(models.Model):
    """A unit's place in a group-year: head, deputy head or member."""

    group_year = models.ForeignKey(EmulationGroupYear, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="group_memberships")
    role = models.CharField(_("role"), max_length=16, choices=GroupRole.choices, default=GroupRole.MEMBER)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(fields=["group_year", "unit"], name="group_member_unique"),
            models.UniqueConstraint(
                fields=["group_year"], condition=Q(role=GroupRole.HEAD), name="group_year_one_head"
            ),
            models.UniqueConstraint(
                fields=["group_year"], condition=Q(role=GroupRole.DEPUTY), name="group_year_one_deputy"
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.group_year}"


class Council(models.Model):
    """An emulation and commendation council (Hội đồng Thi đua - Khen thưởng) of the province or a unit."""

    name = models.CharField(_("name"), max_length=255)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="councils")
    level = models.CharField(_("level"), max_length=16, choices=CouncilLevel.choices)
    established_by = models.CharField(_("established by (decision)"), max_length=255, blank=True)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), null=True, blank=True)

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="council_term_order",
            )
        ]

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    """A member of a council with a role and term (thành viên Hội đồng)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=20, choices=CouncilRole.choices)
    title = models.CharField(_("position in own agency"), max_length=255, blank=True)
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("user account"), null=True, blank=True, on_delete=models.SET_NULL
    )
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), null=True, blank=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "person"], condition=Q(term_end__isnull=True),
                name="council_member_once_per_council",
            ),
            models.UniqueConstraint(
                fields=["council"], condition=Q(role=CouncilRole.CHAIR, term_end__isnull=True),
                name="council_one_current_chair",
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="council_member_term_order",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.council}"


class IssuingAuthority(models.Model):
    """Who issues award decisions (cơ quan, người có thẩm quyền ban hành): the provincial chairman, a
    department head, a commune chairman, an enterprise head — or, above the province, the Prime Minister
    and the State President, whose decisions are recorded, not drafted here. Its kind says which awards
    it may decide (awards.AwardType.decided_by); its unit's clerks run its rounds."""

    kind = models.CharField(_("kind of authority"), max_length=20, choices=AuthorityKind.choices,
                            default=AuthorityKind.PROVINCE_CHAIR)
    unit = models.OneToOneField(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="issuing_authority",
                                help_text=_("The unit whose head decides; empty for the central level."))
    name = models.CharField(_("name"), max_length=255, help_text=_("For example: Ủy ban nhân dân tỉnh Lào Cai."))
    parent_name = models.CharField(_("parent agency"), max_length=255, blank=True)
    symbol = models.CharField(_("decision symbol"), max_length=32, default="QĐ-UBND",
                              help_text=_("Written after the number: 123/QĐ-UBND."))
    submission_symbol = models.CharField(_("cover letter symbol"), max_length=32, default="TTr-UBND")
    place = models.CharField(_("place name for the date line"), max_length=100)
    decider_title = models.CharField(
        _("title of the decider"), max_length=255,
        help_text=_("Line above the legal bases, e.g. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI."))
    collective_body = models.CharField(
        _("collective body (for TM.)"), max_length=255, default="ỦY BAN NHÂN DÂN", blank=True,
        help_text=_("Empty when the head decides alone (a department): no TM. line."))
    head_title = models.CharField(_("title of the head"), max_length=100, default="CHỦ TỊCH")
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        db_table = "decisions_issuingauthority"  # moved from decisions: the table kept its name
        verbose_name = _("issuing authority")
        verbose_name_plural = _("issuing authorities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_central(self) -> bool:
        return self.kind in (AuthorityKind.PRIME_MINISTER, AuthorityKind.STATE_PRESIDENT)


class SignerPostQuerySet(models.QuerySet):
    def on(self, day):
        """Posts held on `day`."""
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class SignerPost(models.Model):
    """A person's post in an issuing authority for a period (chức vụ người ký): the signature block is
    derived from it on the signing date, never typed."""

    authority = models.ForeignKey(IssuingAuthority, verbose_name=_("issuing authority"), on_delete=models.CASCADE,
                                  related_name="signer_posts")
    user = models.ForeignKey("accounts.User", verbose_name=_("user account"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="signer_posts")
    full_name = models.CharField(_("full name"), max_length=150)
    rank = models.CharField(_("post"), max_length=8, choices=SignerRank.choices)
    title = models.CharField(_("title as printed"), max_length=100,
                             help_text=_("For example: CHỦ TỊCH, PHÓ CHỦ TỊCH, GIÁM ĐỐC, PHÓ GIÁM ĐỐC."))
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    objects = SignerPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("signer's post")
        verbose_name_plural = _("signers' posts")
        ordering = ["authority", "rank", "full_name"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                                   name="signer_post_period_order"),
        ]

    def __str__(self):
        return f"{self.title} {self.full_name}"
