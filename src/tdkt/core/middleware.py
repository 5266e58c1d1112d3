from django.contrib import messages
from django.shortcuts import redirect, render

from tdkt.lib.storage import StorageUnavailable


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
