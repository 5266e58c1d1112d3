from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from tdkt.awards import facts


class DossiersConfig(AppConfig):
    name = "tdkt.dossiers"
    label = "dossiers"
    verbose_name = _("Nomination dossiers")

    def ready(self):
        from tdkt.dossiers import verdicts  # in ready(): it loads the models, which exist once the registry is ready

        # A change of a recipient's facts refreshes the stored verdicts of their open lines (awards, below
        # dossiers in the layers, cannot call it).
        facts.subscribe(verdicts.facts_changed)
