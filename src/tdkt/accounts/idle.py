"""Idle expiry of signed-in sessions, told to the page before it strikes, and explained after.

A session lives SESSION_COOKIE_AGE seconds after the user's last request (8 hours by default). The page
(static/tdkt/session.js) asks session_status how long is left, warns SESSION_WARNING_SECONDS before the end,
and renews on "Tiếp tục làm việc". Asking must not count as activity, or an open tab would keep the session
alive for ever: IdleExpiryMiddleware marks activity on every request but the page's question (at most once a
minute), and only a marked (modified) session is saved, which is what moves its expiry forward.

After the end, the next request that needs a user goes to the sign-in page with a message, and `next` brings
the user back to the page; a POST comes back to the page the form was on (its Referer), never to the POST URL.
"""

from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

SESSION_ACTIVE_AT = "tdkt_active_at"  # epoch seconds of the user's last request (not counting status questions)
# A mark saves the session row: one database write per page. Marking at most once a minute spares the write on
# nearly every page (the load test's 50 users, bench/load.py) while the idle limit stays within a minute of
# SESSION_COOKIE_AGE, the warning included (both read the same mark).
ACTIVITY_RESOLUTION_SECONDS = 60


def mark_passive(request):
    """This request is the page asking about its session, not the user doing something.

    The answer for an ended session leaves the browser's (stale) session cookie alone: SessionMiddleware would
    delete it, and the next real request could no longer tell an expiry from a visitor who never signed in."""
    request.tdkt_passive = True
    if not request.user.is_authenticated:
        request.COOKIES.pop(settings.SESSION_COOKIE_NAME, None)


def mark_active(request):
    """The user did something: the idle time starts again (the session is saved with a fresh expiry)."""
    request.session[SESSION_ACTIVE_AT] = int(timezone.now().timestamp())


def mark_active_if_due(request):
    """mark_active, unless the last mark is less than ACTIVITY_RESOLUTION_SECONDS old."""
    if timezone.now().timestamp() - request.session.get(SESSION_ACTIVE_AT, 0) >= ACTIVITY_RESOLUTION_SECONDS:
        mark_active(request)


class IdleExpiryMiddleware:
    """Marks the session active on signed-in requests (once a minute at most) except the page's own questions.

    Sits inside SessionMiddleware (after it in MIDDLEWARE): the mark modifies the session, and SessionMiddleware
    then saves it with a fresh expiry. SESSION_SAVE_EVERY_REQUEST stays off for that reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # A refused request (CSRF, forbidden, missing) is no work done: only answered ones keep the session. An
        # API call is signed in by its token, not a session: it must not start one.
        if (user is not None and user.is_authenticated and response.status_code < 400
                and SESSION_KEY in request.session and not getattr(request, "tdkt_passive", False)):
            mark_active_if_due(request)
        return response


def seconds_left(request) -> int:
    """Seconds until the session's idle expiry, counted from the last marked request."""
    active_at = request.session.get(SESSION_ACTIVE_AT)
    if active_at is None:
        return settings.SESSION_COOKIE_AGE
    return max(0, int(active_at + settings.SESSION_COOKIE_AGE - timezone.now().timestamp()))


def draft_key(user) -> str:
    """The key of the user's drafts in the browser's storage: another account on the same browser never
    sees them, and the key says nothing about who the user is."""
    return salted_hmac("tdkt.accounts.idle.draft_key", str(user.pk), algorithm="sha256").hexdigest()[:20]


def status(request) -> dict:
    """What session.js needs: the time left, when to warn, where to renew, and its Vietnamese words."""
    if not request.user.is_authenticated:
        return {"signed_in": False}
    return {
        "signed_in": True,
        "expires_in": seconds_left(request),
        "warn_before": settings.SESSION_WARNING_SECONDS,
        "renew_url": reverse("accounts:session_renew"),
        "sign_in_url": reverse(settings.LOGIN_URL),
        "sign_out_url": reverse("accounts:logout"),
        "draft_key": draft_key(request.user),
        "texts": {
            "warning": _("Your session will expire in %(minutes)s minutes. Anything not saved will be kept "
                         "as a draft in this browser.") % {"minutes": "{minutes}"},
            "continue": _("Continue working"),
            "expired": _("Your session has expired. Sign in again to continue; what you were typing has "
                         "been kept."),
            "sign_in": _("Sign in again"),
            "draft_restored": _("A draft of this form, kept in this browser, has been restored."),
            "discard_draft": _("Discard the draft"),
        },
    }


def _form_page(request) -> str:
    """Where the user was: the page itself for a GET, the page the form was on (Referer) for a POST."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, require_https=request.is_secure()):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return reverse(settings.LOGIN_REDIRECT_URL)


def to_sign_in(request):
    """The redirect to sign-in for a request that needs a user; with a message when a session had expired
    (the browser still sends the cookie of a session the server no longer has)."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        messages.warning(request, _("Your session has expired, please sign in again; what you were typing has "
                                    "been kept."))
    return redirect(f"{reverse(settings.LOGIN_URL)}?next={quote(_form_page(request), safe='/')}")
