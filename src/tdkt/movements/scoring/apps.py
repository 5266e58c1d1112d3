from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "tdkt.movements.scoring"
    label = "scoring"
    verbose_name = _("Scoring of clusters and blocks")

    def ready(self):
        # The round's state machine and its domain functions are registered for the buttons, the API and the docs.
        from tdkt.movements.scoring import services, transitions  # noqa: F401
