"""The khen cao pages as the province's specialist uses them, and the register list's fixed query count."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.awards.models import AwardRecord, AwardType
from tdkt.central import demo, register
from tdkt.central.enums import ProposalState as P
from tdkt.central.models import StateProposal
from tests.central.support import MESSY, sent_proposal, sheet, state_lines
from tests.conftest import client_for


def test_the_specialist_builds_sends_and_records_a_proposal(world):
    lines = state_lines(world)
    client = client_for(world, "specialist")
    award = lines[0].award_type
    page = client.get(reverse("central:proposal_create"), {"award_type": award.pk, "year": 2025})
    assert page.status_code == 200
    assert "Nguyễn Văn An" in page.text
    response = client.post(reverse("central:proposal_create"), {
        "award_type": award.pk, "year": 2025, "nomination": [line.pk for line in lines]})
    proposal = StateProposal.objects.get()
    assert response["Location"] == reverse("central:proposal", args=[proposal.pk])
    client.post(reverse("central:proposal_build", args=[proposal.pk]))
    response = client.post(reverse("central:proposal", args=[proposal.pk]), {
        "sent_on": "02/03/2026", "sent_via": "dms", "sent_reference": "", "paper_sets": "1"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.state, proposal.sent_on) == (P.SENT, datetime.date(2026, 3, 2))
    word = client.get(reverse("central:proposal_file", args=[proposal.pk, "word"]))
    assert word.status_code == 200
    assert b"".join(word.streaming_content)[:2] == b"PK"
    page = client.get(reverse("central:proposal", args=[proposal.pk]))
    assert "Chưa: phải nhận đủ cả hồ sơ giấy và tệp điện tử." in page.text


def test_the_specialist_imports_reviews_and_commits_a_decision(world):
    sent_proposal(world)
    client = client_for(world, "specialist")
    response = client.post(reverse("central:decision_create"), {
        "kind": "prime_minister", "number": "812/QĐ-TTg", "signed_on": "20/05/2026", "note": ""})
    decision = register.CentralDecision.objects.get()
    assert response["Location"] == reverse("central:decision", args=[decision.pk])
    upload = sheet(MESSY[:3])
    client.post(reverse("central:decision_import", args=[decision.pk]), {
        "file": SimpleUploadedFile("qd.xlsx", upload), "award_type": ""})
    page = client.get(reverse("central:decision", args=[decision.pk]))
    assert "Dòng 6: “Ông Trần Văn Lạ” không có trong đề nghị nào gửi Thủ tướng Chính phủ" in page.text
    client.post(reverse("central:decision_commit", args=[decision.pk]))
    assert AwardRecord.objects.filter(decision_number="812/QĐ-TTg").count() == 0
    review = decision.lines.get(row=6)
    client.post(reverse("central:decision_review", args=[decision.pk]), {"line": review.pk, "choice": "drop"})
    client.post(reverse("central:decision_commit", args=[decision.pk]))
    assert AwardRecord.objects.filter(decision_number="812/QĐ-TTg").count() == 2
    assert AwardType.objects.get(code="BK_TTG").records.count() == 2


@pytest.mark.parametrize("persona", ["clerk_a", "council_member"])
def test_others_cannot_act_on_the_register(world, persona):
    decision = register.record_decision(kind="prime_minister", number="9/QĐ-TTg", signed_on=datetime.date(2026, 1, 2),
                                        by=world.users["specialist"])
    response = client_for(world, persona).post(reverse("central:decision_commit", args=[decision.pk]))
    assert response.status_code == (404 if persona == "clerk_a" else 403)


def test_the_register_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries):
    client = client_for(world, "specialist")
    client.get(reverse("central:index"))  # the session and the scope cached once
    for number in range(3):
        register.record_decision(kind="prime_minister", number=f"{number}/QĐ-TTg",
                                 signed_on=datetime.date(2026, 1, 2), by=world.users["specialist"])
    with django_assert_num_queries(5) as captured:
        assert client.get(reverse("central:index")).status_code == 200
    more = len(captured.captured_queries)
    register.record_decision(kind="state_president", number="4/QĐ-CTN", signed_on=datetime.date(2026, 1, 2),
                             by=world.users["specialist"])
    with django_assert_num_queries(more):
        client.get(reverse("central:index"))


def test_the_demo_sends_a_proposal_and_records_its_decision(world):
    state_lines(world)
    assert demo.load_demo(2026).startswith("Khen cao: 1 đề nghị “Bằng khen của Thủ tướng Chính phủ” (2 dòng) đã gửi")
    assert AwardRecord.objects.filter(award_type__code="BK_TTG", source="external").count() == 2
