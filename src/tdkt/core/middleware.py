"""Project-wide middleware: no caching of signed-in responses, and storage failures as a message.

Nearly every page behind sign-in shows personal data (names, citizen IDs, birth dates, dossiers), and so
do the files they link to (exports, evidence, certificates). The honest rule is the simple one: every
response to a signed-in session or to an API token gets ``Cache-Control: no-store`` (with ``Pragma:
no-cache`` for HTTP/1.0 proxies), whatever the view set. Static files never reach this middleware
(runserver and WhiteNoise answer them first) and the anonymous portal pages keep their caching.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers

from tdkt.lib.storage import StorageUnavailable


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


class StorageErrorMiddleware:
    """A storage failure that no view caught: the message on the page sent (POST: back to it), never an HTTP 500.

    Most views put tdkt.lib.storage.StorageUnavailable on their form themselves; this is the net under the rest.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageUnavailable):
            return None
        message = exception.messages[0]
        if request.method == "POST":
            messages.error(request, message)
            return redirect(request.get_full_path())
        return render(request, "core/storage_error.html", {"message": message}, status=503)
