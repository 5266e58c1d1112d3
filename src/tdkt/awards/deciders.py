"""Who may decide an award (thẩm quyền quyết định, law.md §4.1): read from the catalogue's `decided_by`.

A dossier addressed to an authority takes only the lines that authority decides; the provincial chairman's
standing body also relays State-level proposals upward (khen cao: the province proposes, the Prime Minister
or the State President decides)."""

from django.utils.translation import gettext as _

from tdkt.awards.enums import AwardLevel
from tdkt.orgs.enums import CENTRAL_AUTHORITY_KINDS, GRASSROOTS_AUTHORITY_KINDS, AuthorityKind

# law.md §4.1 [V]/[Q]; the same defaults seed the national catalogue (awards migration 0006).
PRIME_MINISTER_AWARDS = frozenset({"CO_CP", "CSTD_TQ", "BK_TTG"})  # NĐ152 Đ36–37, 42
COMMUNE_ONLY_AWARDS = frozenset({"THON_VH", "GDVH"})  # NĐ129 Đ59


def default_deciders(code: str, level: str) -> list[str]:
    """The law's deciders of an award of this level, for an award whose catalogue entry names none."""
    if level == AwardLevel.STATE:
        if code in PRIME_MINISTER_AWARDS:
            return [AuthorityKind.PRIME_MINISTER.value]
        return [AuthorityKind.STATE_PRESIDENT.value]  # NĐ152 Đ38, 40, 41
    if level == AwardLevel.PROVINCE:
        return [AuthorityKind.PROVINCE_CHAIR.value]  # NĐ152 Đ6.2.b
    if code in COMMUNE_ONLY_AWARDS:
        return [AuthorityKind.COMMUNE_CHAIR.value]
    return [kind.value for kind in AuthorityKind if kind in GRASSROOTS_AUTHORITY_KINDS]  # Luật Đ80.1, Đ80.4


def deciders(award) -> list[str]:
    return list(award.decided_by or ()) or default_deciders(award.code, award.level)


def may_decide(authority_kind: str, award) -> bool:
    return authority_kind in deciders(award)


def may_receive(authority_kind: str, award) -> bool:
    """An authority receives a proposal for an award it decides; the province also one it sends upward."""
    if may_decide(authority_kind, award):
        return True
    return authority_kind == AuthorityKind.PROVINCE_CHAIR and bool(set(deciders(award)) & CENTRAL_AUTHORITY_KINDS)


def decided_by_text(award) -> str:
    """'Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND cấp xã' — the catalogue's deciders, in the law's order."""
    labels = dict(AuthorityKind.choices)
    chosen = deciders(award)
    return "; ".join(str(labels[kind]) for kind in AuthorityKind.values if kind in chosen)


def refusal_message(award, authority_name: str) -> str:
    """Why a line cannot go to this authority, naming the authorities that decide the award."""
    return _("“%(award)s” is not decided by %(authority)s: it is decided by %(deciders)s.") % {
        "award": award.name, "authority": authority_name, "deciders": decided_by_text(award)}
