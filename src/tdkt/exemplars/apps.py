from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    name = "tdkt.exemplars"
    label = "exemplars"
    verbose_name = _("Exemplars")
