from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "tdkt.dossiers"
    label = "dossiers"
    verbose_name = _("Nomination dossiers")

    def ready(self):
        from tdkt.dossiers.jobs import register_jobs

        register_jobs()
