from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from tdkt.lib.portal_sections import ContributionKind, Section, register_contribution, register_section


class ExemplarsConfig(AppConfig):
    name = "tdkt.exemplars"
    label = "exemplars"
    verbose_name = _("Exemplars")

    def ready(self):
        from tdkt.exemplars import queries, transitions  # noqa: F401 - in ready(): they load the models; transitions declares the machine for the home's agenda

        register_section(Section("exemplars", _("Exemplars"), "exemplars:public_list", order=40,
                                 search=queries.portal_search))
        register_contribution(ContributionKind("exemplars", _("Exemplars"), queries.confirmed_counts))
