from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.decisions.certificates.render import default_layout, layout_to_config


def default_config():
    return layout_to_config(default_layout("A4"))


class CertificateTemplate(models.Model):
    """Where each field of a certificate goes on an issuing authority's pre-printed blank (phôi) or on plain
    A4/A3 (the certificate layout of the brief). A blank authority: the layout any authority may use."""

    name = models.CharField(_("name"), max_length=255)
    authority = models.ForeignKey("orgs.IssuingAuthority", verbose_name=_("issuing authority"), null=True,
                                  blank=True, on_delete=models.CASCADE, related_name="certificate_templates",
                                  help_text=_("Empty: usable by every authority."))
    award_types = models.ManyToManyField("awards.AwardType", verbose_name=_("used for"), blank=True,
                                         related_name="certificate_templates")
    config = models.JSONField(_("layout"), default=default_config)  # render.layout_to_config
    is_default = models.BooleanField(_("default template"), default=False)  # of its authority (or of all)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]

    def __str__(self):
        return self.name


class RegisterCounter(models.Model):
    """Last register number (số vào sổ) given in a year; taken under a row lock so numbers never repeat or skip."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("certificate register")
        verbose_name_plural = _("certificate registers")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Certificate(models.Model):
    """One printed certificate of a decision line, with its register number and public verification code."""

    line = models.OneToOneField("decisions.DecisionLine", verbose_name=_("decision line"), on_delete=models.PROTECT,
                                related_name="certificate")
    year = models.PositiveSmallIntegerField(_("year"))
    register_number = models.PositiveIntegerField(_("register number"))
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    template = models.ForeignKey(CertificateTemplate, verbose_name=_("template"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    print_count = models.PositiveIntegerField(_("times printed"), default=0)
    last_printed_at = models.DateTimeField(_("last printed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["year", "register_number"]
        constraints = [models.UniqueConstraint(fields=["year", "register_number"], name="certificate_register_unique")]

    def __str__(self):
        return f"{self.register_text} ({self.code_text})"

    @property
    def register_text(self) -> str:
        return f"{self.register_number:04d}/{self.year}"

    @property
    def code_text(self) -> str:
        """The code as printed and typed: two groups of four, "K7QF-2M9X"."""
        return f"{self.code[:4]}-{self.code[4:]}"
