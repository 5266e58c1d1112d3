from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from tdkt.lib.portal_sections import ContributionKind, Section, register_contribution, register_section


class NewsConfig(AppConfig):
    name = "tdkt.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        # The portal shows a "Tin tức" section and searches it; the tracker counts confirmed articles. Both are
        # registries below the portal (tdkt.lib.portal_sections), so the portal imports nothing of this app.
        from tdkt.news import queries, transitions  # noqa: F401 - in ready(): they load the models, which exist once the registry is ready

        register_section(Section("news", _("News"), "news:public_list", order=50, search=queries.search))
        register_contribution(ContributionKind("news", _("News items"), queries.confirmed_counts))
