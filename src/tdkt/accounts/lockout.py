"""Failed sign-ins, counted and locked per (account, client address) by django-axes.

Why the pair and never the account alone: a lock on the account lets anyone lock `admin` or the signer out
with a few wrong guesses. A lock on the pair stops guessing from one address, while the owner signs in at
once from any other address. Why not the address alone: a commune office often reaches the server through
one NAT address, and one officer's typos must not lock the others out.

Progressive delays: the lock lasts LOGIN_LOCKOUT_MINUTES, doubled for every further LOGIN_MAX_FAILURES
failures from the same address (whatever accounts it tries), up to LOGIN_LOCKOUT_MAX_MINUTES, so an
address that sprays guesses over many accounts waits longer and longer.

Axes is configured in settings (AXES_*): its backend refuses a locked pair before the password is checked,
and Django's `user_login_failed` signal, sent by `authenticate` on every failure (unknown user or wrong
password alike), makes it count one more failure. Wrong TOTP codes are sent as the same signal here.
"""

import datetime
import math

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Sum
from django.utils import timezone

from tdkt.accounts.middleware import client_ip


def fold_username(username: str | None) -> str:
    """The key failures are counted under: user names are matched case-insensitively at sign-in, so "Admin"
    and "ADMIN" must share one count (otherwise changing the case would reset it)."""
    return (username or "").strip().casefold()[:255]


def attempted_username(request, credentials: dict | None = None) -> str:
    """AXES_USERNAME_CALLABLE: the user name of the attempt, folded."""
    if credentials and credentials.get("username") is not None:
        return fold_username(credentials["username"])
    data = getattr(request, "POST", None) or {}
    return fold_username(data.get("username"))


def _address_failures(address: str | None, now: datetime.datetime) -> int:
    if not address:
        return 0
    total = AccessAttempt.objects.filter(ip_address=address, expiration__expires_at__gt=now).aggregate(
        total=Sum("failures_since_start"))["total"]
    return total or 0


def cool_off_for(failures_from_address: int) -> datetime.timedelta:
    """How long a lock lasts, given the failures the address made recently (over every account)."""
    base = settings.LOGIN_LOCKOUT_MINUTES
    doublings = max(0, failures_from_address // settings.LOGIN_MAX_FAILURES - 1)
    minutes = base * 2 ** min(doublings, 20)  # 2**20: far past any cap, and no huge integer
    return datetime.timedelta(minutes=min(minutes, settings.LOGIN_LOCKOUT_MAX_MINUTES))


def cool_off(request=None) -> datetime.timedelta:
    """AXES_COOLOFF_TIME: the lock's length for this request's address (also the window failures count in)."""
    if request is None:
        return cool_off_for(0)
    return cool_off_for(_address_failures(client_ip(request), timezone.now()))


def remaining_lock(request, username: str) -> datetime.timedelta | None:
    """How long the (account, address) pair of this request stays locked; None when it is not locked."""
    address = client_ip(request)
    now = timezone.now()
    window = cool_off(request)
    attempts = AccessAttempt.objects.filter(username=fold_username(username), ip_address=address,
                                            attempt_time__gte=now - window)
    summary = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if (summary["failures"] or 0) < settings.LOGIN_MAX_FAILURES:
        return None
    return summary["last"] + window - now


def minutes_left(remaining: datetime.timedelta) -> int:
    return max(1, math.ceil(remaining.total_seconds() / 60))


def count_failure(request, username: str) -> bool:
    """Count one failure of this pair outside the password step (a wrong TOTP code); True when now locked."""
    request.axes_locked_out = False
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    return bool(getattr(request, "axes_locked_out", False))


def failures(request) -> int:
    """The pair's failure count as axes computed it for the last failure of this request."""
    return int(getattr(request, "axes_failures_since_start", 0) or 0)


def forget_failures(request, username: str) -> None:
    """The whole sign-in succeeded from this address: its failures for this account no longer count."""
    address = client_ip(request)
    if address:  # without an address the filter would match every address of the account
        AxesProxyHandler.reset_attempts(ip_address=address, username=fold_username(username))


def keep_sign_in_page(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the sign-in page already says the address must wait (in Vietnamese, the same for
    any user name), so axes' middleware keeps it instead of drawing its own English page."""
    return original_response
