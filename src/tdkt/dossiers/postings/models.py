"""Public posting of nominees (công khai, NĐ152 Đ44.2) and the public's comments on them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.dossiers.postings.enums import CommentState, NoticeState
from tdkt.workflow.models import StateChange


class PostingPolicy(models.Model):
    """The province's parameters for public posting (one row, pk=1; edited by an administrator)."""

    # NĐ152 Đ44.2 [V]: the list is published ≥ 10 working days before the council meets.
    posting_working_days = models.PositiveSmallIntegerField(_("working days open for comments"), default=10)
    # Flood protection of the public comment form; provincial choice, not law.
    comments_per_hour_per_ip = models.PositiveSmallIntegerField(_("comments per hour from one address"), default=5)
    comments_per_hour_per_notice = models.PositiveSmallIntegerField(_("comments per hour on one notice"),
                                                                    default=120)

    class Meta:
        verbose_name = _("public posting settings")
        verbose_name_plural = _("public posting settings")

    def __str__(self):
        return str(_("public posting settings"))

    @classmethod
    def current(cls) -> "PostingPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class PublicNotice(models.Model):
    """A notice publishing nominees of one or several dossiers for the public's comments."""

    title = models.CharField(_("title"), max_length=500)
    introduction = models.TextField(_("introduction"), blank=True)
    nominations = models.ManyToManyField("dossiers.Nomination", verbose_name=_("nominees"),
                                         related_name="public_notices")
    state = models.CharField(_("state"), max_length=16, choices=NoticeState.choices, default=NoticeState.DRAFT,
                             db_index=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    ends_on = models.DateField(_("comments until"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state=NoticeState.DRAFT) | (Q(published_on__isnull=False) & Q(ends_on__isnull=False)),
                name="notice_published_has_period"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("published_on")),
                                   name="notice_period_in_order"),
        ]

    def __str__(self):
        return self.title


class NoticeStateChange(StateChange):
    """History of a notice's state (tdkt.workflow): who published or closed it, when."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        verbose_name = _("notice state change")
        verbose_name_plural = _("notice state changes")


class PublicComment(models.Model):
    """A comment sent by a member of the public about a notice (or one nominee of it)."""

    notice = models.ForeignKey(PublicNotice, verbose_name=_("notice"), on_delete=models.CASCADE,
                               related_name="comments")
    nomination = models.ForeignKey("dossiers.Nomination", verbose_name=_("nominee"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="public_comments")
    name = models.CharField(_("full name"), max_length=200)
    contact = models.CharField(_("address, phone or e-mail"), max_length=255)
    text = models.TextField(_("comment"), max_length=5000)
    submitted_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    # HMAC of the sender's address (never the address itself): enough to limit floods, not to trace anyone.
    ip_hash = models.CharField(max_length=64, db_index=True)
    state = models.CharField(_("state"), max_length=16, choices=CommentState.choices, default=CommentState.NEW,
                             db_index=True)
    handling_reason = models.TextField(_("handling"), blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handled by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    handled_on = models.DateField(_("handled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(state=CommentState.NEW) | ~Q(handling_reason=""),
                                   name="comment_handled_has_reason"),
            models.CheckConstraint(condition=~Q(state=CommentState.LED_TO_HOLD) | Q(nomination__isnull=False),
                                   name="comment_hold_names_a_nominee"),
        ]
        indexes = [models.Index(fields=["notice", "state"])]

    def __str__(self):
        return f"{self.name}: {self.text[:60]}"
