from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "tdkt.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        # Every app declares its kinds of job in its `jobs` module (register(...) at module level); load them all
        # once the models are ready so the registry knows every kind from the start.
        autodiscover_modules("jobs")
