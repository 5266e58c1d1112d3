"""Sign-in with lockout per (account, address) (tdkt.accounts.lockout), and the TOTP second factor."""

import datetime
from dataclasses import dataclass

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt.accounts import lockout
from tdkt.accounts.enums import SECOND_FACTOR_REQUIRED_ROLES
from tdkt.accounts.models import User
from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record


@dataclass
class SignInResult:
    user: User | None
    error: str = ""
    locked: bool = False  # the (account, address) pair is locked: the view answers 429


def generic_error() -> str:
    """One message for an unknown user name and a wrong password, so neither tells whether an account exists."""
    return _("Wrong user name or password.")


def locked_message(remaining: datetime.timedelta) -> str:
    """Names the address and the wait, never the account: an unknown user name locks the same way."""
    minutes = lockout.minutes_left(remaining)
    return ngettext(
        "Too many failed sign-ins from this address. Try again in %(minutes)s minute.",
        "Too many failed sign-ins from this address. Try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


def _locked(request, username: str) -> SignInResult:
    remaining = lockout.remaining_lock(request, username) or datetime.timedelta(minutes=1)
    return SignInResult(None, locked_message(remaining), locked=True)


def _audit_failure(username: str, account: User | None, changes: dict) -> None:
    if account is None:
        record(username[:150], AuditAction.LOGIN_FAILED, changes={"username": username[:150]} | changes,
               object_type="accounts.user", object_repr=username[:150])
    else:
        record(username[:150], AuditAction.LOGIN_FAILED, account, changes=changes)


def _audit_lock(username: str, account: User | None, request) -> None:
    minutes = lockout.minutes_left(lockout.remaining_lock(request, username) or datetime.timedelta(0))
    if account is None:
        record(username[:150], AuditAction.LOCKED, changes={"username": username[:150], "minutes": minutes},
               object_type="accounts.user", object_repr=username[:150])
    else:
        record(username[:150], AuditAction.LOCKED, account, changes={"minutes": minutes})


def sign_in(request, username: str, password: str) -> SignInResult:
    """Check the password; failures are counted per (account, address) and lock that pair only (lockout)."""
    username = username.strip()
    account = User.objects.filter(username__iexact=username).first()
    was_locked = lockout.remaining_lock(request, username) is not None
    # Axes' backend refuses a locked pair before the password is checked; either way a refusal sends
    # user_login_failed, which counts the failure (a try during the lock prolongs it).
    user = authenticate(request, username=account.username if account else username, password=password)
    if user is not None:
        if not second_factor_required(user):
            lockout.forget_failures(request, username)
        return SignInResult(user)
    if was_locked:
        _audit_failure(username, account, {"reason": "locked"})
        return _locked(request, username)
    _audit_failure(username, account, {"failures": lockout.failures(request)})
    if getattr(request, "axes_locked_out", False):
        _audit_lock(username, account, request)
        return _locked(request, username)
    return SignInResult(None, generic_error())


def second_factor_failed(request, user: User) -> SignInResult:
    """A wrong TOTP code counts like a wrong password, for the same (account, address) pair.

    Returns a result without a user when the pair is now locked.
    """
    now_locked = lockout.count_failure(request, user.username)
    record(user.username, AuditAction.LOGIN_FAILED, user,
           changes={"failures": lockout.failures(request), "step": "second_factor"})
    if now_locked:
        _audit_lock(user.username, user, request)
        return _locked(request, user.username)
    return SignInResult(user)


def second_factor_locked(request, user: User) -> SignInResult | None:
    """Refuse the TOTP step while the pair is locked (the password step passed before the lock)."""
    if lockout.remaining_lock(request, user.username) is None:
        return None
    return _locked(request, user.username)


def second_factor_passed(request, user: User) -> None:
    lockout.forget_failures(request, user.username)


def record_password_change(user: User) -> None:
    """The holder chose a new password: a temporary one given by the standing body no longer needs replacing."""
    changes = {"password": ["***", "***"]}
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        changes["must_change_password"] = [True, False]
    record(user, AuditAction.UPDATE, user, changes=changes)


def second_factor_required(user: User) -> bool:
    """Administrators, the province's signers, and whoever holds a signer's post today (a director, a commune
    chairman: orgs.SignerPost, reached through its reverse relation) — and anyone who enrolled one."""
    if user.has_second_factor or get_scope(user).roles & SECOND_FACTOR_REQUIRED_ROLES:
        return True
    today = timezone.localdate()
    return user.signer_posts.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today), valid_from__lte=today).exists()


def new_totp_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=settings.SITE_NAME)


TOTP_WINDOW = 1  # accept the previous and next 30-second step too (clock drift of phones)


def matching_step(secret: str, code: str, at: datetime.datetime | None = None) -> int | None:
    """The time step whose code this is, within the window, or None."""
    code = (code or "").replace(" ", "")
    if not (secret and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    now = at or timezone.now()
    current = totp.timecode(now)
    for step in range(current - TOTP_WINDOW, current + TOTP_WINDOW + 1):
        if totp.generate_otp(step) == code:
            return step
    return None


def verify_totp(user: User, code: str) -> bool:
    """Check a code of an enrolled user; each code is accepted once."""
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=user.pk)
        step = matching_step(account.totp_secret, code)
        if step is None or (account.totp_last_step is not None and step <= account.totp_last_step):
            return False
        account.totp_last_step = step
        account.save(update_fields=["totp_last_step"])
        return True


def confirm_second_factor(user: User, secret: str, code: str, *, by) -> bool:
    """Enrol a TOTP secret once the user proves their app produces valid codes."""
    step = matching_step(secret, code)
    if step is None:
        return False
    with transaction.atomic():
        user.totp_secret = secret
        user.totp_confirmed_at = timezone.now()
        user.totp_last_step = step
        user.save(update_fields=["totp_secret", "totp_confirmed_at", "totp_last_step"])
        record(by, AuditAction.UPDATE, user, changes={"second_factor": [None, "enrolled"]})
    return True
