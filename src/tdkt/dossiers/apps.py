from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "tdkt.dossiers"
    label = "dossiers"
    verbose_name = _("Nomination dossiers")

    def ready(self):
        from tdkt.dossiers.jobs import register_jobs

        register_jobs()
        # The declared machines (DOSSIER, NOMINATION) and their domain functions, registered by import.
        from tdkt.dossiers import line_decisions, transitions, workflow  # noqa: F401
