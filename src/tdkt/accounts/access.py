"""Access decisions for views. Deny by default: a view without one of these decorators is refused
by AccessDecisionMiddleware, and tests/test_access_map.py fails on any URL pattern without one."""

from collections.abc import Iterable

PUBLIC = "public"
SIGNED_IN = "signed_in"
API_TOKEN = "api_token"


def public(view):
    """Anyone, signed in or not (health check, login page, public portal)."""
    view.access = PUBLIC
    return view


def signed_in(view):
    """Any signed-in user; the view scopes what it shows to the user's units."""
    view.access = SIGNED_IN
    return view


def anonymous_goes_to(url_name: str):
    """On a signed-in view: a visitor who is not signed in (and sends no cookie of an expired session) is
    redirected to `url_name` instead of the sign-in page. The site's root sends citizens to the public portal;
    the view stays signed-in for everything else (the second-factor hold included)."""

    def decorator(view):
        view.anonymous_redirect = url_name
        return view

    return decorator


def api_token(view):
    """JSON API: the view authenticates a bearer token itself (401 without a valid one), then scopes
    by the token's user exactly as the HTML views do. No session, so no CSRF cookie is involved."""
    view.access = API_TOKEN
    return view


def roles_required(*roles: Iterable[str]):
    """Signed-in users holding at least one of these roles."""

    def decorator(view):
        view.access = frozenset(roles)
        return view

    return decorator
