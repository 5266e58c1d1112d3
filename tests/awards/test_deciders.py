"""Who decides each award (law.md §4.1): the catalogue's seed, and the refusal at entry that names the right
authority."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tdkt.awards.deciders import decided_by_text, default_deciders, may_decide, may_receive
from tdkt.awards.models import AwardType
from tdkt.dossiers import workflow
from tdkt.dossiers.nominees.services import add_nomination
from tdkt.orgs.enums import AuthorityKind as K
from tests.factories import make_authority, make_person, make_unit

GRASSROOTS = {K.AGENCY_HEAD, K.COMMUNE_CHAIR, K.ENTERPRISE_HEAD}


@pytest.fixture(autouse=True)
def english():
    """These messages are read by officers: checked in Vietnamese (overrides the package's English)."""
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(("code", "deciders", "article"), [
    ("LDTT", GRASSROOTS, "Luật TĐKT Đ80.1, Đ80.4; NĐ129 Đ59"),
    ("CSTD_CS", GRASSROOTS, "Luật TĐKT Đ80.1, Đ80.4; NĐ129 Đ59"),
    ("TTLDTT", GRASSROOTS, "Luật TĐKT Đ80.1; NĐ129 Đ59"),
    ("GK", GRASSROOTS, "Luật TĐKT Đ80.1; NĐ129 Đ59"),
    ("THON_VH", {K.COMMUNE_CHAIR}, "NĐ129 Đ59"),
    ("GDVH", {K.COMMUNE_CHAIR}, "NĐ129 Đ59"),
    ("CSTD_TINH", {K.PROVINCE_CHAIR}, "NĐ152 Đ6.2.b"),
    ("BK_TINH", {K.PROVINCE_CHAIR}, "NĐ152 Đ6.2.b"),
    ("CO_TINH", {K.PROVINCE_CHAIR}, "NĐ152 Đ6.2.b"),
    ("TTLDXS", {K.PROVINCE_CHAIR}, "NĐ152 Đ6.2.b"),
    ("BK_TTG", {K.PRIME_MINISTER}, "NĐ152 Đ42"),
    ("CSTD_TQ", {K.PRIME_MINISTER}, "NĐ152 Đ36"),
    ("CO_CP", {K.PRIME_MINISTER}, "NĐ152 Đ37"),
    ("HCLD3", {K.STATE_PRESIDENT}, "NĐ152 Đ38"),
    ("AH_LD", {K.STATE_PRESIDENT}, "NĐ152 Đ40"),
    ("GT_HCM", {K.STATE_PRESIDENT}, "NĐ152 Đ41"),
])
def test_the_national_catalogue_names_who_decides(db, code, deciders, article):
    award = AwardType.objects.get(code=code)
    assert set(award.decided_by) == deciders, article
    assert set(default_deciders(award.code, award.level)) == deciders  # the seed and the fallback agree


def test_the_province_receives_what_it_decides_and_what_it_sends_up(db):
    by_code = {award.code: award for award in AwardType.objects.filter(code__in=["GK", "BK_TINH", "HCLD3"])}
    assert [may_receive(K.PROVINCE_CHAIR, by_code[c]) for c in ("GK", "BK_TINH", "HCLD3")] == [False, True, True]
    assert [may_receive(K.COMMUNE_CHAIR, by_code[c]) for c in ("GK", "BK_TINH", "HCLD3")] == [True, False, False]
    assert not may_decide(K.PROVINCE_CHAIR, by_code["HCLD3"])
    assert decided_by_text(by_code["GK"]) == ("Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND cấp xã; "
                                              "Người đứng đầu doanh nghiệp, hợp tác xã")


def test_a_giay_khen_line_in_a_provincial_dossier_is_refused_naming_the_right_authority(world):
    dossier = workflow.create_dossier(unit=world.unit_a, title="Đề nghị Bằng khen", kind="year_end",
                                      by=world.users["clerk_a"], year=2025)
    with pytest.raises(ValidationError, match="“Giấy khen” không thuộc thẩm quyền của Chủ tịch UBND tỉnh: thẩm "
                                              "quyền quyết định thuộc Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND cấp xã"):
        add_nomination(dossier, by=world.users["clerk_a"], award_type=AwardType.objects.get(code="GK"),
                       person=world.person_a)
    assert not dossier.nominations.exists()


def test_a_huan_chuong_line_in_a_commune_round_is_refused(world):
    commune = make_unit("Xã Bảo Hà", kind="commune", parent=world.province, code="XBH")
    authority = make_authority(commune, kind=K.COMMUNE_CHAIR, symbol="QĐ-UBND", head_title="CHỦ TỊCH")
    clerk = world.users["admin"]
    dossier = workflow.create_dossier(unit=commune, title="Khen thưởng cuối năm", kind="year_end", by=clerk,
                                      year=2025, receiving_authority=authority)
    assert dossier.authority == K.COMMUNE_CHAIR
    person = make_person("Hoàng Văn Lực", unit=commune)
    with pytest.raises(ValidationError, match="“Huân chương Lao động hạng Ba” không thuộc thẩm quyền của Xã Bảo Hà"):
        add_nomination(dossier, by=clerk, award_type=AwardType.objects.get(code="HCLD3"), person=person)
    line = add_nomination(dossier, by=clerk, award_type=AwardType.objects.get(code="GK"), person=person)
    assert line.award_type.code == "GK"


def test_a_dossier_cannot_go_to_another_units_authority(world):
    other = make_authority(world.unit_b, symbol="QĐ-SGDĐT")
    with pytest.raises(ValidationError, match="“Sở Giáo dục và Đào tạo” không có thẩm quyền khen thưởng đối với Sở Y tế"):
        workflow.create_dossier(unit=world.unit_a, title="Khen thưởng", kind="year_end", by=world.users["clerk_a"],
                                year=2025, receiving_authority=other)
    own = make_authority(world.unit_a)
    hospital = workflow.create_dossier(unit=world.unit_a_child, title="Bệnh viện đề nghị", kind="year_end",
                                       by=world.users["clerk_a"], year=2025, receiving_authority=own)
    assert (hospital.receiving_authority, hospital.authority) == (own, K.AGENCY_HEAD)  # to the parent's director
