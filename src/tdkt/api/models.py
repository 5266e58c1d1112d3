import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import compute_scope
from tdkt.api.scopes import allowed_scopes

TOKEN_PREFIX_LENGTH = 8


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for an integrated system (e.g. the province's document system), acting as one user.

    Only the SHA-256 of the token is stored; the token itself is shown once, when it is made. Its scopes
    (tdkt.api.scopes) narrow what the user may do through it; it stops working when it expires or is revoked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("acts as"), on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=TOKEN_PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    # Requests per minute; null: settings.API_RATE_LIMIT_PER_MINUTE.
    rate_limit = models.PositiveIntegerField(_("requests per minute"), null=True, blank=True)
    # The fixed-window rate limit (tdkt.api.auth): the minute (Unix time // 60) being counted, and its requests.
    rate_window = models.BigIntegerField(default=0, editable=False)
    rate_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str, *, scopes=None, expires_at=None, rate_limit=None) -> tuple["ApiToken", str]:
        """A new token for `user`; returns (token row, the raw token to hand over once). Without `scopes`, every
        scope the user's roles allow (as tokens made before scopes existed); tdkt.api.tokens.issue_token is the
        audited way, which checks the scopes asked for."""
        if scopes is None:
            scopes = allowed_scopes(compute_scope(user).roles)
        raw = "tdkt_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[5:5 + TOKEN_PREFIX_LENGTH], key_hash=hash_token(raw),
                                   scopes=sorted(scopes), expires_at=expires_at, rate_limit=rate_limit)
        return token, raw

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())
