"""The demo's issuing authorities (law.md §4.1): the province, every department and commune,
with signers' posts from the office holders and a fund each."""

from tdkt.decisions import demo_authorities
from tdkt.decisions.models import RewardFund
from tdkt.orgs.enums import AuthorityKind, SignerRank, UnitKind
from tdkt.orgs.models import IssuingAuthority, SignerPost
from tests.factories import make_person, make_unit, make_user


def test_every_unit_with_award_authority_gets_one(world):
    commune = make_unit("Xã Bảo Hà", kind=UnitKind.COMMUNE, parent=world.province, code="LCI-X0123",
                        short_name="Bảo Hà")
    make_person("Hoàng Văn Chủ", unit=world.unit_a, category="leader", position="Giám đốc Sở Y tế")
    make_person("Lý Thị Phó", unit=world.unit_a, category="leader", position="Phó Giám đốc Sở Y tế")
    make_person("Vàng A Tráng", unit=commune, category="leader", position="Chủ tịch UBND xã Bảo Hà")
    director = make_user("lanhdao.soyte", unit=world.unit_a, full_name="Hoàng Văn Chủ")
    message = demo_authorities.load_demo(2026)

    health = IssuingAuthority.objects.get(unit=world.unit_a)
    assert (health.kind, health.symbol, health.head_title, health.decider_title, health.collective_body) == (
        AuthorityKind.AGENCY_HEAD, "QĐ-SYT", "GIÁM ĐỐC", "GIÁM ĐỐC SỞ Y TẾ", "")
    assert sorted(SignerPost.objects.filter(authority=health).values_list("rank", "title", "full_name", "user")) == [
        (SignerRank.DEPUTY, "PHÓ GIÁM ĐỐC", "Lý Thị Phó", None),
        (SignerRank.HEAD, "GIÁM ĐỐC", "Hoàng Văn Chủ", director.pk)]
    town = IssuingAuthority.objects.get(unit=commune)
    assert (town.kind, town.name, town.symbol, town.place, town.collective_body, town.head_title) == (
        AuthorityKind.COMMUNE_CHAIR, "Ủy ban nhân dân xã Bảo Hà", "QĐ-UBND", "Bảo Hà", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert SignerPost.objects.get(authority=town).title == "CHỦ TỊCH"
    assert IssuingAuthority.objects.get(unit=world.province).kind == AuthorityKind.PROVINCE_CHAIR
    assert RewardFund.objects.filter(authority__in=[health, town]).count() == 2
    assert message == ("Thẩm quyền khen thưởng: 5 cơ quan ban hành của tỉnh (1 xã, phường), 3 người ký, 4 quỹ thi đua, "
                       "khen thưởng của đơn vị, 0 hội đồng cấp xã")
