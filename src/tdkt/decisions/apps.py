from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "tdkt.decisions"
    label = "decisions"
    verbose_name = _("Decisions")

    def ready(self):
        from tdkt.decisions import services  # noqa: F401  (declares the machine, registers its domain functions)
        from tdkt.decisions.jobs import register_jobs  # in ready(): the job module imports models

        register_jobs()
