from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "tdkt.plans"
    verbose_name = _("Plans")

    def ready(self):
        from tdkt.plans.jobs import register_jobs

        register_jobs()
        # The task's state machine (and its domain functions) are registered for the buttons, the API and the docs.
        from tdkt.plans import services, transitions  # noqa: F401
