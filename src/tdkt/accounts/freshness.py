"""A fresh second factor for the steps that commit the signer (approving a decision for signing, taking its
number): the time of the last TOTP verification is kept in the session — at sign-in and at each re-entry —
and such a step asks for the code again once it is older than SIGNER_FRESH_SECOND_FACTOR_MINUTES."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from tdkt.accounts import services

SESSION_SECOND_FACTOR_AT = "tdkt_second_factor_at"


def mark_verified(request) -> None:
    """Record in the session that the user has just given a valid TOTP code."""
    request.session[SESSION_SECOND_FACTOR_AT] = timezone.now().timestamp()


def verified_at(request) -> datetime.datetime | None:
    stamp = request.session.get(SESSION_SECOND_FACTOR_AT)
    if stamp is None:
        return None
    return datetime.datetime.fromtimestamp(float(stamp), tz=datetime.UTC)


def is_fresh(request, *, now: datetime.datetime | None = None) -> bool:
    """True when the last TOTP verification of this session is younger than the setting."""
    at = verified_at(request)
    if at is None:
        return False
    limit = datetime.timedelta(minutes=settings.SIGNER_FRESH_SECOND_FACTOR_MINUTES)
    return (now or timezone.now()) - at <= limit


def confirm(request, code: str) -> bool:
    """Check a re-entered code (each code is accepted once); on success the session is fresh again.
    A wrong code counts as a failed sign-in attempt (lockout), as at sign-in."""
    user = request.user
    if not user.has_second_factor:
        return False
    if services.verify_totp(user, code):
        mark_verified(request)
        return True
    services.second_factor_failed(request, user)
    return False
