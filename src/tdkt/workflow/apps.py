from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class WorkflowConfig(AppConfig):
    name = "tdkt.workflow"
    label = "workflow"
    verbose_name = "Workflow"

    def ready(self):
        # Every app declares its state machines in its `transitions` module; load them all so the
        # registry (generic pages, API actions, docs tables) knows every machine from the start.
        autodiscover_modules("transitions")
