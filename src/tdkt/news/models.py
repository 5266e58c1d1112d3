"""News articles (tin tức) published on the public portal, their photos and state history, and what a plan asks
each unit to contribute for publication every quarter (ContributionAsk)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.lib.vntext import fold
from tdkt.news.enums import ArticleState
from tdkt.workflow.models import StateChange

# How many news items or exemplars a unit is asked for each quarter when its ask does not say otherwise. It comes
# from a plan (the Sơn La office's: "hàng quý … 01 tin hoặc bài"), not from the law: each ask may set its own.
DEFAULT_PER_QUARTER = 1


class ArticleQuerySet(models.QuerySet):
    def published(self, now):
        """Approved articles whose publication time has come: the portal's articles at `now` (news.clock.now())."""
        return self.filter(state=ArticleState.APPROVED, publish_at__lte=now)


class Article(models.Model):
    """A short news article (tin, bài) written by a unit or by the standing body, published after approval."""

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=1000)
    # Plain text: paragraphs separated by blank lines; any markup typed is shown as text, never interpreted.
    body = models.TextField(_("body"))
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("author unit"), on_delete=models.PROTECT,
                             related_name="news_articles")
    # Written by the standing body itself: approved from its draft, no unit leader confirms it.
    by_standing_body = models.BooleanField(default=False, editable=False)
    state = models.CharField(_("state"), max_length=32, choices=ArticleState.choices, default=ArticleState.DRAFT)
    state_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True, editable=False)
    # When the unit's leader confirmed it: the quarter it counts in for the unit's contribution.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)
    # Title and summary folded (tdkt.lib.vntext.fold): the portal's search matches words typed without diacritics
    # with one LIKE on SQLite and PostgreSQL alike.
    search_text = models.CharField(max_length=1400, editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "publish_at"]), models.Index(fields=["unit", "confirmed_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(state=ArticleState.APPROVED) | Q(publish_at__isnull=False),
                                   name="news_approved_has_publish_time"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.summary}")[:1400]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "summary"} & set(update_fields):
            kwargs["update_fields"] = set(update_fields) | {"search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.pk])

    def get_public_url(self):
        return reverse("news:public_article", args=[self.pk])

    def paragraphs(self) -> list[str]:
        """The body's paragraphs (separated by blank lines), for the pages to print as escaped text."""
        text = self.body.replace("\r\n", "\n")
        return [part.strip() for part in text.split("\n\n") if part.strip()]


def image_path(instance, filename: str) -> str:
    # A random name: the uploaded file's name is not published (it may carry a person's name or a place).
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "jpg"
    return f"news/{uuid.uuid4().hex}.{extension}"


class ArticleImage(models.Model):
    """A photo of an article, re-encoded without its metadata (tdkt.lib.images.publishable_image)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to=image_path, max_length=255)
    content_type = models.CharField(max_length=32)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    # The text read out instead of the photo (and printed under it).
    description = models.CharField(_("photo description"), max_length=300)
    sort_order = models.PositiveSmallIntegerField(default=0)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("article photo")
        verbose_name_plural = _("article photos")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.description


class ArticleStateChange(StateChange):
    """History of an article's states (tdkt.workflow: who, from, to, when, why)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        pass


class ContributionAsk(models.Model):
    """What a plan asks units to send for publication each quarter of a year (news items or exemplars, confirmed by
    the unit's leader): the units named, and every member of an emulation group in that year."""

    year = models.PositiveSmallIntegerField(_("year"))
    per_quarter = models.PositiveSmallIntegerField(_("number per quarter"), default=DEFAULT_PER_QUARTER)
    units = models.ManyToManyField("orgs.Unit", verbose_name=_("units asked"), blank=True, related_name="+")
    group = models.ForeignKey("orgs.EmulationGroup", verbose_name=_("emulation group"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("basis (plan)"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("contribution ask")
        verbose_name_plural = _("contribution asks")
        ordering = ["-year", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(per_quarter__gte=1), name="news_ask_at_least_one"),
        ]

    def __str__(self):
        return f"{self.year}: {self.per_quarter}"
