from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationConfig(AppConfig):
    name = "tdkt.integration"
    label = "integration"
    verbose_name = _("Integration")

    def ready(self):
        # The decisions app announces a signing (tdkt.decisions.events.decision_signed) without knowing who
        # listens: it sits below this app. A person's save may release the messages held for want of an ID.
        from tdkt.integration import signals  # noqa: F401 - in ready(): connects the receivers once models are loaded
