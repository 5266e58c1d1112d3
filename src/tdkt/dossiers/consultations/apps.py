from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "tdkt.dossiers.consultations"
    label = "consultations"
    verbose_name = _("Consultations (hiệp y)")

    def ready(self):
        # The state machine and its domain functions are registered for the buttons, the API and the docs.
        from tdkt.dossiers.consultations import services, transitions  # noqa: F401
