"""Error pages that Django would otherwise render itself, in English: the CSRF failure (settings.CSRF_FAILURE_VIEW).

403, 404, 400 and 500 need no view of ours: Django's handlers render templates/403.html, 404.html, 400.html and
500.html (the 500 page with no context and no database, templates/500.html is plain HTML)."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent from a page that is too old (the token changed at sign-in or sign-out) or without the cookie.
    Django's reason is English and technical: it is logged by the middleware, not shown."""
    return render(request, "403_csrf.html", status=403)
