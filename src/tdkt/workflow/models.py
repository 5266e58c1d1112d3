"""The one history model: every aggregate with states keeps its transitions in a table of this shape."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StateChange(models.Model):
    """One transition of one object: who (`by`, or `by_name` for a command), from, to, when, why, and
    whatever else the transition wants kept (`extra`). Append-only; written only by
    tdkt.workflow.primitive.change_state. Concrete models add the foreign key to their aggregate."""

    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.PROTECT, related_name="+")
    by_name = models.CharField(_("by"), max_length=150, blank=True)  # a command's name when no user acted
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    extra = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class AgendaVersion(models.Model):
    """One row: a number raised after every commit that may change what waits for someone ("Việc của tôi"), so
    each process knows when the agendas it keeps are out of date (tdkt.workflow.agenda_version)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("agenda version")

    def __str__(self):
        return str(self.value)
