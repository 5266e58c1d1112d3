"""django-axes' app config under a Vietnamese name (its own module: two AppConfig classes in accounts/apps.py
would stop Django from picking AccountsConfig for "tdkt.accounts")."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class SignInProtectionConfig(AxesAppConfig):
    """django-axes under a Vietnamese name in the administrator's pages (axes itself has no verbose name)."""

    verbose_name = _("Sign-in protection")
