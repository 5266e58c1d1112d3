from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "tdkt.awards"
    verbose_name = _("Awards")

    def ready(self):
        from tdkt.awards.imports.jobs import register_jobs  # in ready(): the job module imports models

        register_jobs()
