"""The register of initiatives and research (sổ sáng kiến, đề tài, công trình): authors with shares, the
initiative council's evaluation and the recognition decision with its scope. A recognised work is linked
to the per-person record the eligibility engine reads (tdkt.awards.models.Initiative), so the authors'
histories and the rule "one initiative, one award" stay where they already are."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import InitiativeScope
from tdkt.initiatives.enums import Vote, WorkKind, WorkState
from tdkt.workflow.models import StateChange


def _extension(filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return suffix if suffix.isalnum() and len(suffix) <= 5 else "bin"


def evidence_path(instance, filename: str) -> str:
    return f"initiatives/{instance.work_id}/evidence/{instance.sha256}.{_extension(filename)}"


def minutes_path(instance, filename: str) -> str:
    return f"initiatives/{instance.work_id}/minutes/{instance.minutes_sha256}.{_extension(filename)}"


class Work(models.Model):
    """An initiative, research topic or research work (sáng kiến, đề tài, công trình) of one unit."""

    kind = models.CharField(_("kind"), max_length=16, choices=WorkKind.choices, default=WorkKind.INITIATIVE)
    title = models.CharField(_("title"), max_length=500)
    field = models.CharField(_("field"), max_length=200, blank=True)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="initiative_works")
    applied_on = models.DateField(_("date applied"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    state = models.CharField(_("state"), max_length=32, choices=WorkState.choices, default=WorkState.REGISTERED)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    # The recognition decision (quyết định công nhận / văn bản xác nhận, NĐ152 Mẫu 13).
    scope = models.CharField(_("scope of effect"), max_length=16, choices=InitiativeScope.choices, blank=True)
    decision_number = models.CharField(_("recognising decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("recognising decision date"), null=True, blank=True)
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year recognised"), null=True, blank=True)
    # The per-person record the eligibility engine and the person page read; set at recognition.
    record = models.OneToOneField("awards.Initiative", verbose_name=_("history record"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="work")
    # Folded (no diacritics, lower case) title, authors, unit and field: one LIKE finds a work.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registered by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("initiative or research work")
        verbose_name_plural = _("initiatives and research works")
        ordering = ["-created_at", "-id"]
        # The list's order (newest first) read from an index, not by sorting the register; the words of a
        # search are found by a trigram index on search_text on PostgreSQL (migration 0004).
        indexes = [models.Index(fields=["unit", "state"]), models.Index(fields=["year", "scope"]),
                   models.Index(fields=["-created_at", "-id"], name="initiative_work_newest")]
        constraints = [
            models.CheckConstraint(condition=~Q(state=WorkState.RECOGNISED) | ~Q(scope=""),
                                   name="initiative_work_recognised_has_scope"),
        ]

    def __str__(self):
        return self.title


class Author(models.Model):
    """An author of a work and his or her share of it, in percent (the shares of a work sum to 100)."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("people.Person", verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="initiative_shares")
    share = models.PositiveSmallIntegerField(_("share (%)"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["work", "person"], name="initiative_author_once"),
            models.CheckConstraint(condition=Q(share__gte=1) & Q(share__lte=100), name="initiative_share_percent"),
        ]

    def __str__(self):
        return f"{self.person} ({self.share}%)"


class Evidence(models.Model):
    """A file that shows the work and its application (evidence, minh chứng)."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class Evaluation(models.Model):
    """The initiative council's meeting on a work (Hội đồng sáng kiến / khoa học): members, scores or
    votes, the result and the minutes."""

    work = models.OneToOneField(Work, on_delete=models.CASCADE, related_name="evaluation")
    council_name = models.CharField(_("council"), max_length=255, blank=True)
    meeting_date = models.DateField(_("meeting date"))
    passed = models.BooleanField(_("the council proposes recognition"))
    note = models.TextField(_("conclusion"), blank=True)
    minutes = models.FileField(_("minutes"), upload_to=minutes_path, max_length=255, blank=True)
    minutes_name = models.CharField(max_length=255, blank=True)
    minutes_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("evaluation")

    def __str__(self):
        return f"{self.work} — {self.meeting_date:%d/%m/%Y}"


class EvaluationMember(models.Model):
    """One council member's score or vote on the work."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    vote = models.CharField(_("vote"), max_length=8, choices=Vote.choices, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "person"], name="initiative_evaluation_member_once"),
            models.CheckConstraint(condition=Q(score__isnull=False) | ~Q(vote=""), name="initiative_member_scored"),
        ]

    def __str__(self):
        return str(self.person)


class WorkStateChange(StateChange):
    """History of a work's states (tdkt.workflow: who, from, to, when, why)."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        pass


class Claim(models.Model):
    """A nomination line of a dossier that proposes to rest on this work. One open claim per work: an
    initiative supports one award only (CV 5007/BNV-TĐKT §III.5.c), so a second dossier is refused while
    the first one holds it."""

    work = models.ForeignKey(Work, on_delete=models.PROTECT, related_name="claims")
    nomination = models.ForeignKey("dossiers.Nomination", verbose_name=_("nomination"), on_delete=models.CASCADE,
                                   related_name="initiative_claims")
    claimed_at = models.DateTimeField(auto_now_add=True)
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)
    released_reason = models.CharField(max_length=255, blank=True)
    # Set when the signed decision's award used the work (the claim then closes with released_at).
    used_for = models.ForeignKey("awards.AwardRecord", verbose_name=_("used for the award"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["claimed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["work"], condition=Q(released_at__isnull=True),
                                    name="initiative_one_open_claim"),
        ]

    def __str__(self):
        return f"{self.work} — {self.nomination_id}"
