from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentralConfig(AppConfig):
    name = "tdkt.central"
    label = "central"
    verbose_name = _("State-level awards: proposals sent up and central decisions")
