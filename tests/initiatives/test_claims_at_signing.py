"""A claim follows its dossier line (tdkt.initiatives.claim_events): signing the decision that awards the line
makes the claimed initiative used by that award (the register shows the award and its date) and closes the
claim; withdrawing, rejecting or not approving the line releases it. Then the second CSTĐ cannot rest on the
same initiative (Luật TĐKT 2022 Đ22.1.b, Đ23.2; CV 5007/BNV-TĐKT §III.5.c: one initiative, one award)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tdkt.awards.models import AwardRecord, Initiative
from tdkt.awards.queries import load_histories
from tdkt.dossiers import workflow
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.line_decisions import reject_line
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.dossiers.transitions import NOMINATION
from tdkt.eligibility.codes import FindingCode
from tdkt.eligibility.engine import evaluate
from tdkt.initiatives import services
from tdkt.initiatives.models import Claim
from tests.dossiers.support import add_line, draft_of_unit_a
from tests.factories import make_award, make_initiative
from tests.initiatives.support import evaluated, recognised, registered, sign_line


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def _claimed_line(world, work, *, person=None, code="CSTD_TINH", title="Hồ sơ thi đua 2025"):
    line = add_line(draft_of_unit_a(world, title=title), person=person or world.person_a, code=code)
    services.claim_work(work, line, by=world.users["clerk_a"])
    return line


def test_signing_uses_the_claimed_initiative_and_closes_the_claim(world, client):
    work = recognised(world)
    older = make_initiative(world.person_a, year=2025, scope="TINH", title="Sáng kiến cũ hơn")  # the fallback's pick
    line = _claimed_line(world, work)
    sign_line(world, line)
    award = AwardRecord.objects.get(person=world.person_a, award_type__code="CSTD_TINH")
    work.refresh_from_db()
    assert (work.record.used_for_id, Initiative.objects.get(pk=older.pk).used_for_id) == (award.pk, None)
    claim = Claim.objects.get()
    assert (claim.used_for_id, claim.released_at is not None, claim.released_reason) == (
        award.pk, True, "Đã dùng cho khen thưởng theo quyết định 01/QĐ-UBND.")
    client.force_login(world.users["clerk_a"])
    page = client.get(f"/initiatives/{work.pk}/").content.decode()
    assert ('<dd id="work-used-for">Chiến sĩ thi đua cấp tỉnh 2025 — 01/QĐ-UBND, 10/07/2026</dd>' in page)
    assert f"— đã dùng {timezone.localtime(claim.released_at):%d/%m/%Y}: Đã dùng cho khen thưởng theo quyết định 01/QĐ-UBND." in page


def test_the_fallback_leaves_alone_an_initiative_another_line_holds(world):
    """A co-author's CSTĐ line without a claim must not take the work the other author's line claimed."""
    work = recognised(world)
    _claimed_line(world, work, person=world.person_a_child, title="Hồ sơ chuyên đề 2025")
    unclaimed = add_line(draft_of_unit_a(world), person=world.person_a, code="CSTD_TINH")
    sign_line(world, unclaimed)
    work.refresh_from_db()
    assert work.record.used_for_id is None
    assert Claim.objects.get().released_at is None


def _second_claim_succeeds(world, work):
    other = add_line(draft_of_unit_a(world, title="Hồ sơ khác"), person=world.person_a_child, code="CSTD_TINH")
    return services.claim_work(work, other, by=world.users["clerk_a"]).nomination_id == other.pk


def test_withdrawing_the_dossier_frees_the_initiative(world):
    work = recognised(world)
    line = _claimed_line(world, work)
    workflow.withdraw_dossier(line.dossier, by=world.users["clerk_a"], reason="Đơn vị rút hồ sơ")
    claim = Claim.objects.get()
    assert claim.released_reason == "Tự động giải phóng: dòng đề nghị đã được rút."
    assert claim.used_for_id is None
    assert _second_claim_succeeds(world, work)


def test_rejecting_the_line_frees_the_initiative(world):
    work = recognised(world)
    line = _claimed_line(world, work)
    Dossier.objects.filter(pk=line.dossier_id).update(state=DossierState.IN_APPRAISAL)  # sent and received
    line.refresh_from_db()
    reject_line(line, by=world.users["specialist"], reason="Chưa đủ ba năm CSTĐ cơ sở liên tục")
    assert Claim.objects.get().released_reason == "Tự động giải phóng: dòng đề nghị bị loại khi thẩm định."
    assert _second_claim_succeeds(world, work)


def test_a_line_the_council_did_not_approve_frees_the_initiative(world):
    work = recognised(world)
    line = _claimed_line(world, work)
    Nomination.objects.filter(pk=line.pk).update(state=NominationState.ACCEPTED)
    line.refresh_from_db()
    NOMINATION.perform(line, "not_approve", by="council-count")
    assert Claim.objects.get().released_reason == "Tự động giải phóng: dòng đề nghị không được Hội đồng thông qua."


def test_a_line_put_on_hold_keeps_its_claim(world):
    work = recognised(world)
    line = _claimed_line(world, work)
    Nomination.objects.filter(pk=line.pk).update(state=NominationState.ACCEPTED)
    line.refresh_from_db()
    NOMINATION.perform(line, "hold", by="test", reason="Chờ ý kiến cơ quan")
    assert Claim.objects.get().released_at is None


def _findings(person, code, year):
    history = load_histories(person_ids=[person.pk])[("individual", person.pk)]
    result = evaluate(history.candidate(id="x", award=code, year=year), decision_date=datetime.date(year + 1, 3, 1))
    return {f.code: f.passed for f in result.findings if f.code in (FindingCode.INITIATIVE, FindingCode.INITIATIVE_USED)}


# (article, scope of the recognition, the award the claim is signed for, the next award checked, findings of
# the next one). Luật TĐKT 2022 Đ22.1.b: CSTĐ tỉnh rests on an initiative of provincial scope; Đ23.2: CSTĐ cơ
# sở on HTXSNV or a grassroots initiative [Q in law.md]; CV 5007 §III.5.c: one initiative, one award.
SECOND_CSTD = [
    ("Đ22.1.b", "TINH", "CSTD_TINH", ("CSTD_TINH", 2026), {FindingCode.INITIATIVE: False}),
    ("Đ22.1.b", "TINH", "CSTD_TINH", ("CSTD_TINH", 2025), {FindingCode.INITIATIVE: True}),  # the award it grounds
    ("Đ22.1.b", "TOAN_QUOC", "CSTD_TINH", ("CSTD_TINH", 2026), {FindingCode.INITIATIVE: False}),  # wider scope
]


@pytest.mark.parametrize(("article", "scope", "first", "second", "expected"), SECOND_CSTD,
                         ids=[f"{row[0]}-{row[2]}-then-{row[3][0]}-{row[3][1]}" for row in SECOND_CSTD])
def test_the_second_cstd_cannot_rest_on_the_same_initiative(world, article, scope, first, second, expected):
    for year in (2022, 2023, 2024, 2025):
        make_award(person=world.person_a, code="CSTD_CS", year=year)
    by = "specialist" if scope != "CO_SO" else "clerk_a"
    work = recognised(world, evaluated(world, registered(world)), by=by, scope=scope)
    sign_line(world, _claimed_line(world, work, code=first))
    assert _findings(world.person_a, *second) == expected
    later = add_line(draft_of_unit_a(world, title="Hồ sơ năm sau"), person=world.person_a, code=second[0])
    with pytest.raises(ValidationError, match="đã được dùng để đề nghị"):
        services.claim_work(work, later, by=world.users["clerk_a"])
