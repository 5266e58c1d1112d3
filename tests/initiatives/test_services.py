"""The register's services: registration scoped by unit, the council's evaluation, the recognition that
enters the authors' histories, and the refusals with their Vietnamese messages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tdkt.awards import queries as award_queries
from tdkt.awards.models import Initiative
from tdkt.initiatives import services
from tdkt.initiatives.enums import WorkState
from tdkt.initiatives.models import Author, Work
from tests.initiatives.support import evaluated, pdf, recognised, registered


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_clerk_registers_a_work_of_own_unit_with_shares_and_evidence(world):
    work = registered(world, evidence=[pdf()])
    assert work.state == WorkState.REGISTERED
    assert [(a.person.full_name, a.share) for a in work.authors.all()] == [
        ("Nguyễn Văn An", 60), ("Đặng Thị Đào", 40)]
    assert [e.name for e in work.evidence.all()] == ["minh-chung.pdf"]
    assert work.search_text == "so hoa ho so benh an dien tu nguyen van an dang thi dao so y te y te"


def test_clerk_cannot_register_for_another_unit(world):
    with pytest.raises(ValidationError, match="Bạn không được đăng ký sáng kiến cho đơn vị này"):
        registered(world, unit=world.unit_b, authors=[(world.person_b, 100)])
    assert Work.objects.count() == 0


def test_shares_not_summing_to_100_are_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError, match="cộng lại là 90%; phải bằng 100%") as caught:
        registered(world, authors=[(world.person_a, 60), (world.person_a_child, 30)])
    assert caught.value.message_dict == {
        "authors": ["Tỷ lệ đóng góp của các tác giả cộng lại là 90%; phải bằng 100%."]}
    assert (Work.objects.count(), Author.objects.count()) == (0, 0)


def test_an_author_listed_twice_is_refused(world):
    with pytest.raises(ValidationError, match="Tác giả thứ 2: Nguyễn Văn An bị ghi hai lần"):
        registered(world, authors=[(world.person_a, 50), (world.person_a, 50)])


def test_recognition_enters_every_author_history_with_its_scope(world):
    work = recognised(world)
    assert work.state == WorkState.RECOGNISED
    record = Initiative.objects.get()
    assert work.record_id == record.pk
    assert (record.title, record.year, record.scope, record.decision_number, record.decision_date) == (
        "Số hóa hồ sơ bệnh án điện tử", 2025, "TINH", "125/QĐ-UBND", datetime.date(2025, 6, 10))
    assert sorted(p.full_name for p in record.authors.all()) == ["Nguyễn Văn An", "Đặng Thị Đào"]
    assert [i.title for i in award_queries.initiatives_of(world.person_a_child)] == ["Số hóa hồ sơ bệnh án điện tử"]
    assert [(c.from_state, c.to_state) for c in work.state_changes.all()] == [
        ("registered", "evaluated"), ("evaluated", "recognised")]
    members = work.evaluation.members.order_by("id")
    assert [(m.person.full_name, m.score, m.vote) for m in members] == [
        ("Đặng Thị Đào", 85, "for"), ("Giàng A Páo", None, "for")]


def test_unit_clerk_recognises_grassroots_scope_but_not_provincial(world):
    work = evaluated(world, registered(world))
    with pytest.raises(ValidationError, match="Chỉ cơ quan thường trực ghi nhận công nhận phạm vi cấp tỉnh"):
        recognised(world, work, by="clerk_a", scope="TINH")
    assert Work.objects.get().state == WorkState.EVALUATED
    assert recognised(world, work, by="clerk_a", scope="CO_SO").scope == "CO_SO"


def test_clerk_of_another_unit_cannot_evaluate(world):
    work = registered(world)
    with pytest.raises(PermissionDenied, match="Chỉ cán bộ của đơn vị hoặc cơ quan thường trực"):
        evaluated(world, work, by="clerk_b")


def test_a_member_without_score_or_vote_is_named(world):
    work = registered(world)
    with pytest.raises(ValidationError, match=r"Thành viên thứ 1 \(Giàng A Páo\): nhập điểm hoặc biểu quyết"):
        services.evaluate_work(work, by=world.users["clerk_a"], meeting_date=datetime.date(2025, 5, 2), passed=True,
                               members=[(world.person_b, None, "")])
    assert Work.objects.get().state == WorkState.REGISTERED


def test_recognition_needs_a_positive_evaluation_and_a_decision_after_the_meeting(world):
    work = evaluated(world, registered(world), passed=False)
    with pytest.raises(ValidationError, match="Hội đồng không đề nghị công nhận"):
        recognised(world, work)
    other = evaluated(world, registered(world, title="Quy trình khám sàng lọc"))
    with pytest.raises(ValidationError, match=r"Quyết định có ngày trước ngày họp hội đồng \(20/05/2025\)"):
        recognised(world, other, day=datetime.date(2025, 5, 1))


def test_not_recognised_keeps_the_reason(world):
    work = evaluated(world, registered(world), passed=False)
    services.reject_work(work, by=world.users["clerk_a"], reason="Chưa chứng minh hiệu quả")
    change = Work.objects.get().state_changes.last()
    assert (change.to_state, change.reason) == ("not_recognised", "Chưa chứng minh hiệu quả")
    assert Initiative.objects.count() == 0
