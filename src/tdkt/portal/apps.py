from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Public pages (no sign-in): published decisions and certificate verification; no models of its own."""

    name = "tdkt.portal"
    label = "portal"
    verbose_name = _("Public portal")
