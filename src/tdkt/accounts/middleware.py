import ipaddress

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from tdkt.accounts import idle
from tdkt.accounts.access import API_TOKEN, PUBLIC, SIGNED_IN
from tdkt.accounts.scope import get_scope
from tdkt.lib.request_context import reset_current_ip, set_current_ip

# Django's admin carries its own staff check; it is for superuser repair work only.
_SELF_GUARDED_APPS = {"admin"}
# Set by the login view after the password step when the user must still give a TOTP code.
SESSION_PENDING_SECOND_FACTOR = "tdkt_pending_second_factor"


def _valid_ip(text: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((text or "").strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT trusted proxies, the entry of
    X-Forwarded-For that the outermost trusted proxy wrote (counted from the right: entries further left come
    from the client and can be forged). Sign-in lockout and the audit log both key on it."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = _valid_ip(forwarded[-proxies])
            if address:
                return address
    return _valid_ip(request.META.get("REMOTE_ADDR"))


class SecondFactorMiddleware:
    """Records the client IP for the audit log, and holds a password-only session at the TOTP step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_current_ip(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            reset_current_ip(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or getattr(view_func, "access", None) == PUBLIC:
            return None
        if request.session.get(SESSION_PENDING_SECOND_FACTOR):
            if getattr(view_func, "allowed_before_second_factor", False):
                return None
            return redirect("accounts:second_factor")
        # A password someone else chose (a new account, a reset by the standing body) is replaced first: until
        # then every page leads to the password change (tdkt.accounts.user_admin sets the flag).
        if request.user.must_change_password and not getattr(view_func, "allowed_before_password_change", False):
            return redirect("accounts:password_change")
        return None


class AccessDecisionMiddleware:
    """Deny by default: every view must carry an access decision (tdkt.accounts.access)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match and match.app_name in _SELF_GUARDED_APPS:
            return None
        access = getattr(view_func, "access", None)
        if access is None:
            raise PermissionDenied("No access decision for this view")
        if access in (PUBLIC, API_TOKEN):  # API views check their bearer token themselves
            return None
        if not request.user.is_authenticated:
            elsewhere = getattr(view_func, "anonymous_redirect", None)
            if elsewhere and settings.SESSION_COOKIE_NAME not in request.COOKIES:
                return redirect(elsewhere)  # a citizen at the site's root: the public portal (accounts.access)
            return idle.to_sign_in(request)  # back to this page (a POST: to its form's page) after signing in
        if access == SIGNED_IN:
            return None
        if get_scope(request.user).roles & access:
            return None
        raise PermissionDenied
