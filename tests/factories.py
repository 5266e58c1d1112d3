"""Plain factory functions for tests (real rows in the real database; no mocking)."""

import datetime
import itertools

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.orgs.enums import AuthorityKind, CouncilLevel, GroupKind, GroupRole, UnitKind
from tdkt.orgs.models import (
    Council,
    EmulationGroup,
    EmulationGroupMembership,
    EmulationGroupYear,
    IssuingAuthority,
    Unit,
)
from tdkt.people.enums import PersonCategory
from tdkt.people.models import Person

PASSWORD = "Mat-khau@2026"
_seq = itertools.count(1)


def make_unit(name=None, *, kind=UnitKind.DEPARTMENT, parent=None, code=None, **extra) -> Unit:
    n = next(_seq)
    return Unit.objects.create(
        name=name or f"Đơn vị {n}", code=code or f"DV{n:04d}", kind=kind, parent=parent,
        established_on=extra.pop("established_on", datetime.date(2020, 1, 1)), **extra,
    )


def make_authority(unit, *, kind=AuthorityKind.AGENCY_HEAD, symbol=None, head_title="GIÁM ĐỐC", **extra):
    """The issuing authority of `unit` (its head decides its own awards), made once per unit."""
    authority, _created = IssuingAuthority.objects.get_or_create(unit=unit, defaults={
        "kind": kind, "name": unit.name, "symbol": symbol or f"QĐ-{unit.code}", "submission_symbol": f"TTr-{unit.code}",
        "place": "Lào Cai", "decider_title": f"{head_title} {unit.name.upper()}", "head_title": head_title,
        "collective_body": "" if kind == AuthorityKind.AGENCY_HEAD else "ỦY BAN NHÂN DÂN", **extra})
    return authority


def make_head_post(authority, user=None, *, full_name="Trần Văn Giám", title=None):
    """The authority's head (Giám đốc, Chủ tịch), signing in his own name; `user` is his account, if any."""
    from tdkt.orgs.enums import SignerRank
    from tdkt.orgs.models import SignerPost

    return SignerPost.objects.create(authority=authority, user=user, full_name=full_name, rank=SignerRank.HEAD,
                                     title=title or authority.head_title, valid_from=datetime.date(2025, 7, 1))


def make_person(full_name="Nguyễn Văn An", *, unit, **extra) -> Person:
    extra.setdefault("category", PersonCategory.CIVIL_SERVANT)
    return Person.objects.create(full_name=full_name, unit=unit, **extra)


def make_user(username, *, role=None, unit=None, full_name="", **membership) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=full_name or username)
    if role:
        Membership.objects.create(user=user, role=role, unit=unit, **membership)
    return user


def make_group_year(name="Cụm thi đua số 1", *, year=2026, kind=GroupKind.CLUSTER, head=None, members=()):
    group = EmulationGroup.objects.create(name=name, code=f"G{next(_seq):04d}", kind=kind)
    group_year = EmulationGroupYear.objects.create(group=group, year=year)
    if head is not None:
        EmulationGroupMembership.objects.create(group_year=group_year, unit=head, role=GroupRole.HEAD)
    for unit in members:
        EmulationGroupMembership.objects.create(group_year=group_year, unit=unit, role=GroupRole.MEMBER)
    return group_year


def make_council(unit, *, name="Hội đồng Thi đua - Khen thưởng tỉnh", level=CouncilLevel.PROVINCE) -> Council:
    return Council.objects.create(name=name, unit=unit, level=level, term_start=datetime.date(2025, 7, 1))


__all__ = ["PASSWORD", "Role", "make_unit", "make_person", "make_user", "make_group_year", "make_council"]


# --- award history (tdkt.awards): rows written directly, for tests that read history --------------------


def award_type(code: str):
    from tdkt.awards.models import AwardType

    return AwardType.objects.get(code=code)


def make_award(*, person=None, unit=None, household=None, code="LDTT", year=2024, **extra):
    from tdkt.awards.models import AwardRecord

    return AwardRecord.objects.create(person=person, unit=unit, household=household, award_type=award_type(code),
                                      year=year, **extra)


def make_rating(*, person=None, unit=None, year=2024, level="HTTNV"):
    from tdkt.awards.models import Rating

    return Rating.objects.create(person=person, unit=unit, year=year, level=level)


def make_initiative(*authors, title="Sáng kiến số hóa hồ sơ", year=2024, scope="CO_SO", **extra):
    from tdkt.awards.models import Initiative

    initiative = Initiative.objects.create(title=title, year=year, scope=scope, **extra)
    initiative.authors.set(authors)
    return initiative


def make_discipline(person, *, level="canh_cao", start=datetime.date(2023, 3, 1), end=datetime.date(2024, 2, 29)):
    from tdkt.awards.models import DisciplineRecord

    return DisciplineRecord.objects.create(person=person, level=level, start=start, end=end)
