"""Fair scoring (issue 20, item 6): each attack of the issue reproduced and refused — a ranking published with
6 of 10 members unscored, drafts counted, a unit with only a draft proposed, a bonus above its maximum, the head
reviewing itself, the head's clerk reading the members' sheets during self-scoring, a published ranking
reopened without a reason — and the aggregation chosen per group."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tdkt.audit.models import AuditEvent
from tdkt.movements.scoring import participation, proposals, services, sheets
from tdkt.movements.scoring.enums import Aggregation, CriterionKind, RoundState
from tdkt.movements.scoring.models import RankingResult, RoundStateChange, ScoreSheet, ScoringRound
from tdkt.movements.scoring.queries import compute_ranking, store_ranking
from tdkt.movements.scoring.ranking import aggregate
from tdkt.orgs.enums import GroupRole
from tdkt.orgs.models import EmulationGroupMembership
from tests.factories import Role, make_unit, make_user
from tests.scoring.support import criterion, make_group_head_also, make_round


def _fill(scoring_round, unit, user, points=15, submit=True):
    """1.1 at 0 (no evidence needed), 1.2 at `points`; submitted unless told."""
    sheets.save_self_score(scoring_round, unit, criterion(scoring_round, "1.1"), by=user, points=Decimal(0))
    sheets.save_self_score(scoring_round, unit, criterion(scoring_round, "1.2"), by=user, points=Decimal(points))
    if submit:
        sheets.submit_sheet(scoring_round, unit, by=user)


def _close(scoring_round, world):
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["specialist"])
    scoring_round.refresh_from_db()


def _ready(world, *, a=17, b=19):
    """Both members scored, submitted, reviewed (unit_b by the head, the head's own sheet by the standing body)."""
    scoring_round = make_round(world)
    _fill(scoring_round, world.unit_a, world.users["clerk_a"], a)
    _fill(scoring_round, world.unit_b, world.users["clerk_b"], b)
    _close(scoring_round, world)
    sheets.review_sheet(scoring_round, world.unit_b, by=world.users["clerk_a"])
    sheets.review_sheet(scoring_round, world.unit_a, by=world.users["specialist"])
    return scoring_round


def _ten_member_round(world):
    """World's block gets 8 more members ("Xã 01".."Xã 08"; 10 in all), each with its clerk."""
    clerks = {}
    for n in range(1, 9):
        unit = make_unit(f"Xã {n:02d}")
        EmulationGroupMembership.objects.create(group_year=world.group_year, unit=unit, role=GroupRole.MEMBER)
        clerks[unit] = make_user(f"vanthu.xa{n:02d}", role=Role.UNIT_CLERK, unit=unit)
    return make_round(world), clerks


def test_a_ranking_with_6_of_10_members_unscored_is_refused_naming_them(world):
    scoring_round, clerks = _ten_member_round(world)
    units = list(clerks)
    _fill(scoring_round, world.unit_a, world.users["clerk_a"], 17)
    _fill(scoring_round, world.unit_b, world.users["clerk_b"], 19)
    _fill(scoring_round, units[0], clerks[units[0]], 12)
    _fill(scoring_round, units[1], clerks[units[1]], 11, submit=False)  # a draft only
    _close(scoring_round, world)
    for unit in (world.unit_b, units[0]):
        sheets.review_sheet(scoring_round, unit, by=world.users["clerk_a"])
    message = ("Chưa thể xếp hạng: cần bảng điểm đã gửi và đã thẩm định của mọi thành viên, hoặc thành viên được cơ "
               "quan thường trực ghi nhận vắng mặt; còn thiếu 8/10 đơn vị (chưa gửi: Xã 02, Xã 03, Xã 04, Xã 05, "
               "Xã 06, Xã 07, Xã 08; đã gửi nhưng chưa thẩm định: Sở Y tế).")
    with pytest.raises(ValidationError, match=f"^{re.escape(str([message]))}$"):
        services.publish_round(scoring_round, by=world.users["clerk_a"])
    assert ScoringRound.objects.get(pk=scoring_round.pk).state == RoundState.UNDER_REVIEW
    assert not RankingResult.objects.filter(round=scoring_round).exists()
    sheets.review_sheet(scoring_round, world.unit_a, by=world.users["specialist"])
    for unit in units[1:7]:  # 6 marked absent with a reason, one still missing
        participation.mark_absent(scoring_round, unit, by=world.users["specialist"], reason="Sáp nhập, không tham gia")
    with pytest.raises(ValidationError, match=r"còn thiếu 1/10 đơn vị \(chưa gửi: Xã 08\)\.'\]$"):
        services.publish_round(scoring_round, by=world.users["clerk_a"])
    participation.mark_absent(scoring_round, units[7], by=world.users["specialist"], reason="Không gửi bảng điểm")
    services.publish_round(scoring_round, by=world.users["clerk_a"])
    assert list(RankingResult.objects.filter(round=scoring_round).values_list("unit__name", "total")) == [
        ("Sở Giáo dục và Đào tạo", Decimal("19.00")), ("Sở Y tế", Decimal("17.00")), ("Xã 01", Decimal("12.00"))]
    absent = AuditEvent.objects.filter(changes__absent_reason="Không gửi bảng điểm")
    assert [row.actor_id for row in absent] == [world.users["specialist"].pk]


def test_draft_sheets_never_count(world):
    scoring_round = make_round(world)
    _fill(scoring_round, world.unit_b, world.users["clerk_b"], 20, submit=False)
    _fill(scoring_round, world.unit_a, world.users["clerk_a"], 5)
    assert [(r.name, r.total) for r in compute_ranking(scoring_round)] == [
        ("Sở Y tế", Decimal("5.00")), ("Sở Giáo dục và Đào tạo", Decimal("0.00"))]
    sheets.submit_sheet(scoring_round, world.unit_b, by=world.users["clerk_b"])
    assert [(r.name, r.total) for r in compute_ranking(scoring_round)] == [
        ("Sở Giáo dục và Đào tạo", Decimal("20.00")), ("Sở Y tế", Decimal("5.00"))]


def test_a_submitted_sheet_is_not_edited(world):
    scoring_round = make_round(world)
    _fill(scoring_round, world.unit_b, world.users["clerk_b"], 15)
    date = timezone.localtime(ScoreSheet.objects.get(round=scoring_round, unit=world.unit_b).submitted_at
                              ).strftime("%d/%m/%Y")
    message = f"Bảng điểm của Sở Giáo dục và Đào tạo đã gửi ngày {date}: không thể sửa nữa."
    with pytest.raises(ValidationError, match=f"^{re.escape(str([message]))}$"):
        sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"),
                               by=world.users["clerk_b"], points=Decimal(20))


def test_a_unit_with_only_a_draft_is_not_proposed(world):
    """A round published before the rule (forced here): the draft unit at the top is still not proposed."""
    scoring_round = make_round(world)
    _fill(scoring_round, world.unit_b, world.users["clerk_b"], 20, submit=False)
    _fill(scoring_round, world.unit_a, world.users["clerk_a"], 5)
    ScoringRound.objects.filter(pk=scoring_round.pk).update(state=RoundState.PUBLISHED)
    scoring_round.refresh_from_db()
    store_ranking(scoring_round, compute_ranking(scoring_round), published=True)
    head = make_group_head_also(world)
    with pytest.raises(ValidationError, match=r"^\['Chưa thể xếp hạng: .*chưa gửi: Sở Giáo dục và Đào tạo; "
                                              r"đã gửi nhưng chưa thẩm định: Sở Y tế\)\.'\]$"):
        proposals.propose_leaders(scoring_round, by=head)
    with pytest.raises(ValidationError, match=r"^\['Không đề nghị khen thưởng cho đơn vị có bảng điểm chưa gửi hoặc "
                                              r"chưa được thẩm định: Sở Y tế, Sở Giáo dục và Đào tạo\.'\]$"):
        proposals._require_reviewed(scoring_round, list(RankingResult.objects.filter(round=scoring_round)
                                                        .select_related("unit")))


def _bonus_template(world):
    scoring_round = make_round(world)
    specialist = world.users["specialist"]
    heading = services.add_criterion(scoring_round.template, by=specialist, code="4", title="Điểm thưởng sáng kiến",
                                     max_points=Decimal(5), kind=CriterionKind.BONUS)
    for code in ("4.1", "4.2"):
        services.add_criterion(scoring_round.template, by=specialist, code=code, title=f"Thưởng {code}",
                               parent=heading, max_points=Decimal(3), kind=CriterionKind.BONUS)
    return scoring_round


def test_a_bonus_above_its_maximum_is_refused_not_dropped(world):
    scoring_round = _bonus_template(world)
    clerk = world.users["clerk_b"]
    sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "4.1"), by=clerk, points=Decimal(3))
    message = "Tiêu chí 4.2: tổng điểm thưởng thuộc mục 4 sẽ là 6, vượt quá điểm tối đa 5."
    with pytest.raises(ValidationError, match=f"^{re.escape(str({'points': [message]}))}$"):
        sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "4.2"), by=clerk,
                               points=Decimal(3))
    with pytest.raises(ValidationError, match=r"^\{'points': \['Tiêu chí 2: 5,5 điểm vượt quá điểm tối đa 5\.'\]\}$"):
        sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "2"), by=clerk,
                               points=Decimal("5.5"))
    sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "4.2"), by=clerk, points=Decimal(2))
    _fill(scoring_round, world.unit_b, clerk, 10)
    _close(scoring_round, world)
    with pytest.raises(ValidationError, match=re.escape("Tiêu chí 4.2: tổng điểm thưởng thuộc mục 4 sẽ là 5,5")):
        sheets.adjust_score(scoring_round, world.unit_b, criterion(scoring_round, "4.2"), by=world.users["clerk_a"],
                            points=Decimal("2.5"), reason="Thêm")
    assert [(r.name, r.total, r.bonus) for r in compute_ranking(scoring_round)][0] == (
        "Sở Giáo dục và Đào tạo", Decimal("15.00"), Decimal("5.00"))


def test_the_head_does_not_review_itself_and_is_not_proposed_without_that_review(world):
    scoring_round = make_round(world)
    _fill(scoring_round, world.unit_a, world.users["clerk_a"], 20)
    _fill(scoring_round, world.unit_b, world.users["clerk_b"], 10)
    _close(scoring_round, world)
    head_clerk = make_group_head_also(world)
    with pytest.raises(PermissionDenied, match=r"^Sở Y tế là đơn vị Trưởng cụm, khối: bảng điểm của chính đơn vị do "
                                               r"đơn vị Phó trưởng hoặc cơ quan thường trực thẩm định\.$"):
        sheets.review_sheet(scoring_round, world.unit_a, by=head_clerk)
    sheets.review_sheet(scoring_round, world.unit_b, by=head_clerk)
    with pytest.raises(ValidationError, match=r"đã gửi nhưng chưa thẩm định: Sở Y tế\)\.'\]$"):
        services.publish_round(scoring_round, by=head_clerk)
    # The deputy head unit reviews the head's sheet (a clerk of unit_b once unit_b is the deputy).
    EmulationGroupMembership.objects.filter(group_year=world.group_year, unit=world.unit_b).update(
        role=GroupRole.DEPUTY)
    scoring_round = ScoringRound.objects.select_related("group_year").get(pk=scoring_round.pk)
    with pytest.raises(PermissionDenied, match=r"^Chỉ Trưởng “Khối Văn hóa - Xã hội \(2026\)” thẩm định bảng điểm"):
        sheets.review_sheet(scoring_round, world.unit_b, by=world.users["clerk_b"])
    sheets.review_sheet(scoring_round, world.unit_a, by=world.users["clerk_b"])
    services.publish_round(scoring_round, by=head_clerk)
    outcome = proposals.propose_leaders(scoring_round, by=head_clerk)
    assert [(p.unit.name, p.award_type.code) for p in outcome.proposals] == [
        ("Sở Y tế", "CO_TINH"), ("Sở Giáo dục và Đào tạo", "BK_TINH")]


def test_a_draft_is_not_reviewed_and_absence_needs_a_reason_from_the_standing_body(world):
    scoring_round = make_round(world)
    _fill(scoring_round, world.unit_b, world.users["clerk_b"], 10, submit=False)
    with pytest.raises(ValidationError, match=r"^\['Hãy kết thúc tự chấm điểm trước khi thẩm định các bảng điểm\.'\]$"):
        sheets.review_sheet(scoring_round, world.unit_b, by=world.users["clerk_a"])
    _close(scoring_round, world)
    with pytest.raises(ValidationError, match=r"^\['Sở Giáo dục và Đào tạo chưa gửi bảng điểm: không thể thẩm định "
                                              r"bản nháp\.'\]$"):
        sheets.review_sheet(scoring_round, world.unit_b, by=world.users["clerk_a"])
    with pytest.raises(PermissionDenied, match=r"^Chỉ cơ quan thường trực của tỉnh ghi nhận thành viên vắng mặt\.$"):
        participation.mark_absent(scoring_round, world.unit_b, by=world.users["clerk_a"], reason="Vắng")
    with pytest.raises(ValidationError, match=r"^\{'reason': \['Nêu lý do Sở Giáo dục và Đào tạo vắng mặt trong đợt "
                                              r"chấm điểm\.'\]\}$"):
        participation.mark_absent(scoring_round, world.unit_b, by=world.users["specialist"], reason="  ")


def test_the_heads_clerk_does_not_read_members_sheets_during_self_scoring(world, as_persona):
    scoring_round = make_round(world)
    _fill(scoring_round, world.unit_b, world.users["clerk_b"], 10, submit=False)
    make_group_head_also(world)  # a GROUP_HEAD reads the members' units in its scope: still not their sheets
    head = as_persona("clerk_a")
    sheet_url = reverse("scoring:sheet", args=[scoring_round.pk, world.unit_b.pk])
    assert head.get(sheet_url).status_code == 404
    assert head.get(reverse("scoring:review", args=[scoring_round.pk])).status_code == 403
    assert head.get(reverse("scoring:sheet", args=[scoring_round.pk, world.unit_a.pk])).status_code == 200
    assert as_persona("clerk_b").get(sheet_url).status_code == 200
    assert as_persona("specialist").get(sheet_url).status_code == 200
    page = head.get(reverse("scoring:round", args=[scoring_round.pk])).content.decode()
    assert f'href="{sheet_url}"' not in page
    _close(scoring_round, world)
    assert head.get(sheet_url).status_code == 200
    assert head.get(reverse("scoring:review", args=[scoring_round.pk])).status_code == 200


def test_review_and_absence_through_the_round_page(world, as_persona):
    scoring_round = make_round(world)
    _fill(scoring_round, world.unit_b, world.users["clerk_b"], 10)
    _close(scoring_round, world)
    head = as_persona("clerk_a")
    response = head.post(reverse("scoring:sheet_review", args=[scoring_round.pk, world.unit_b.pk]), follow=True)
    assert "Bảng điểm của Sở Giáo dục và Đào tạo đã được thẩm định: được tính vào bảng xếp hạng." in \
        response.content.decode()
    response = head.post(reverse("scoring:sheet_review", args=[scoring_round.pk, world.unit_a.pk]), follow=True)
    assert "Sở Y tế là đơn vị Trưởng cụm, khối" not in response.content.decode()  # 403, not a message
    assert response.status_code == 403
    specialist = as_persona("specialist")
    response = specialist.post(reverse("scoring:sheet_absent", args=[scoring_round.pk, world.unit_a.pk]),
                               {"reason": "Đơn vị đang sáp nhập"}, follow=True)
    assert "Sở Y tế được ghi nhận vắng mặt trong đợt chấm điểm." in response.content.decode()
    response = head.post(reverse("scoring:round_state", args=[scoring_round.pk]), {"to": "published"}, follow=True)
    assert "Đợt chấm điểm" in response.content.decode()
    assert ScoringRound.objects.get(pk=scoring_round.pk).state == RoundState.PUBLISHED
    outsider = make_unit("Sở Tài chính")
    assert specialist.post(reverse("scoring:sheet_absent", args=[scoring_round.pk, outsider.pk])).status_code == 404


def test_a_published_ranking_is_reopened_only_with_a_reason_and_history_kept(world):
    scoring_round = _ready(world)
    services.publish_round(scoring_round, by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\{'reason': \['Nêu lý do mở lại bảng xếp hạng đã công bố: lịch sử "
                                              r"lưu lại lý do này\.'\]\}$"):
        services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"],
                                reason="Sai điểm tiêu chí 1.2 của Sở Y tế")
    row = RoundStateChange.objects.filter(round=scoring_round).order_by("id").last()
    assert (row.from_state, row.to_state, row.reason) == ("published", "under_review",
                                                          "Sai điểm tiêu chí 1.2 của Sở Y tế")
    assert row.extra["published_ranking"] == [[world.unit_b.pk, "19.00", 1], [world.unit_a.pk, "17.00", 2]]
    assert set(RankingResult.objects.filter(round=scoring_round).values_list("published", flat=True)) == {False}
    sheets.adjust_score(scoring_round, world.unit_a, criterion(scoring_round, "1.2"), by=world.users["clerk_a"], points=Decimal(20), reason="Bổ sung minh chứng")
    services.publish_round(scoring_round, by=world.users["clerk_a"])
    head = make_group_head_also(world)
    proposals.propose_leaders(scoring_round, by=head)
    with pytest.raises(ValidationError, match=r"^\['Đề nghị của đợt này đã được gửi: không thể mở lại bảng xếp hạng\.'\]$"):
        services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"], reason="Lại")


def test_median_and_mean_per_group(world):
    scoring_round = make_round(world)
    template = scoring_round.template
    _fill(scoring_round, world.unit_a, world.users["clerk_a"], 20)  # 0 and 20: sum 20, mean 10, median 10
    for code, points in (("1.1", 0), ("1.2", 6), ("2", 5)):  # 0, 6, 5: sum 11, mean 3,67, median 5
        sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, code),
                               by=world.users["clerk_b"], points=Decimal(points))
    sheets.submit_sheet(scoring_round, world.unit_b, by=world.users["clerk_b"])
    totals = {}
    for method in Aggregation.values:
        template.aggregation = method
        template.save(update_fields=["aggregation"])
        scoring_round = ScoringRound.objects.select_related("template").get(pk=scoring_round.pk)
        totals[method] = [(r.name, r.total) for r in compute_ranking(scoring_round)]
    assert totals == {
        "sum": [("Sở Y tế", Decimal("20.00")), ("Sở Giáo dục và Đào tạo", Decimal("11.00"))],
        "mean": [("Sở Y tế", Decimal("10.00")), ("Sở Giáo dục và Đào tạo", Decimal("3.67"))],
        "median": [("Sở Y tế", Decimal("10.00")), ("Sở Giáo dục và Đào tạo", Decimal("5.00"))],
    }


points = st.decimals(min_value=-50, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(points, max_size=30))
def test_aggregate_sum_mean_median(values):
    total = aggregate(values, Aggregation.SUM)
    assert total == sum(values, Decimal(0))
    assert aggregate(list(reversed(values)), Aggregation.MEDIAN) == aggregate(values, Aggregation.MEDIAN)
    if not values:
        assert aggregate(values, Aggregation.MEAN) == aggregate(values, Aggregation.MEDIAN) == 0
        return
    mean, median = aggregate(values, Aggregation.MEAN), aggregate(values, Aggregation.MEDIAN)
    assert min(values) <= mean <= max(values)
    assert min(values) <= median <= max(values)
    assert abs(mean * len(values) - total) < Decimal("1e-20")
    below = sum(1 for v in values if v < median)
    above = sum(1 for v in values if v > median)
    assert below <= len(values) // 2 and above <= len(values) // 2
    if len(values) % 2:
        assert median in values


def test_the_leaderboard_page_keeps_its_query_count(world, as_persona):
    scoring_round = _ready(world)
    client = as_persona("specialist")
    url = reverse("scoring:leaderboard", args=[scoring_round.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(6):
        unit = make_unit(f"Phường {n}")
        EmulationGroupMembership.objects.create(group_year=world.group_year, unit=unit, role=GroupRole.MEMBER)
        clerk = make_user(f"vanthu.p{n}", role=Role.UNIT_CLERK, unit=unit)
        ScoringRound.objects.filter(pk=scoring_round.pk).update(state=RoundState.OPEN)
        _fill(scoring_round, unit, clerk, n)
    ScoringRound.objects.filter(pk=scoring_round.pk).update(state=RoundState.UNDER_REVIEW)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
