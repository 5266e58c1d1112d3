from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostingsConfig(AppConfig):
    name = "tdkt.dossiers.postings"
    label = "postings"
    verbose_name = _("Public postings (công khai)")
