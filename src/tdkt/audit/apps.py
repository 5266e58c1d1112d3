from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tdkt.audit"
    verbose_name = _("Audit log")

    def ready(self):
        from tdkt.audit.dbroles import grant_after_migrate  # models and connections need the app registry ready

        # Once per migrate (sender: this app), after every app's migrations: the owner grants the app role.
        post_migrate.connect(grant_after_migrate, sender=self, dispatch_uid="tdkt.audit.grant_app_role")
