"""The Django admin is for the administrators' repair work only (it writes rows around the rules and the audit
of the screens). Anyone else signed in who opens /admin/ is sent to the users screen when he manages accounts
(the standing body: what it came for), else refused with the usual page — never to a second sign-in page
(issue 22: "the Sở Nội vụ specialist is bounced to the admin's sign-in")."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.accounts.user_rules import manager_for
from tdkt.accounts.views import sign_in


def is_administrator(user) -> bool:
    """A superuser, or a staff account holding the system administrator's role today."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or (user.is_staff and Role.SYSTEM_ADMIN in get_scope(user).roles)


def admin_has_permission(request) -> bool:
    return is_administrator(request.user)


def admin_login(request, extra_context=None):
    """The admin's login view: our one sign-in page for the anonymous; for a signed-in officer who is no
    administrator, the users screen or a refusal."""
    if not request.user.is_authenticated:
        return sign_in(request)
    if is_administrator(request.user):
        return redirect("admin:index")
    if manager_for(request.user).may_manage:
        return redirect("users:list")
    raise PermissionDenied


def install(site) -> None:
    site.has_permission = admin_has_permission
    site.login = admin_login
