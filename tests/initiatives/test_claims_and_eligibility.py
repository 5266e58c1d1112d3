"""An initiative supports one award only (CV 5007/BNV-TĐKT §III.5.c): a second dossier claiming it is
refused, and once an award used a provincial-scope recognition it no longer counts for another CSTĐ."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tdkt.awards import services as award_services
from tdkt.awards.queries import load_histories
from tdkt.eligibility.codes import FindingCode
from tdkt.eligibility.engine import evaluate
from tdkt.initiatives import services
from tdkt.initiatives.adopt import adopt_records
from tdkt.initiatives.models import Author, Claim, Work, WorkStateChange
from tests.dossiers.support import add_line, draft_of_unit_a
from tests.factories import make_award, make_initiative
from tests.initiatives.support import recognised


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_an_initiative_claimed_by_a_second_dossier_is_refused(world):
    work = recognised(world)
    first = add_line(draft_of_unit_a(world, title="Hồ sơ thi đua 2025"), person=world.person_a, code="CSTD_TINH")
    second = add_line(draft_of_unit_a(world, title="Hồ sơ chuyên đề 2025"), person=world.person_a_child,
                      code="CSTD_TINH")
    clerk = world.users["clerk_a"]
    services.claim_work(work, first, by=clerk)
    with pytest.raises(ValidationError, match="đang được hồ sơ “Hồ sơ thi đua 2025” đề nghị sử dụng") as caught:
        services.claim_work(work, second, by=clerk)
    assert caught.value.message_dict["nomination"] == [
        "Sáng kiến “Số hóa hồ sơ bệnh án điện tử” đang được hồ sơ “Hồ sơ thi đua 2025” đề nghị sử dụng (cho "
        "Nguyễn Văn An); mỗi sáng kiến chỉ làm căn cứ cho một lần khen."]
    assert list(Claim.objects.values_list("nomination_id", flat=True)) == [first.pk]
    # Released with a reason, the work is free for the other dossier.
    services.release_claim(Claim.objects.get(), by=clerk, reason="Rút dòng đề nghị")
    assert services.claim_work(work, second, by=clerk).nomination_id == second.pk


def test_only_an_author_of_a_recognised_work_can_rest_on_it(world):
    work = recognised(world)
    line = add_line(draft_of_unit_a(world), person=world.person_b, code="CSTD_TINH")
    with pytest.raises(ValidationError, match="Giàng A Páo không phải tác giả"):
        services.claim_work(work, line, by=world.users["specialist"])


def test_a_used_initiative_cannot_be_claimed(world):
    work = recognised(world)
    award = make_award(person=world.person_a, code="CSTD_TINH", year=2025)
    award_services.use_initiative_for_award(work.record, award, by=world.users["specialist"])
    line = add_line(draft_of_unit_a(world), person=world.person_a, code="CSTD_TINH")
    with pytest.raises(ValidationError, match=r"đã được dùng để đề nghị “Chiến sĩ thi đua cấp tỉnh” \(năm 2025\)"):
        services.claim_work(work, line, by=world.users["clerk_a"])


def _initiative_findings(person, year):
    history = load_histories(person_ids=[person.pk])[("individual", person.pk)]
    result = evaluate(history.candidate(id="x", award="CSTD_TINH", year=year),
                      decision_date=datetime.date(year + 1, 3, 1))
    return {f.code: f.passed for f in result.findings if f.code in (FindingCode.INITIATIVE, FindingCode.INITIATIVE_USED)}


def test_a_provincial_recognition_counts_for_one_cstd_only(world):
    for year in (2022, 2023, 2024, 2025):
        make_award(person=world.person_a, code="CSTD_CS", year=year)
    work = recognised(world, scope="TINH", day=datetime.date(2025, 6, 10))
    assert _initiative_findings(world.person_a, 2025) == {FindingCode.INITIATIVE: True}
    award = make_award(person=world.person_a, code="CSTD_TINH", year=2025)
    award_services.use_initiative_for_award(work.record, award, by=world.users["specialist"])
    # The award it grounds still sees it; the next CSTĐ tỉnh does not.
    assert _initiative_findings(world.person_a, 2025) == {FindingCode.INITIATIVE: True}
    assert _initiative_findings(world.person_a, 2026) == {FindingCode.INITIATIVE: False}


def test_a_provincial_recognition_used_for_a_bang_khen_is_spent_for_cstd_tinh(world):
    for year in (2023, 2024, 2025):
        make_award(person=world.person_a, code="CSTD_CS", year=year)
    work = recognised(world, scope="TINH", day=datetime.date(2025, 6, 10))
    award = make_award(person=world.person_a, code="BK_TINH", year=2025)
    award_services.use_initiative_for_award(work.record, award, by=world.users["specialist"])
    assert _initiative_findings(world.person_a, 2025) == {FindingCode.INITIATIVE_USED: True,
                                                          FindingCode.INITIATIVE: False}


def test_a_grassroots_recognition_does_not_count_for_cstd_tinh(world):
    for year in (2023, 2024, 2025):
        make_award(person=world.person_a, code="CSTD_CS", year=year)
    recognised(world, scope="CO_SO", by="clerk_a")
    assert _initiative_findings(world.person_a, 2025) == {FindingCode.INITIATIVE: False}


def test_records_made_per_person_enter_the_register_once_with_equal_shares(world):
    used = make_initiative(world.person_a, world.person_a_child, world.person_b, title="Cải tiến quy trình tiếp dân",
                           year=2023, scope="CO_SO", decision_number="12/QĐ-SYT")
    assert adopt_records(type(used), Work, Author, WorkStateChange, by_name="test") == 1
    assert adopt_records(type(used), Work, Author, WorkStateChange, by_name="test") == 0
    work = Work.objects.get(record=used)
    assert (work.state, work.scope, work.year, work.decision_number, work.unit_id) == (
        "recognised", "CO_SO", 2023, "12/QĐ-SYT", world.unit_a.pk)
    assert [(a.person_id, a.share) for a in work.authors.all()] == [
        (world.person_a.pk, 34), (world.person_a_child.pk, 33), (world.person_b.pk, 33)]
    assert "nguyen van an" in work.search_text
