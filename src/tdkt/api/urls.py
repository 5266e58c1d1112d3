"""URLs of the JSON API. Every ninja view gets the api_token access decision (deny by default still
holds: the token is checked by ninja's auth on each operation, and the schema/docs are public)."""

from django.urls import URLPattern

from tdkt.accounts.access import api_token, public
from tdkt.api.core import api
from tdkt.api.endpoints import actions, awards, consultations, dossiers, issued_decisions, me, register, statistics

api.add_router("", me.router)
api.add_router("", dossiers.router)
api.add_router("", consultations.router)
api.add_router("", register.units_router)
api.add_router("", register.persons_router)
api.add_router("", awards.router)
api.add_router("", issued_decisions.router)
api.add_router("", statistics.router)
api.add_router("", actions.router)  # last: its paths start with a parameter (the machine's name)

# The schema, its documentation page, and ninja's root (a 404 outside DEBUG; the schema reverses it for the prefix).
PUBLIC_VIEWS = {"openapi-json", "openapi-view", "api-root"}


def _with_access_decisions(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            (public if pattern.name in PUBLIC_VIEWS else api_token)(pattern.callback)
    return patterns


_patterns, _app_name, _namespace = api.urls
app_name = "api"
urlpatterns = _with_access_decisions(list(_patterns))
