"""A unit's or a commune's own decision (issue 16 item 2): drafted under the authority its lines were sent
to, refusing an award that authority may not decide; managed by the unit's officers, read by the province;
entered into the award history at signing, where the province's checks see it at once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tdkt.awards.enums import AwardSource
from tdkt.awards.models import AwardRecord
from tdkt.awards.queries import load_histories
from tdkt.decisions import queries, rules, services
from tdkt.decisions.enums import DecisionState
from tdkt.eligibility.codes import FindingCode
from tdkt.eligibility.engine import evaluate
from tdkt.orgs.enums import AuthorityKind, UnitKind
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_dossier, pdf_bytes
from tests.decisions.support import make_authority as make_province_authority
from tests.factories import make_authority, make_head_post, make_person, make_unit, make_user


def _unit_round(world, *, year=2025, authority=None):
    authority = authority or make_authority(world.unit_a, symbol="QĐ-SYT")
    return authority, make_dossier(world.unit_a, year=year, receiving_authority=authority)


def test_a_giay_khen_line_in_a_provincial_decision_is_refused_naming_who_decides_it(world):
    province = make_province_authority()
    line = approved(make_dossier(world.unit_a), person=world.person_a, code="GK")
    with pytest.raises(ValidationError, match=r"Dòng Nguyễn Văn An: “Giấy khen” không thuộc thẩm quyền của Ủy ban "
                                              r"nhân dân tỉnh Lào Cai: thẩm quyền quyết định thuộc Thủ trưởng cơ quan, "
                                              r"đơn vị"):
        services.draft_decisions([line], by=world.users["specialist"], authority=province)


def test_a_huan_chuong_line_in_a_commune_decision_is_refused_naming_who_decides_it(world):
    commune = make_unit("Ủy ban nhân dân xã Bảo Hà", kind=UnitKind.PEOPLES_COMMITTEE, parent=world.province, code="XBH")
    authority = make_authority(commune, kind=AuthorityKind.COMMUNE_CHAIR, symbol="QĐ-UBND", head_title="CHỦ TỊCH")
    officer = make_user("vanhoa.xa", role="unit_clerk", unit=commune)
    person = make_person("Lò Văn Sáng", unit=commune)
    line = approved(make_dossier(commune, receiving_authority=authority), person=person, code="HCLD3")
    with pytest.raises(ValidationError, match=r"Dòng Lò Văn Sáng: “Huân chương Lao động hạng Ba” không thuộc thẩm "
                                              r"quyền của Ủy ban nhân dân xã Bảo Hà: thẩm quyền quyết định thuộc Chủ tịch "
                                              r"nước"):
        services.draft_decisions([line], by=officer)


def test_lines_of_two_authorities_never_share_a_decision(world):
    _authority, unit_dossier = _unit_round(world)
    make_province_authority()
    lines = [approved(unit_dossier, person=world.person_a, code="LDTT"),
             approved(make_dossier(world.unit_a), person=world.person_a_child, code="BK_TINH")]
    with pytest.raises(ValidationError, match=r"^\['Các dòng đã chọn thuộc thẩm quyền của các cơ quan khác nhau "
                                              r"\(Chủ tịch UBND tỉnh; Sở Y tế\): mỗi cơ quan lập một quyết định riêng\.'\]$"):
        services.draft_decisions(lines, by=world.users["specialist"])


def test_a_units_decision_is_drafted_and_managed_by_its_officers_and_read_by_the_province(world):
    authority, dossier = _unit_round(world)
    line = approved(dossier, person=world.person_a, code="LDTT")
    with pytest.raises(PermissionDenied, match=r"^Chỉ cán bộ của Sở Y tế được dự thảo quyết định của cơ quan này\.$"):
        services.draft_decisions([line], by=world.users["specialist"])
    (decision,) = services.draft_decisions([line], by=world.users["clerk_a"])
    assert (decision.authority, decision.state, decision.signer_on_behalf_of) == (authority, DecisionState.DRAFT,
                                                                                 "GIÁM ĐỐC")
    clerk_a, clerk_b, specialist = (world.users[name] for name in ("clerk_a", "clerk_b", "specialist"))
    assert [rules.can_edit(user, decision) for user in (clerk_a, clerk_b, specialist)] == [True, False, False]
    assert queries.get_decision_for_user(specialist, decision.pk) == decision
    assert queries.get_decision_for_user(clerk_a, decision.pk) == decision
    assert list(queries.decisions_for_user(clerk_a)) == [decision]
    with pytest.raises(Http404, match=r"^$"):
        queries.get_decision_for_user(clerk_b, decision.pk)


def test_a_units_signed_cstd_cs_enter_the_history_and_the_provinces_check_counts_them(world):
    """3 × CSTĐ cơ sở decided by the Sở Y tế director: the person's CSTĐ tỉnh check sees the chain at once."""
    authority = make_authority(world.unit_a, symbol="QĐ-SYT")
    lines = [approved(make_dossier(world.unit_a, year=year, receiving_authority=authority), person=world.person_a,
                      code="CSTD_CS") for year in (2023, 2024, 2025)]
    director = make_user("giamdoc.syt", role="unit_leader", unit=world.unit_a)
    make_head_post(authority, director)
    decisions = services.draft_decisions(lines, by=world.users["clerk_a"])
    assert [d.achievement_year for d in decisions] == [2023, 2024, 2025]
    with pytest.raises(PermissionDenied, match=r"^Anh/chị không được thực hiện thao tác này đối với quyết định này\.$"):
        # the province's signer is not the director
        services.approve_for_signing(cite_proposal(decisions[0]), by=world.users["signer"])
    for decision in decisions:
        services.approve_for_signing(cite_proposal(decision), by=director)
        services.sign_decision(decision, by=world.users["clerk_a"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    records = AwardRecord.objects.filter(person=world.person_a).order_by("year")
    assert [(r.award_type.code, r.year, r.decision_number, r.decision_issuer, r.source) for r in records] == [
        ("CSTD_CS", 2023, "01/QĐ-SYT", "Sở Y tế", AwardSource.ISSUED_HERE),
        ("CSTD_CS", 2024, "02/QĐ-SYT", "Sở Y tế", AwardSource.ISSUED_HERE),
        ("CSTD_CS", 2025, "03/QĐ-SYT", "Sở Y tế", AwardSource.ISSUED_HERE)]
    assert str(AwardSource.ISSUED_HERE.label) == "Quyết định trong hệ thống"
    history = load_histories(person_ids=[world.person_a.pk])[("individual", world.person_a.pk)]
    result = evaluate(history.candidate(id="p", award="CSTD_TINH", year=2025), decision_date=datetime.date(2026, 8, 1))
    chain = [finding for finding in result.findings if finding.code == FindingCode.CSTD_CS_CHAIN]
    assert [finding.passed for finding in chain] == [True]
