"""Reads of the users screen: the filtered list (accents ignored), its Excel file, an account's history.

A fixed number of queries whatever the number of accounts: the manager's reach, the names of the matching
accounts (folded here: users have no folded column, and a province has a few thousand accounts), the page's
rows and their memberships."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tdkt.accounts.models import Membership, User
from tdkt.accounts.user_rules import managed_users, manager_for
from tdkt.audit.models import AuditEvent
from tdkt.audit.readable import readable
from tdkt.lib.sheets import SheetWriter
from tdkt.lib.vntext import fold
from tdkt.orgs.models import Unit

HISTORY_ROWS = 100
WIDTHS = [6, 30, 30, 16, 60, 16, 16]


@dataclass(frozen=True)
class Filters:
    query: str = ""
    unit: Unit | None = None
    role: str = ""
    active: str = ""  # "" all, "yes", "no"


def memberships_prefetch() -> Prefetch:
    return Prefetch("memberships", queryset=Membership.objects.select_related(
        "unit", "council", "emulation_group").order_by("valid_to", "role", "unit__name", "pk"))


def filtered_users(actor, filters: Filters):
    """The accounts `actor` manages that match the filters, ordered by name (not evaluated but for the search,
    which reads the matching names in one query)."""
    users = managed_users(actor)
    if filters.unit is not None:
        users = users.filter(pk__in=Membership.objects.filter(unit=filters.unit).values("user_id"))
    if filters.role:
        users = users.filter(pk__in=Membership.objects.filter(role=filters.role).values("user_id"))
    if filters.active in ("yes", "no"):
        users = users.filter(is_active=filters.active == "yes")
    folded = fold(filters.query)
    if folded:
        ids = [pk for pk, *texts in users.values_list("pk", "full_name", "username", "email")
               if any(folded in fold(text or "") for text in texts)]
        users = User.objects.filter(pk__in=ids)
    return users.order_by("full_name", "pk")


def manageable_units(actor):
    """The units `actor` may filter by and grant roles in: the live units of the province, or a leader's."""
    manager = manager_for(actor)
    units = Unit.objects.filter(dissolved_on__isnull=True)
    return units if manager.province_wide else units.filter(pk__in=manager.unit_ids)


def is_current(membership, today=None) -> bool:
    today = today or timezone.localdate()
    return ((membership.valid_from is None or membership.valid_from <= today)
            and (membership.valid_to is None or membership.valid_to >= today))


def roles_text(user, today=None) -> str:
    """"Văn thư thi đua — Xã A; …": the roles the account holds today (from prefetched memberships)."""
    held = [m for m in user.memberships.all() if is_current(m, today)]
    return "; ".join(f"{m.get_role_display()} — {m.unit.name}" for m in held)


def write_users_xlsx(target, users) -> int:
    """The filtered accounts to one sheet: name, e-mail, phone, current roles, state, last sign-in. No sign-in
    name and nothing of the password or the authenticator: a list to check who has which role."""
    today = timezone.localdate()
    count = 0
    with SheetWriter(target) as book:
        sheet = book.sheet(_("Users"), widths=WIDTHS)
        sheet.row([_("No."), _("Full name"), _("E-mail"), _("Phone"), _("Roles held today"),
                   pgettext("account", "State"), _("Last sign-in")])
        for user in users.prefetch_related(memberships_prefetch()).iterator(chunk_size=500):
            count += 1
            last = timezone.localtime(user.last_login).strftime("%d/%m/%Y %H:%M") if user.last_login else ""
            sheet.row([count, user.get_full_name(), user.email, user.phone, roles_text(user, today),
                       pgettext("account", "Active") if user.is_active else pgettext("account", "Inactive"), last])
    return count


def history(user):
    """The account's audit rows, newest first: its own and its memberships' (readable rows, fixed queries)."""
    membership_ids = [str(m.pk) for m in user.memberships.all()]
    events = (AuditEvent.objects.filter(
        Q(object_type="accounts.user", object_id=str(user.pk))
        | Q(object_type="accounts.membership", object_id__in=membership_ids))
        .select_related("actor").prefetch_related(Prefetch(
            "actor__memberships", queryset=Membership.objects.select_related("unit", "council", "emulation_group")))
        .order_by("-at", "-id")[:HISTORY_ROWS])
    return readable(events)

