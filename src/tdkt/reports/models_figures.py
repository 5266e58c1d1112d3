"""Stored dashboard figures and the register's change marks they are checked against.

Counting the register's awards for a dashboard reads every record of ten statistical years (a million at
provincial scale: about a second). Those figures change only when the register does, so they are stored
(StoredFigures) with the register's version (tdkt.reports.register.register_version), and counted again only
when that version has moved. The version moves through database triggers (migration 0005), not application
code: every path that changes a record, a person's unit, gender, ethnicity or group, a household's unit, a
unit's area flags or an award type's name or level moves it, bulk operations included."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterChange(models.Model):
    """A mark of a change to what the figures count (PostgreSQL: a row inserted per statement or changed row,
    so concurrent writers never wait on each other; SQLite, one writer at a time: one row whose serial is
    incremented). Written by the triggers only."""

    serial = models.BigIntegerField(default=1)

    class Meta:
        verbose_name = _("register change")
        verbose_name_plural = _("register changes")

    def __str__(self):
        return f"{self.pk}.{self.serial}"


class StoredFigures(models.Model):
    """Figures computed for one key (a dashboard's awards for a unit or the province and a statistical year),
    valid while the register's version equals `version`."""

    key = models.CharField(max_length=100, unique=True)
    version = models.CharField(max_length=100)
    data = models.JSONField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stored figures")
        verbose_name_plural = _("stored figures")

    def __str__(self):
        return self.key
