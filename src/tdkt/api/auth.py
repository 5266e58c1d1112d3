"""Bearer-token authentication for the JSON API: the token's user becomes request.user, so every
domain function and scope check behaves exactly as for the same person in the browser.

An unknown or revoked token, or one whose user is inactive, is a 401 (nothing said about it); an expired
token, a token without the operation's scope, and a token over its rate limit are refused with a
Vietnamese reason (403, 403, 429), and the refusal is audited.

The rate limit is a fixed window of one minute kept in the token's row: one conditional UPDATE per request
counts the request, refuses it past the limit, and writes last use. It holds across several app servers
(the database is shared; a per-process cache would not be) and needs no cache service."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from tdkt.accounts.scope import get_scope
from tdkt.api.models import ApiToken, hash_token
from tdkt.api.scopes import allowed_scopes
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record

WINDOW_SECONDS = 60


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def _refuse(row: ApiToken, reason: str, message: str, **details) -> PermissionDenied:
    record(row.user, AuditAction.LOGIN_FAILED, row, changes={"api_refused": reason, **details})
    return PermissionDenied(message)


def count_request(row: ApiToken, now: datetime.datetime) -> None:
    """Count this request in the token's current window, or raise RateLimited (one UPDATE)."""
    limit = row.rate_limit or settings.API_RATE_LIMIT_PER_MINUTE
    seconds = int(now.timestamp())
    window = seconds // WINDOW_SECONDS
    counted = ApiToken.objects.filter(Q(pk=row.pk) & (~Q(rate_window=window) | Q(rate_count__lt=limit))).update(
        rate_count=Case(When(rate_window=window, then=F("rate_count") + 1), default=Value(1)),
        rate_window=window, last_used_at=now)
    if not counted:
        if row.rate_window == window and row.rate_count == limit:  # audit the first refusal of a window only
            ApiToken.objects.filter(pk=row.pk).update(rate_count=F("rate_count") + 1)
            record(row.user, AuditAction.LOGIN_FAILED, row, changes={"api_refused": "rate_limit", "limit": limit})
        raise RateLimited(WINDOW_SECONDS - seconds % WINDOW_SECONDS)


class TokenAuth(HttpBearer):
    """`TokenAuth("read:units")`: the operation needs that scope; `TokenAuth("read:x", write="write:x")`: GET and
    HEAD need the first, other methods the second; `TokenAuth()`: any valid token (the operation checks its own
    scope with require_scope)."""

    def __init__(self, scope: str | None = None, *, write: str | None = None):
        super().__init__()
        self.scope = scope
        self.write_scope = write

    def authenticate(self, request, token):
        row = (ApiToken.objects.select_related("user").filter(key_hash=hash_token(token), revoked_at__isnull=True)
               .first())
        if row is None or not row.user.is_active:
            return None
        now = timezone.now()
        if row.is_expired(now):
            raise _refuse(row, "expired", _("This API token expired on %(date)s; ask for a new one.") % {
                "date": timezone.localtime(row.expires_at).strftime("%d/%m/%Y %H:%M")})
        request.user = row.user
        request.api_token = row
        needed = self.write_scope if self.write_scope and request.method not in ("GET", "HEAD") else self.scope
        if needed:
            require_scope(request, needed)
        count_request(row, now)
        return row.user


def token_scopes(request) -> frozenset:
    """The token's scopes that its user's roles still allow (a role taken away takes its scopes with it)."""
    row = request.api_token
    return frozenset(row.scopes) & allowed_scopes(get_scope(row.user).roles)


def require_scope(request, scope: str) -> None:
    if scope not in token_scopes(request):
        raise _refuse(request.api_token, "scope", _("This API token does not have the scope %(scope)s.") % {
            "scope": scope}, scope=scope)


