"""Demo user accounts, one per role, and the table printed for whoever starts the demo."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.utils import translation

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.accounts.services import second_factor_required
from tdkt.orgs.models import CouncilMember

DEMO_PASSWORD = "TdktDemo@2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    person_key: str  # key of the key person whose name the account carries
    unit_key: str  # "pc", "snv", "syt", "commune", "group_head"


ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", Role.SYSTEM_ADMIN, "vp.it", "pc"),
    DemoAccount("chuyenvien", Role.PROVINCE_SPECIALIST, "snv.tdkt_specialist", "snv"),
    DemoAccount("vanthu.soyte", Role.UNIT_CLERK, "syt.clerk", "syt"),
    DemoAccount("lanhdao.soyte", Role.UNIT_LEADER, "syt.head", "syt"),
    DemoAccount("vanthu.xa", Role.UNIT_CLERK, "commune.clerk", "commune"),
    DemoAccount("lanhdao.xa", Role.UNIT_LEADER, "group.head_chair", "commune"),  # approves the commune's dossiers
    DemoAccount("uyvien", Role.COUNCIL_MEMBER, "stc.head", "pc"),
    DemoAccount("thuky", Role.COUNCIL_SECRETARY, "snv.tdkt_head", "pc"),
    DemoAccount("chutich", Role.SIGNER, "pc.head", "pc"),
    DemoAccount("truongcum", Role.GROUP_HEAD, "group.head_chair", "group_head"),
)
USERNAMES = tuple(a.username for a in ACCOUNTS)


def create_accounts(key_people, units, council, group, valid_from):
    """Create (or take over) the demo users and their memberships. `units` maps unit_key -> Unit."""
    password = make_password(DEMO_PASSWORD)  # hashed once, reused: hashing is deliberately slow
    users = []
    for account in ACCOUNTS:
        person = key_people.get(account.person_key)
        full_name = person.full_name if person else account.username
        family, _, rest = full_name.partition(" ")
        user, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "full_name": full_name, "last_name": family[:150], "first_name": rest[:150],
                "email": f"{account.username}@demo.tdkt.invalid", "password": password, "is_active": True,
                "is_staff": account.role == Role.SYSTEM_ADMIN, "is_superuser": account.role == Role.SYSTEM_ADMIN,
            },
        )
        Membership.objects.filter(user=user).delete()
        Membership.objects.create(
            user=user, role=account.role, unit=units[account.unit_key], valid_from=valid_from,
            council=council if account.role in (Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY, Role.SIGNER) else None,
            emulation_group=group if account.role == Role.GROUP_HEAD else None,
        )
        if person is not None and account.role in (Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY, Role.SIGNER):
            CouncilMember.objects.filter(council=council, person=person).update(user=user)
        users.append(user)
    return users


def accounts_table() -> str:
    """The demo accounts as a plain-text table (username, password, role in Vietnamese, unit)."""
    memberships = {
        m.user.username: m
        for m in Membership.objects.select_related("user", "unit", "emulation_group")
        .filter(user__username__in=USERNAMES).order_by("id")
    }
    rows = [("Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị")]
    second_factor = []
    with translation.override("vi"):
        for account in ACCOUNTS:
            m = memberships.get(account.username)
            if m is None:
                continue
            unit = m.unit.name
            if m.emulation_group_id:
                unit = f"{unit} ({m.emulation_group.name})"
            rows.append((account.username, DEMO_PASSWORD, str(Role(account.role).label), unit))
            if second_factor_required(m.user):  # their role, or a signer's post (a director, a commune chairman)
                second_factor.append(account.username)
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = []
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row[:3])) + "  " + row[3])
        if i == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 20)
    if second_factor:
        lines.append("")
        lines.append(
            "Lưu ý: " + ", ".join(second_factor)
            + " phải đăng ký ứng dụng xác thực TOTP (mã 6 số) ở lần đăng nhập đầu tiên "
            f"({', '.join(second_factor)} must enrol a TOTP authenticator at first sign-in)."
        )
    return "\n".join(lines)

