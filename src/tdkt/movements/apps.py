from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "tdkt.movements"
    label = "movements"
    verbose_name = _("Emulation movements")

    def ready(self):
        # The registration's state machine and its domain function are registered for the buttons, the API, the docs.
        from tdkt.movements import registrations, transitions  # noqa: F401
