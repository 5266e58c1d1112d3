"""Bearer-token authentication for the JSON API: the token's user becomes request.user, so every
domain function and scope check behaves exactly as for the same person in the browser."""

import datetime

from django.utils import timezone
from ninja.security import HttpBearer

from tdkt.api.models import ApiToken, hash_token

LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)  # write last_used_at at most this often


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        row = (ApiToken.objects.select_related("user").filter(key_hash=hash_token(token), revoked_at__isnull=True)
               .first())
        if row is None or not row.user.is_active:
            return None
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user
