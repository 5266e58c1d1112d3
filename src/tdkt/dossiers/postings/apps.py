from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostingsConfig(AppConfig):
    name = "tdkt.dossiers.postings"
    label = "postings"
    verbose_name = _("Public postings (công khai)")

    def ready(self):
        # The state machine and its domain functions are registered for the buttons, the API and the docs.
        from tdkt.dossiers.postings import services, transitions  # noqa: F401
