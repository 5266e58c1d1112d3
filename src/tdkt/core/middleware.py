"""Responses to a signed-in user are never stored by a browser or a proxy.

Nearly every page behind sign-in shows personal data (names, citizen IDs, birth dates, dossiers), and so
do the files they link to (exports, evidence, certificates). The honest rule is the simple one: every
response to a signed-in session or to an API token gets ``Cache-Control: no-store`` (with ``Pragma:
no-cache`` for HTTP/1.0 proxies), whatever the view set. Static files never reach this middleware
(runserver and WhiteNoise answer them first) and the anonymous portal pages keep their caching.
"""

from django.utils.cache import add_never_cache_headers


class NoStoreForSignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _signed_in(request):
            # A view's own "public" or "max-age" must not survive: add_never_cache_headers overrides both.
            response.headers.pop("Cache-Control", None)
            add_never_cache_headers(response)
            response["Pragma"] = "no-cache"
        return response


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)  # absent when an earlier middleware answered (e.g. a bad Host)
    if user is not None and user.is_authenticated:
        return True
    return "HTTP_AUTHORIZATION" in request.META  # API tokens: ninja authenticates per operation
