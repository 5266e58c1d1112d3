"""Demo data: every issuing authority of the demo province (law.md §4.1), before the decisions demo.

- the provincial chairman (Chủ tịch UBND tỉnh), with the chairman's and the vice-chairmen's posts;
- each department and public service unit or enterprise directly under the People's Committee (its head decides
  Giấy khen, Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến: Luật TĐKT Đ80.1, Đ80.4),
  with symbol "QĐ-<code>" (QĐ-SYT) and no collective body;
- each commune and ward (its chairman decides those and more: NĐ129 Đ59), "QĐ-UBND" and "TM. ỦY BAN NHÂN DÂN".
The central deciders (Prime Minister, State President) are made when their first decision is recorded
(tdkt.central.register.central_authority).

Signers' posts come from the demo's office holders (their position says head or deputy); each authority gets a
reward fund with an opening receipt (demo amounts, not a rule). The home commune gets its own council."""

from __future__ import annotations

import datetime

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.decisions.enums import FundEntryKind
from tdkt.decisions.models import RewardFund, RewardFundEntry
from tdkt.orgs.enums import AuthorityKind, CouncilLevel, CouncilRole, SignerRank, UnitKind
from tdkt.orgs.models import Council, CouncilMember, IssuingAuthority, SignerPost, Unit
from tdkt.people.models import Person

POSTS_FROM = datetime.date(2025, 7, 1)  # the reorganised province and communes start on 1/7/2025
FUND_OPENING_VND = {AuthorityKind.PROVINCE_CHAIR: 0, AuthorityKind.AGENCY_HEAD: 300_000_000,
                    AuthorityKind.ENTERPRISE_HEAD: 100_000_000, AuthorityKind.COMMUNE_CHAIR: 80_000_000}



def _province():
    return Unit.objects.filter(parent__isnull=True, kind=UnitKind.PEOPLES_COMMITTEE).order_by("id").first()


def _place(province) -> str:
    return province.name.rsplit("tỉnh ", 1)[-1].rsplit("thành phố ", 1)[-1]


def _symbol_code(unit) -> str:
    return unit.code.split("-", 1)[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _commune_authority(unit, province) -> IssuingAuthority:
    place = unit.short_name or unit.name.split(" ", 1)[-1]
    return IssuingAuthority(
        kind=AuthorityKind.COMMUNE_CHAIR, unit=unit, name=f"Ủy ban nhân dân {_lower_first(unit.name)}",
        parent_name="", symbol="QĐ-UBND", submission_symbol="TTr-UBND", place=place,
        decider_title=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {unit.name.upper()}", collective_body="ỦY BAN NHÂN DÂN",
        head_title="CHỦ TỊCH")


def _head_title(position: str, unit) -> str:
    """'Giám đốc Sở Y tế' -> 'GIÁM ĐỐC' (the post without the unit's name)."""
    for name in (unit.name, unit.short_name):
        if name and position.endswith(name):
            position = position[: -len(name)]
    return position.strip(" ,").upper() or "THỦ TRƯỞNG"


def _unit_authority(unit, province, kind, head_position: str) -> IssuingAuthority:
    head_title = _head_title(head_position, unit) if head_position else "THỦ TRƯỞNG"
    code = _symbol_code(unit)
    return IssuingAuthority(
        kind=kind, unit=unit, name=unit.name, parent_name=(province.short_name or province.name).upper(),
        symbol=f"QĐ-{code}", submission_symbol=f"TTr-{code}", place=_place(province),
        decider_title=f"{head_title} {unit.name.upper()}", collective_body="", head_title=head_title)


def _posts(authorities: list[IssuingAuthority]) -> list[SignerPost]:
    """Head and deputies from the unit's leaders (position 'Giám đốc …' / 'Phó Giám đốc …'), linked to the demo
    user of the same name when there is one."""
    by_unit = {authority.unit_id: authority for authority in authorities if authority.unit_id}
    # The account that leads the unit (a leader's or signer's membership there), not another role of the same
    # person (the commune chairman is also the cluster head's account in the demo).
    users = {user.full_name: user for user in User.objects.exclude(full_name="")}
    leading = {(m.user.full_name, m.unit_id): m.user for m in Membership.objects.filter(
        role__in=(Role.UNIT_LEADER, Role.SIGNER)).select_related("user")}
    posts = []
    leaders = (Person.objects.filter(unit_id__in=by_unit, category="leader", merged_into__isnull=True)
               .select_related("unit").order_by("unit_id", "id"))
    for person in leaders:
        authority = by_unit[person.unit_id]
        position = person.position or ""
        deputy = position.lower().startswith("phó")
        if authority.collective_body:  # a People's Committee: "Chủ tịch UBND xã …", "Phó Chủ tịch UBND tỉnh"
            if not position.lower().removeprefix("phó ").startswith("chủ tịch"):
                continue
            title = f"PHÓ {authority.head_title}" if deputy else authority.head_title
        else:
            title = _head_title(position, person.unit)
            if not deputy and title != authority.head_title:
                continue  # another leader of the unit (a division head), not the authority's head
        user = leading.get((person.full_name, person.unit_id)) or users.get(person.full_name)
        posts.append(SignerPost(authority=authority, user=user, full_name=person.full_name,
                                rank=SignerRank.DEPUTY if deputy else SignerRank.HEAD, title=title,
                                valid_from=POSTS_FROM))
    return posts


def _province_authority(province) -> IssuingAuthority:
    authority = IssuingAuthority.objects.filter(unit=province).first()
    if authority is None:
        authority = IssuingAuthority.objects.create(
            kind=AuthorityKind.PROVINCE_CHAIR, unit=province, name=province.name, place=_place(province),
            decider_title=f"CHỦ TỊCH {province.name.upper()}".replace("UỶ", "ỦY"))
    return authority


def _commune_council(home, year: int) -> int:
    """The home commune's council (Hội đồng TĐKT cấp xã): its chairman chairs it, its leaders sit in it."""
    if home is None or Council.objects.filter(unit=home).exists():
        return 0
    council = Council.objects.create(
        name=f"Hội đồng Thi đua - Khen thưởng {_lower_first(home.name)}", unit=home, level=CouncilLevel.UNIT,
        term_start=POSTS_FROM, established_by=f"Quyết định số 15/QĐ-UBND ngày 10/7/2025 của UBND {home.name} "
                                              "(dữ liệu mẫu)")
    people = list(Person.objects.filter(unit=home, merged_into__isnull=True).order_by("-category", "id")[:5])
    roles = [CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.MEMBER, CouncilRole.MEMBER, CouncilRole.SECRETARY]
    CouncilMember.objects.bulk_create([
        CouncilMember(council=council, person=person, role=role, title=person.position, term_start=POSTS_FROM)
        for person, role in zip(people, roles, strict=False)])
    return 1


def load_demo(year: int) -> str:
    province = _province()
    if province is None:
        return "Thẩm quyền khen thưởng: chưa có tỉnh mẫu, bỏ qua."
    province_authority = _province_authority(province)
    heads = {person.unit_id: person.position for person in Person.objects.filter(
        unit__parent=province, category="leader", merged_into__isnull=True).exclude(
        position__istartswith="phó").order_by("id")}
    authorities = []
    for unit in Unit.objects.filter(parent=province).exclude(issuing_authority__isnull=False).order_by("id"):
        if unit.kind == UnitKind.COMMUNE:
            authorities.append(_commune_authority(unit, province))
        elif unit.kind in (UnitKind.DEPARTMENT, UnitKind.PUBLIC_SERVICE):
            authorities.append(_unit_authority(unit, province, AuthorityKind.AGENCY_HEAD, heads.get(unit.pk, "")))
        elif unit.kind == UnitKind.ENTERPRISE:
            authorities.append(_unit_authority(unit, province, AuthorityKind.ENTERPRISE_HEAD, heads.get(unit.pk, "")))
    IssuingAuthority.objects.bulk_create(authorities, batch_size=500)
    posts = _posts([province_authority, *authorities])
    SignerPost.objects.bulk_create(posts, batch_size=500)
    funds = [RewardFund(name=f"Quỹ thi đua, khen thưởng của {authority.name}", authority=authority)
             for authority in authorities]
    RewardFund.objects.bulk_create(funds, batch_size=500)
    RewardFundEntry.objects.bulk_create([
        RewardFundEntry(fund=fund, kind=FundEntryKind.RECEIPT, entry_date=datetime.date(year, 1, 5),
                        amount=FUND_OPENING_VND[fund.authority.kind], description=f"Dự toán năm {year} (dữ liệu mẫu)",
                        document_reference=f"Quyết định giao dự toán ngân sách năm {year}")
        for fund in funds if FUND_OPENING_VND[fund.authority.kind]], batch_size=500)
    home = Unit.objects.filter(memberships__user__username="vanthu.xa").first()
    councils = _commune_council(home, year)
    return (f"Thẩm quyền khen thưởng: {len(authorities) + 1} cơ quan ban hành của tỉnh "
            f"({sum(a.kind == AuthorityKind.COMMUNE_CHAIR for a in authorities)} xã, phường), "
            f"{len(posts)} người ký, {len(funds)} quỹ thi đua, khen thưởng của đơn vị, {councils} hội đồng cấp xã")


def wipe_demo() -> int:
    """Nothing, as for the decisions demo: `seed_demo --reset` recreates the database."""
    return 0
