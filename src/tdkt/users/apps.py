from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    """The users and roles screen of the standing body (Người dùng): accounts, memberships, resets."""

    name = "tdkt.users"
    verbose_name = _("Users")
