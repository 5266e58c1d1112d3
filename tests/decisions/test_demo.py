"""The demo hook: authority, templates, fund, one published decision from approved nominations; wiped whole."""

from tdkt.awards.models import AwardRecord
from tdkt.decisions import demo
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import Decision, IssuingAuthority, RewardFund
from tdkt.decisions.payments import ledger
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
    assert demo.wipe_demo() > 0
    assert not Decision.objects.exists() and not IssuingAuthority.objects.exists()
    assert not AwardRecord.objects.filter(person=world.person_a).exists()


def test_without_council_results_the_demo_decides_straight_from_the_registry(world):
    message = demo.load_demo(2026)
    decision = Decision.objects.get()
    assert decision.state == DecisionState.PUBLISHED
    assert list(decision.lines.values_list("group", "display_name")) == [
        ("collective", "Bệnh viện Đa khoa tỉnh"), ("individual", "Nguyễn Văn An")]
    assert message.startswith("Quyết định: cơ quan ban hành Ủy ban nhân dân tỉnh Lào Cai, 2 mẫu căn cứ, quỹ thi đua, "
                              "khen thưởng số dư đầu kỳ 5.000.000.000 đồng;")
    assert AwardRecord.objects.filter(unit=world.unit_a_child, decision_number="01/QĐ-UBND").exists()
    demo.wipe_demo()
    assert not AwardRecord.objects.exists()
