from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "tdkt.dossiers"
    label = "dossiers"
    verbose_name = _("Nomination dossiers")
