from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from tdkt.lib.forms import install_input_hygiene


class CoreConfig(AppConfig):
    name = "tdkt.core"
    verbose_name = _("Core")

    def ready(self):
        install_input_hygiene()  # every text and date form field of the project: tdkt.lib.forms
