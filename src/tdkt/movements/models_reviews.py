"""A movement's review (sơ kết / tổng kết): an award round of its own (a call for dossiers tied to the
movement), the report built from the data, and the decisions that came of it (read through the awards of the
round's dossiers, never copied)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.movements.enums import ReviewKind


class MovementReview(models.Model):
    movement = models.ForeignKey("movements.Movement", on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=16, choices=ReviewKind.choices)
    held_on = models.DateField(_("review date"))
    period_from = models.DateField(_("period reviewed from"))
    period_to = models.DateField(_("period reviewed to"))
    # The award round: dossiers proposing awards at this review are sent to this call.
    call = models.OneToOneField("dossiers.DossierCall", verbose_name=_("award round"), on_delete=models.PROTECT,
                                related_name="movement_review")
    # The dated step on the movement's calendar (reminders and the yearly figures count milestones).
    milestone = models.OneToOneField("movements.Milestone", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="review")
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("movement review")
        verbose_name_plural = _("movement reviews")
        ordering = ["movement", "held_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_to__gte=models.F("period_from")),
                                   name="movement_review_period_in_order"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"
