from django.conf import settings

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, UNIT_ROLES, Role
from tdkt.accounts.scope import get_scope


def shell(request):
    """Site name and the navigation the user's roles allow."""
    scope = get_scope(request.user) if hasattr(request, "user") else None
    return {
        "site_name": settings.SITE_NAME,
        "province_name": settings.PROVINCE_NAME,
        "scope": scope,
        "is_admin": bool(scope and Role.SYSTEM_ADMIN in scope.roles),
        "is_province": bool(scope and scope.roles & PROVINCE_WIDE_ROLES),
        "is_unit_officer": bool(scope and scope.roles & UNIT_ROLES),  # the menu's unit workspace
    }
