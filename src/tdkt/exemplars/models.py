"""Exemplars (điển hình tiên tiến, người tốt việc tốt): a person's or a collective's story, proposed by a unit
with its leader's confirmation, approved and published by the standing body on the public portal, archived by
year. Linked to the award records of the person or collective (tdkt.awards)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.exemplars.enums import ExemplarKind, ExemplarState
from tdkt.workflow.models import StateChange

FIRST_YEAR = 1945  # the first emulation movements of the Republic; an earlier year is a typing error


def photo_path(instance, filename: str) -> str:
    # The name carries the digest of the re-encoded picture: a new photo never overwrites a cached one.
    return f"exemplars/{instance.unit_id}/{instance.photo_sha256}.{filename.rsplit('.', 1)[-1]}"


class Exemplar(models.Model):
    """An exemplar (gương điển hình tiên tiến, người tốt việc tốt) proposed by one unit."""

    kind = models.CharField(_("kind"), max_length=16, choices=ExemplarKind.choices, default=ExemplarKind.PERSON)
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="exemplars")
    collective = models.ForeignKey("orgs.Unit", verbose_name=_("collective"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="exemplar_stories")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("proposing unit"), on_delete=models.PROTECT,
                             related_name="exemplars")
    headline = models.CharField(_("headline"), max_length=300)
    story = models.TextField(_("story"))  # plain text: paragraphs by blank lines; never rendered as HTML
    photo = models.FileField(_("photo"), upload_to=photo_path, max_length=255, blank=True)
    photo_sha256 = models.CharField(max_length=64, blank=True)
    photo_type = models.CharField(max_length=16, blank=True)  # image/jpeg or image/png, as re-encoded
    photo_width = models.PositiveIntegerField(null=True, blank=True)
    photo_height = models.PositiveIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    awards = models.ManyToManyField("awards.AwardRecord", verbose_name=_("awards"), blank=True, related_name="+")
    state = models.CharField(_("state"), max_length=16, choices=ExemplarState.choices, default=ExemplarState.DRAFT)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed by the leader at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Folded (no diacritics, lower case) name, headline and unit: one LIKE finds an exemplar on SQLite and PostgreSQL.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["unit", "state"]), models.Index(fields=["state", "year"]),
                   models.Index(fields=["state", "confirmed_at"], name="exemplar_confirmed")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=ExemplarKind.PERSON, person__isnull=False, collective__isnull=True)
                           | Q(kind=ExemplarKind.COLLECTIVE, collective__isnull=False, person__isnull=True)),
                name="exemplar_one_subject_of_its_kind"),
            models.CheckConstraint(condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                                   name="exemplar_quarter_1_to_4"),
            models.CheckConstraint(condition=Q(year__gte=FIRST_YEAR), name="exemplar_year_sane"),
        ]

    def __str__(self):
        return f"{self.subject_name} — {self.headline}"

    def get_absolute_url(self):
        return reverse("exemplars:detail", args=[self.pk])

    @property
    def subject_name(self) -> str:
        subject = self.person if self.kind == ExemplarKind.PERSON else self.collective
        return getattr(subject, "full_name", None) or getattr(subject, "name", "") or ""

    @property
    def period_label(self) -> str:
        return gettext("Quarter %(quarter)s/%(year)s") % {"quarter": self.quarter, "year": self.year} if self.quarter \
            else str(self.year)

    @property
    def paragraphs(self) -> list[str]:
        """The story's paragraphs (blank lines split them); the template escapes each."""
        blocks = [" ".join(block.split()) for block in self.story.replace("\r\n", "\n").split("\n\n")]
        return [block for block in blocks if block]

    def get_public_url(self):
        return reverse("exemplars:public_detail", args=[self.pk])


class ExemplarStateChange(StateChange):
    """History of an exemplar's states (tdkt.workflow: who, from, to, when, why)."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        pass
