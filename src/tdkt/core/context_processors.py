from django.conf import settings

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, UNIT_ROLES, Role
from tdkt.accounts.scope import get_scope
from tdkt.core import guide, navigation


def _page(request) -> tuple[str, str]:
    """(namespace, url name) of the page being shown; empty on a page no URL resolved to (404)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "", ""
    return match.namespace or "", match.url_name or ""


def shell(request):
    """Site name, the menu the user's roles allow, the page's breadcrumb section and its guide section."""
    user = getattr(request, "user", None)
    scope = get_scope(user) if user is not None else None
    namespace, url_name = _page(request)
    menu = navigation.menu_for(scope.roles, namespace, url_name) if user is not None and user.is_authenticated else []
    section = next((link for group in menu for link in group.links if link.current), None)
    return {
        "site_name": settings.SITE_NAME,
        "province_name": settings.PROVINCE_NAME,
        "scope": scope,
        "is_admin": bool(scope and Role.SYSTEM_ADMIN in scope.roles),
        "is_province": bool(scope and scope.roles & PROVINCE_WIDE_ROLES),
        "is_unit_officer": bool(scope and scope.roles & UNIT_ROLES),  # the menu's unit workspace
        "menu": menu,
        "menu_section": section,
        "help_url": guide.help_url(namespace, url_name),
    }
