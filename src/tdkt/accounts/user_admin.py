"""Audited writes of the users screen (tdkt.users): accounts, memberships, passwords, second factor, unlock.

Each function checks the actor's right (tdkt.accounts.user_rules), changes the rows in one transaction and
writes one audit row in it. A password chosen here is temporary: it is returned once, to be shown once, and
the holder must replace it at the next sign-in (User.must_change_password).
"""

from __future__ import annotations

import datetime
import secrets

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.enums import Role
from tdkt.accounts.lockout import fold_username
from tdkt.accounts.models import Membership, User
from tdkt.accounts.user_rules import check_grant, check_not_self, manager_for
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record

# Letters and digits that cannot be misread when copied from the screen (no 0/O, 1/l/I).
_LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
_DIGITS = "23456789"
TEMPORARY_PASSWORD_LETTERS = 10  # entropy ~56 bits with the digits: enough for a password that lives until first use


def temporary_password() -> str:
    """"kHq-mTwp-Rz-4827" style: letters, digits and a dash, so it meets the password validators."""
    letters = "".join(secrets.choice(_LETTERS) for _ in range(TEMPORARY_PASSWORD_LETTERS))
    digits = "".join(secrets.choice(_DIGITS) for _ in range(4))
    return f"{letters[:3]}-{letters[3:7]}-{letters[7:]}-{digits}"


def _clean_details(full_name: str, email: str, phone: str) -> dict:
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ValidationError({"full_name": _("Full name: enter the person's full name.")})
    phone = (phone or "").strip()
    if phone and not all(ch.isdigit() or ch in "+ .-" for ch in phone):
        raise ValidationError({"phone": _("Phone: only digits, spaces and + . - are allowed.")})
    family, _sep, given = full_name.partition(" ")
    # first/last kept in step for what reads them (Django's admin); the full name is what every page shows
    return {"full_name": full_name, "last_name": family[:150], "first_name": given[:150],
            "email": (email or "").strip(), "phone": phone}


@transaction.atomic
def create_user(*, by, username: str, full_name: str, email: str = "", phone: str = "",
                role: str = "", unit=None, valid_from: datetime.date | None = None) -> tuple[User, str]:
    """A new account with a temporary password (returned, shown once). A leader's account must come with its
    clerk's membership (he manages no account without one); the standing body may add memberships later."""
    manager = manager_for(by)
    if not manager.may_manage:
        raise ValidationError(_("You may not create accounts."))
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": _("User name: enter the name the person signs in with.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("User name: “%(name)s” is already taken.") % {"name": username}})
    if not manager.province_wide and not (role and unit):
        raise ValidationError({"role": _("Role: choose the role and the unit of the new account.")})
    if role or unit:
        if not (role and unit):
            raise ValidationError({"unit" if role else "role": _("Role and unit: choose both, or neither.")})
        check_grant(by, role, unit)
    password = temporary_password()
    user = User(username=username, must_change_password=True, **_clean_details(full_name, email, phone))
    user.set_password(password)
    user.save()
    record(by, AuditAction.CREATE, user, changes={"after": {
        "username": username, "full_name": user.full_name, "email": user.email, "phone": user.phone,
        "must_change_password": True}})
    if role:
        _add_membership(user, by=by, role=role, unit=unit, valid_from=valid_from)
    return user, password


@transaction.atomic
def update_user(user: User, *, by, full_name: str, email: str = "", phone: str = "") -> None:
    details = _clean_details(full_name, email, phone)
    before = {key: getattr(user, key) for key in ("full_name", "email", "phone")}
    for key, value in details.items():
        setattr(user, key, value)
    user.save(update_fields=list(details))
    changes = {key: [before[key], details[key]] for key in before if before[key] != details[key]}
    if changes:
        record(by, AuditAction.UPDATE, user, changes=changes)


@transaction.atomic
def set_active(user: User, *, by, active: bool) -> None:
    """Deactivate (the account can no longer sign in; its sessions end at their next request) or reactivate."""
    check_not_self(by, user)
    if user.is_active == active:
        return
    User.objects.filter(pk=user.pk).update(is_active=active)
    user.is_active = active
    record(by, AuditAction.UPDATE, user, changes={"is_active": [not active, active]})


@transaction.atomic
def reset_password(user: User, *, by) -> str:
    """A new temporary password, returned to be shown once; the holder chooses his own at the next sign-in."""
    check_not_self(by, user)
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    record(by, AuditAction.UPDATE, user, changes={"password": ["***", "***"], "must_change_password": True})
    return password


@transaction.atomic
def reset_second_factor(user: User, *, by) -> None:
    """Forget the authenticator (a lost phone): the holder enrols a new one at the next sign-in if his role
    needs one."""
    check_not_self(by, user)
    enrolled = user.has_second_factor
    user.totp_secret, user.totp_confirmed_at, user.totp_last_step = "", None, None
    user.save(update_fields=["totp_secret", "totp_confirmed_at", "totp_last_step"])
    record(by, AuditAction.UPDATE, user, changes={"second_factor": ["enrolled" if enrolled else None, None]})


def failed_sign_ins(user: User) -> int:
    """Failures django-axes still counts for this account, over every address (one query)."""
    return AccessAttempt.objects.filter(username=fold_username(user.username)).aggregate(
        total=Sum("failures_since_start"))["total"] or 0


def is_locked(user: User) -> bool:
    """Some (account, address) pair of this account has reached the limit (tdkt.accounts.lockout)."""
    return AccessAttempt.objects.filter(username=fold_username(user.username),
                                        failures_since_start__gte=settings.LOGIN_MAX_FAILURES).exists()


@transaction.atomic
def unlock(user: User, *, by) -> int:
    """Forget the account's failed sign-ins from every address (the locks lift at once). Returns the failures."""
    check_not_self(by, user)
    folded = fold_username(user.username)
    failures = failed_sign_ins(user)
    if folded:  # an empty name would reset every account's attempts
        AxesProxyHandler.reset_attempts(username=folded)
    record(by, AuditAction.UPDATE, user, changes={"failures": failures, "locked": [True, False]})
    return failures


def _check_membership(role: str, unit, emulation_group, valid_from, valid_to) -> None:
    if unit is None:
        raise ValidationError({"unit": _("Unit: choose the unit of the role.")})
    if role == Role.GROUP_HEAD and emulation_group is None:
        raise ValidationError({"emulation_group": _("Emulation group: the head of a group needs its group.")})
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError({"valid_to": _("Valid to: the date is before the start date.")})


def _add_membership(user, *, by, role, unit, council=None, emulation_group=None, valid_from=None, valid_to=None):
    check_grant(by, role, unit)
    _check_membership(role, unit, emulation_group, valid_from, valid_to)
    valid_from = valid_from or timezone.localdate()
    existing = Membership.objects.select_for_update().filter(user=user, role=role, unit=unit).first()
    if existing is not None:
        today = timezone.localdate()
        if existing.valid_to is None or existing.valid_to >= today:
            raise ValidationError({"role": _("Role: the account already holds this role in this unit.")})
        # One row per (user, role, unit) (membership_unique_role_unit): an ended role is opened again.
        before = [str(existing.valid_from or ""), str(existing.valid_to or "")]
        existing.council, existing.emulation_group = council, emulation_group
        existing.valid_from, existing.valid_to = valid_from, valid_to
        existing.save()
        record(by, AuditAction.UPDATE, existing, changes={
            "units": [unit.name], "valid_from": [before[0], str(valid_from)], "valid_to": [before[1], str(valid_to or "")]})
        return existing
    membership = Membership.objects.create(user=user, role=role, unit=unit, council=council,
                                           emulation_group=emulation_group, valid_from=valid_from, valid_to=valid_to)
    # "units": the unit's name under the label "Đơn vị" (its "unit" key would show the row's number)
    record(by, AuditAction.CREATE, membership, changes={"after": {
        "role": role, "units": [unit.name], "valid_from": str(valid_from),
        "valid_to": str(valid_to) if valid_to else None}})
    return membership


@transaction.atomic
def add_membership(user: User, *, by, role: str, unit, council=None, emulation_group=None,
                   valid_from: datetime.date | None = None, valid_to: datetime.date | None = None) -> Membership:
    """Give the account a role in a unit (a council, a group) from `valid_from` (today by default)."""
    check_not_self(by, user)
    return _add_membership(user, by=by, role=role, unit=unit, council=council, emulation_group=emulation_group,
                           valid_from=valid_from, valid_to=valid_to)


@transaction.atomic
def end_membership(membership: Membership, *, by, on: datetime.date | None = None) -> None:
    """The role's last day is `on`; without a date the role ends now (its last day was yesterday: a membership
    counts on the days from valid_from to valid_to inclusive). Kept as history, never deleted."""
    check_not_self(by, membership.user)
    check_grant(by, membership.role, membership.unit)
    today = timezone.localdate()
    if membership.valid_to is not None and membership.valid_to < today:
        raise ValidationError({"on": _("Last day: the role has already ended.")})
    if on is not None and membership.valid_from and on < membership.valid_from:
        raise ValidationError({"on": _("Last day: the role starts on %(start)s; it cannot end before.")
                               % {"start": membership.valid_from.strftime("%d/%m/%Y")}})
    last_day = on or today - datetime.timedelta(days=1)
    before = membership.valid_to
    membership.valid_to = last_day
    membership.save(update_fields=["valid_to"])
    record(by, AuditAction.UPDATE, membership, changes={
        "role": membership.role, "units": [membership.unit.name],
        "valid_to": [str(before) if before else None, str(last_day)]})
