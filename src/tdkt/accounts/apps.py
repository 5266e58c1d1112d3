from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tdkt.accounts"
    verbose_name = _("Users and roles")

    def ready(self):
        from tdkt.accounts import signals  # noqa: F401 - in ready(): connects the receivers once models are loaded

