"""“Can be proposed this year for…”: the engine against every award fitting the recipient."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from tdkt.awards.proposals import proposable_awards
from tdkt.eligibility.codes import Recipient
from tests.conftest import client_for
from tests.factories import make_award, make_initiative, make_rating

DECISION_DAY = datetime.date(2026, 11, 21)


def _verdicts(proposals):
    return {p.award_type.code: p.verdict for p in proposals}


def test_three_consecutive_grassroots_fighters_with_a_provincial_initiative_can_be_proposed_cstd_tinh(world):
    person = world.person_a
    for year in (2024, 2025, 2026):
        make_rating(person=person, year=year, level="HTXSNV")
        make_award(person=person, code="CSTD_CS", year=year, basis="merit", decision_number=f"{year}/QĐ-SYT")
    make_initiative(person, title="Phần mềm quản lý hồ sơ bệnh án", year=2026, scope="TINH")
    verdicts = _verdicts(proposable_awards(Recipient.INDIVIDUAL, person.pk, year=2026, decision_date=DECISION_DAY))
    assert verdicts["CSTD_TINH"] == "eligible"  # Luật TĐKT 2022, Điều 22 khoản 1
    assert verdicts["CSTD_TQ"] == "ineligible"  # needs 2 consecutive CSTĐ tỉnh (Điều 21)
    assert verdicts["LDTT"] == "eligible"  # HTXSNV ≥ HTTNV (Điều 24)


def test_proposals_are_ordered_eligible_first_and_never_offer_collective_titles_to_a_person(world):
    proposals = proposable_awards(Recipient.INDIVIDUAL, world.person_b.pk, year=2026, decision_date=DECISION_DAY)
    order = {"eligible": 0, "needs_review": 1, "on_hold": 2, "ineligible": 3}
    assert [order[p.verdict] for p in proposals] == sorted(order[p.verdict] for p in proposals)
    codes = {p.award_type.code for p in proposals}
    assert {"TTLDTT", "CO_TINH", "GDVH"} & codes == set()
    assert "LDTT" in codes


def test_person_page_shows_the_panel_with_reasons(world):
    this_year = timezone.localdate().year  # the page proposes for the current year
    make_rating(person=world.person_a, year=this_year, level="HTNV")
    with translation.override("vi"):
        response = client_for(world, "specialist").get(reverse("people:detail", kwargs={"pk": world.person_a.pk}))
    assert response.status_code == 200
    verdicts = _verdicts(response.context["proposals"])
    assert verdicts["LDTT"] == "ineligible"  # HTNV is below HTTNV (Luật Điều 24 khoản 1 điểm a)
    body = response.content.decode()
    assert 'id="eligibility-panel"' in body
    assert f"Có thể đề nghị khen thưởng cho thành tích năm {this_year}" in body


def test_unit_page_shows_collective_proposals(world):
    response = client_for(world, "specialist").get(reverse("orgs:detail", kwargs={"pk": world.unit_a.pk}))
    codes = {p.award_type.code for p in response.context["proposals"]}
    assert {"TTLDTT", "TTLDXS", "CO_TINH"} <= codes
    assert "LDTT" not in codes


def test_awards_without_encoded_criteria_are_listed_apart_for_the_council(world):
    with translation.override("vi"):
        response = client_for(world, "specialist").get(reverse("people:detail", kwargs={"pk": world.person_a.pk}))
    checked = {p.award_type.code for p in response.context["proposals_checked"]}
    council = {p.award_type.code for p in response.context["proposals_council"]}
    assert {"LDTT", "CSTD_CS", "CSTD_TINH", "BK_TINH"} <= checked
    assert {"HC_SAO_VANG", "NGND", "GK"} <= council
    assert checked & council == set()
    assert f"{len(council)} danh hiệu, hình thức khác do Hội đồng xem xét" in response.content.decode()
