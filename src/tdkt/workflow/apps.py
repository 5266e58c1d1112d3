from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "tdkt.workflow"
    label = "workflow"
    verbose_name = "Workflow"
