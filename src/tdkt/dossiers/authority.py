"""To whom a dossier goes (cơ quan tiếp nhận và quyết định): the province's authority, or a department's,
commune's or enterprise's own for its round (Lào Cai seed: "cấp nào phát động thi đua thì cấp đó khen
thưởng"). A line is refused at entry when the receiving authority neither decides its award nor, for the
province, proposes it upward (tdkt.awards.deciders)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt.awards.deciders import may_receive, refusal_message
from tdkt.orgs.enums import GRASSROOTS_AUTHORITY_KINDS, AuthorityKind
from tdkt.orgs.models import IssuingAuthority

# Deciders a dossier to the province asks for: the chairman, or above him through the province (khen cao).
PROVINCE_ROUTED_KINDS = frozenset({AuthorityKind.PROVINCE_CHAIR, AuthorityKind.PRIME_MINISTER,
                                   AuthorityKind.STATE_PRESIDENT})


def province_authority() -> IssuingAuthority | None:
    """The provincial chairman's authority (the oldest active one, should a province keep two)."""
    return IssuingAuthority.objects.filter(kind=AuthorityKind.PROVINCE_CHAIR, active=True).order_by("pk").first()


def receiver_kind(dossier) -> str:
    receiving = dossier.receiving_authority if dossier.receiving_authority_id else None
    return receiving.kind if receiving is not None else AuthorityKind.PROVINCE_CHAIR


def receiver_name(dossier) -> str:
    receiving = dossier.receiving_authority if dossier.receiving_authority_id else None
    if receiving is not None:
        return receiving.name
    return str(AuthorityKind.PROVINCE_CHAIR.label)


def award_refusal(dossier, award) -> str | None:
    """The message refusing `award` in this dossier, or None when its receiving authority may take it."""
    if may_receive(receiver_kind(dossier), award):
        return None
    return refusal_message(award, receiver_name(dossier))


def check_award_receivable(dossier, award, *, field: str = "award_type") -> None:
    message = award_refusal(dossier, award)
    if message:
        raise ValidationError({field: message})


def authorities_within_reach(unit) -> list[IssuingAuthority]:
    """The grassroots authorities a unit's dossier may go to: its own, then each ancestor's (a hospital's
    dossier to the Sở Y tế's director), nearest first. Walks the unit's parents: one query per level."""
    chain = []
    while unit is not None:
        chain.append(unit.pk)
        unit = unit.parent
    found = {authority.unit_id: authority for authority in IssuingAuthority.objects.filter(
        unit_id__in=chain, active=True, kind__in=GRASSROOTS_AUTHORITY_KINDS)}
    return [found[unit_id] for unit_id in chain if unit_id in found]


def decider_kind(authority: str, receiving) -> str:
    """A dossier to a unit's own authority is decided by that authority's kind of head."""
    return receiving.kind if receiving is not None else authority


def check_receiving_authority(unit, receiving) -> None:
    """A dossier goes to the province (None) or to a grassroots authority within the unit's reach."""
    if receiving is None:
        return
    if receiving.pk not in {authority.pk for authority in authorities_within_reach(unit)}:
        raise ValidationError({"receiving_authority": _("“%(authority)s” does not decide the awards of %(unit)s: choose the "
                                              "province or an authority the unit belongs to.") % {
            "authority": receiving.name, "unit": unit.name}})
