from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NomineesConfig(AppConfig):
    """Nominee entry of dossiers (form, list import, eligibility, quotas, list exports); no models of its own."""

    name = "tdkt.dossiers.nominees"
    label = "nominees"
    verbose_name = _("Nominees")
