"""Issuing and revoking API tokens: the one place that checks scopes against the user's roles and audits."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import compute_scope
from tdkt.api.models import ApiToken
from tdkt.api.scopes import SCOPES, allowed_scopes, default_scopes
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record


def issue_token(user, name: str, *, by, scopes=None, expires_at=None, rate_limit=None) -> tuple[ApiToken, str]:
    """A token for `user` with `scopes` (None: the read scopes the user's roles allow). A scope the roles do not
    allow, or an expiry in the past, is refused with the reason."""
    roles = compute_scope(user).roles
    if scopes is None:
        scopes = default_scopes(roles)
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValidationError(_("Unknown scope: %(scopes)s. Known scopes: %(known)s.") % {
            "scopes": ", ".join(unknown), "known": ", ".join(SCOPES)})
    refused = sorted(set(scopes) - allowed_scopes(roles))
    if refused:
        raise ValidationError(_("The roles of %(user)s do not allow the scope %(scopes)s.") % {
            "user": user.username, "scopes": ", ".join(refused)})
    if not scopes:
        raise ValidationError(_("The roles of %(user)s allow no scope: the token would do nothing.") % {
            "user": user.username})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(_("The expiry must be in the future."))
    token, raw = ApiToken.issue(user, name, scopes=scopes, expires_at=expires_at, rate_limit=rate_limit)
    record(by, AuditAction.CREATE, token, changes={
        "user": user.username, "name": name, "scopes": token.scopes,
        "expires_at": expires_at.isoformat() if expires_at else None})
    return token, raw


def revoke_token(token: ApiToken, *, by) -> bool:
    """Revoke once (a second revocation changes nothing); returns whether this call revoked it."""
    now = timezone.now()
    if not ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now):
        return False
    token.revoked_at = now
    record(by, AuditAction.UPDATE, token, changes={"revoked_at": [None, now.isoformat()]})
    return True
