"""The demo hook: authority, templates, fund, one published decision from approved nominations. Never wiped
row by row: the demo reset recreates the database (tests/orgs/test_seed_demo.py)."""

from tdkt.awards.models import AwardRecord
from tdkt.decisions import demo
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import Decision, DecisionLine, LegalBasisTemplate, RewardFund
from tdkt.decisions.payments import ledger
from tdkt.orgs.models import IssuingAuthority
from tests.decisions.support import approved, make_dossier


def test_load_and_wipe_the_demo(world):
    approved(make_dossier(world.unit_a), person=world.person_a)
    message = demo.load_demo(2026)
    authority = IssuingAuthority.objects.get()
    assert (authority.name, authority.place, authority.decider_title) == (
        "Ủy ban nhân dân tỉnh Lào Cai", "Lào Cai", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    decision = Decision.objects.get()
    assert (decision.state, decision.number_text) == (DecisionState.PUBLISHED, "01/QĐ-UBND")
    assert message.endswith("quyết định số 01/QĐ-UBND đã ký và công bố")
    rows, balance = ledger(RewardFund.objects.get())
    assert [row.entry.kind for row in rows] == ["receipt", "spending"]
    assert balance == 5_000_000_000 - decision.lines.get().amount
    assert AwardRecord.objects.filter(person=world.person_a).count() == 1
    assert demo.wipe_demo() == 0
    assert Decision.objects.get() == decision and IssuingAuthority.objects.get() == authority
    assert AwardRecord.objects.filter(person=world.person_a).count() == 1


def test_without_council_results_the_demo_decides_straight_from_the_registry(world):
    message = demo.load_demo(2026)
    decision = Decision.objects.get()
    assert decision.state == DecisionState.PUBLISHED
    assert list(decision.lines.values_list("group", "display_name")) == [
        ("collective", "Bệnh viện Đa khoa tỉnh"), ("individual", "Nguyễn Văn An")]
    assert message.startswith("Quyết định: cơ quan ban hành Ủy ban nhân dân tỉnh Lào Cai, 2 mẫu căn cứ, quỹ thi đua, "
                              "khen thưởng số dư đầu kỳ 5.000.000.000 đồng;")
    assert AwardRecord.objects.filter(unit=world.unit_a_child, decision_number="01/QĐ-UBND").exists()


def test_the_wipe_deletes_nothing_of_an_authority_that_shares_the_demo_name(world):
    """The old wipe picked "the demo authority" by the province's name, which the real authority also has."""
    demo.load_demo(2026)
    counts = (Decision.objects.count(), DecisionLine.objects.count(), AwardRecord.objects.count(),
              IssuingAuthority.objects.count(), RewardFund.objects.count(), LegalBasisTemplate.objects.count())
    assert demo.wipe_demo() == 0
    assert counts == (Decision.objects.count(), DecisionLine.objects.count(), AwardRecord.objects.count(),
                      IssuingAuthority.objects.count(), RewardFund.objects.count(),
                      LegalBasisTemplate.objects.count()) == (1, 2, 2, 1, 1, 2)
