"""Sign-in with lockout, and the TOTP second factor."""

import datetime
from dataclasses import dataclass

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.enums import SECOND_FACTOR_REQUIRED_ROLES
from tdkt.accounts.models import User
from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record


@dataclass
class SignInResult:
    user: User | None
    error: str = ""


def _locked_message(until: datetime.datetime) -> str:
    local = timezone.localtime(until)
    return _("This account is locked after too many failed sign-ins. Try again after %(time)s.") % {
        "time": local.strftime("%H:%M %d/%m/%Y")
    }


def sign_in(request, username: str, password: str) -> SignInResult:
    """Check the password, counting failures; lock the account after LOGIN_MAX_FAILURES in a row."""
    generic_error = _("Wrong user name or password.")
    with transaction.atomic():
        account = User.objects.select_for_update().filter(username__iexact=username.strip()).first()
        now = timezone.now()
        if account is not None and account.locked_until and account.locked_until > now:
            record(username, AuditAction.LOGIN_FAILED, account, changes={"reason": "locked"})
            return SignInResult(None, _locked_message(account.locked_until))
        user = authenticate(request, username=account.username if account else username, password=password)
        if user is not None:
            if user.failed_logins or user.locked_until:
                user.failed_logins = 0
                user.locked_until = None
                user.save(update_fields=["failed_logins", "locked_until"])
            return SignInResult(user)
        if account is None:
            record(username[:150], AuditAction.LOGIN_FAILED, changes={"username": username[:150]},
                   object_type="accounts.user", object_repr=username[:150])
            return SignInResult(None, generic_error)
        result = _count_failure(account, username)
        return SignInResult(None, result.error or generic_error)


def _count_failure(account: User, username: str, *, step: str = "") -> SignInResult:
    """One more failure for a known account; lock it when the limit is reached. Call inside a transaction."""
    account.failed_logins += 1
    changes = {"failed_logins": account.failed_logins} | ({"step": step} if step else {})
    record(username, AuditAction.LOGIN_FAILED, account, changes=changes)
    fields = ["failed_logins"]
    if account.failed_logins >= settings.LOGIN_MAX_FAILURES:
        account.locked_until = timezone.now() + datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        account.failed_logins = 0
        fields.append("locked_until")
        record(username, AuditAction.LOCKED, account, changes={"locked_until": str(account.locked_until)})
    account.save(update_fields=fields)
    if account.locked_until and account.locked_until > timezone.now():
        return SignInResult(None, _locked_message(account.locked_until))
    return SignInResult(account)


def second_factor_failed(user: User) -> SignInResult:
    """A wrong TOTP code counts like a wrong password: audited, and the account locks at the limit.

    Returns a result without a user when the account is now locked.
    """
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=user.pk)
        return _count_failure(account, account.username, step="second_factor")


def second_factor_passed(user: User) -> None:
    if user.failed_logins:
        User.objects.filter(pk=user.pk).update(failed_logins=0)


def record_password_change(user: User) -> None:
    record(user, AuditAction.UPDATE, user, changes={"password": ["***", "***"]})


def second_factor_required(user: User) -> bool:
    return user.has_second_factor or bool(get_scope(user).roles & SECOND_FACTOR_REQUIRED_ROLES)


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
