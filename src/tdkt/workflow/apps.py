from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules

from tdkt.workflow import agenda_version


class WorkflowConfig(AppConfig):
    name = "tdkt.workflow"
    label = "workflow"
    verbose_name = "Workflow"

    def ready(self):
        # Every app declares its state machines in its `transitions` module; load them all so the
        # registry (generic pages, API actions, docs tables) knows every machine from the start. The domain
        # functions (@MACHINE.implements) come with them: each `transitions` module imports theirs at its end,
        # except the dossier's, whose functions (tdkt.dossiers.workflow) use the sub-apps that sit above
        # tdkt.dossiers's own modules: an app's `workflow` module is loaded here too.
        autodiscover_modules("transitions", "workflow")
        agenda_version.connect()
