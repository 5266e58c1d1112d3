"""A round from self-scoring to the proposals: the change log, adjustments answered once, the published
(locked) ranking, the group's dossier at the province and the 20 % cap on the Government flag."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.dossiers.enums import DossierState
from tdkt.dossiers.models import Dossier, DossierDocument
from tdkt.movements.scoring import participation, proposals, services, sheets
from tdkt.movements.scoring.enums import RoundKind, RoundState
from tdkt.movements.scoring.models import LeaderProposal, RankingResult, RoundStateChange, ScoreChange
from tdkt.movements.scoring.queries import compute_ranking, unit_rank_history
from tests.factories import make_group_year, make_unit, make_user
from tests.scoring.support import (
    count_as_submitted_and_reviewed,
    criterion,
    make_group_head_also,
    make_round,
    pdf_upload,
    png_upload,
)


def _score(scoring_round, unit, user, **points):
    for code, value in points.items():
        sheets.save_self_score(scoring_round, unit, criterion(scoring_round, code.replace("_", ".")), by=user,
                               points=Decimal(value))


def test_every_self_score_change_is_logged(world):
    scoring_round = make_round(world)
    clerk = world.users["clerk_b"]
    c12 = criterion(scoring_round, "1.2")
    sheets.save_self_score(scoring_round, world.unit_b, c12, by=clerk, points=Decimal(12))
    sheets.save_self_score(scoring_round, world.unit_b, c12, by=clerk, points=Decimal("12.5"))
    sheets.save_self_score(scoring_round, world.unit_b, c12, by=clerk, points=Decimal("12.5"))  # no change: no row
    sheets.save_self_score(scoring_round, world.unit_b, c12, by=clerk, explanation="Tổ chức 4 đợt thi đua")
    sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.1"), by=clerk,
                           evidence=png_upload())
    rows = list(ScoreChange.objects.order_by("id").values_list("kind", "old_points", "new_points", "fields", "by"))
    assert rows == [
        ("self", None, Decimal(12), "points", clerk.pk),
        ("self", Decimal(12), Decimal("12.5"), "points", clerk.pk),
        ("self", Decimal("12.5"), Decimal("12.5"), "explanation", clerk.pk),
        ("self", None, None, "evidence", clerk.pk),
    ]
    assert ScoreChange.objects.last().reason.startswith("Minh chứng anh.png (sha256 ")


def test_adjustment_is_logged_and_answered_once(world):
    scoring_round = make_round(world)
    _score(scoring_round, world.unit_b, world.users["clerk_b"], **{"1_2": 18})
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    adjustment = sheets.adjust_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"),
                                     by=world.users["clerk_a"], points=Decimal(15), reason="Thiếu 1 đợt phát động")
    last = ScoreChange.objects.order_by("id").last()
    assert (last.kind, last.old_points, last.new_points, last.reason, last.by) == (
        "adjustment", Decimal(18), Decimal(15), "Thiếu 1 đợt phát động", world.users["clerk_a"])
    score = adjustment.score
    score.refresh_from_db()
    assert (score.self_points, score.points) == (Decimal(18), Decimal(15))
    with pytest.raises(PermissionDenied, match=r"^Bạn không thuộc Sở Giáo dục và Đào tạo: mỗi đơn vị chỉ tự chấm điểm của mình\.$"):  # the head does not answer for the unit
        sheets.answer_adjustment(adjustment, by=world.users["clerk_a"], answer="Đồng ý")
    sheets.answer_adjustment(adjustment, by=world.users["clerk_b"], answer="Đơn vị xin giữ 18 điểm")
    with pytest.raises(ValidationError, match=r"^\['Đơn vị đã trả lời điều chỉnh này \(chỉ được trả lời một lần\)\.'\]$") as exc:
        sheets.answer_adjustment(adjustment, by=world.users["clerk_b"], answer="Bổ sung")
    assert exc.value.messages == ["Đơn vị đã trả lời điều chỉnh này (chỉ được trả lời một lần)."]
    adjustment.refresh_from_db()
    assert adjustment.unit_answer == "Đơn vị xin giữ 18 điểm"


def test_a_member_does_not_adjust(world):
    scoring_round = make_round(world)
    with pytest.raises(PermissionDenied, match=r"^Chỉ Trưởng “Khối Văn hóa - Xã hội \(2026\)” được điều chỉnh điểm của các thành viên\.$") as exc:
        sheets.adjust_score(scoring_round, world.unit_a, criterion(scoring_round, "1.2"), by=world.users["clerk_b"],
                            points=Decimal(1), reason="x")
    assert str(exc.value) == "Chỉ Trưởng “Khối Văn hóa - Xã hội (2026)” được điều chỉnh điểm của các thành viên."


def test_submission_needs_normal_criteria_and_required_evidence(world):
    scoring_round = make_round(world)
    clerk = world.users["clerk_b"]
    _score(scoring_round, world.unit_b, clerk, **{"1_1": 8})
    with pytest.raises(ValidationError, match=r"^\['Các tiêu chí chưa chấm điểm: 1\.2\.', 'Cần có minh chứng cho các tiêu chí: 1\.1\.'\]$") as exc:
        sheets.submit_sheet(scoring_round, world.unit_b, by=clerk)
    assert exc.value.messages == ["Các tiêu chí chưa chấm điểm: 1.2.", "Cần có minh chứng cho các tiêu chí: 1.1."]
    _score(scoring_round, world.unit_b, clerk, **{"1_2": 15})
    sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.1"), by=clerk,
                           evidence=pdf_upload())
    sheet = sheets.submit_sheet(scoring_round, world.unit_b, by=clerk)
    assert sheet.submitted_at is not None


def test_ranking_totals_weights_bonus_and_penalty(world):
    scoring_round = make_round(world, tie_breaks=["fewer_penalty"])
    c12 = criterion(scoring_round, "1.2")
    services.update_criterion(c12, by=world.users["specialist"], weight=Decimal("1.5"))
    _score(scoring_round, world.unit_b, world.users["clerk_b"], **{"1_1": 10, "1_2": 10, "2": 2, "3": -1})
    _score(scoring_round, world.unit_a, world.users["clerk_a"], **{"1_1": 10, "1_2": 10, "2": 1})
    count_as_submitted_and_reviewed(world, scoring_round)  # only submitted sheets count
    ranked = compute_ranking(scoring_round)
    assert [(r.name, r.total, r.bonus, r.penalty, r.rank) for r in ranked] == [  # fewer penalty wins the tie
        ("Sở Y tế", Decimal("26.00"), Decimal("1.00"), Decimal("0.00"), 1),
        ("Sở Giáo dục và Đào tạo", Decimal("26.00"), Decimal("2.00"), Decimal("1.00"), 2),
    ]


def _published_round(world):
    scoring_round = make_round(world)
    _score(scoring_round, world.unit_b, world.users["clerk_b"], **{"1_1": 9, "1_2": 19, "2": 3})
    _score(scoring_round, world.unit_a, world.users["clerk_a"], **{"1_1": 8, "1_2": 17})
    sheets.save_report(scoring_round, world.unit_b, by=world.users["clerk_b"], uploaded=pdf_upload("bc-sgddt.pdf"))
    sheets.save_report(scoring_round, world.unit_a, by=world.users["clerk_a"], uploaded=pdf_upload("bc-syt.pdf"))
    count_as_submitted_and_reviewed(world, scoring_round)
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    services.publish_round(scoring_round, by=world.users["clerk_a"])
    return scoring_round


def test_publishing_freezes_the_ranking_and_logs_the_states(world):
    scoring_round = _published_round(world)
    assert list(RankingResult.objects.filter(round=scoring_round).values_list("unit__name", "total", "rank",
                                                                                "published")) == [
        ("Sở Giáo dục và Đào tạo", Decimal("31.00"), 1, True), ("Sở Y tế", Decimal("25.00"), 2, True)]
    assert list(RoundStateChange.objects.filter(round=scoring_round).values_list("from_state", "to_state")) == [
        ("", "open"), ("open", "under_review"), ("under_review", "published")]
    with pytest.raises(ValidationError, match=r"^\['Đợt chấm điểm đang ở trạng thái “Đã công bố \(đã khóa\)”: không thể chuyển sang “Đang tự chấm điểm”\.'\]$") as exc:
        services.change_round_state(scoring_round, RoundState.OPEN, by=world.users["clerk_a"])
    assert exc.value.messages == ["Đợt chấm điểm đang ở trạng thái “Đã công bố (đã khóa)”: không thể chuyển sang "
                                  "“Đang tự chấm điểm”."]
    history = unit_rank_history([world.unit_b.pk, world.unit_a.pk])
    assert history[(world.unit_b.pk, 2026)]["rank"] == 1
    assert history[(world.unit_a.pk, 2026)]["group"] == "Khối Văn hóa - Xã hội"


def test_proposals_become_a_group_dossier_at_the_province(world):
    scoring_round = _published_round(world)
    head = make_group_head_also(world)
    with pytest.raises(ValidationError, match=r"^\['Đợt chấm điểm đã công bố và khóa: không thể thay đổi điểm\.'\]$"):  # reports are sent before publishing, with the sheets
        sheets.save_report(scoring_round, world.unit_b, by=world.users["clerk_b"], uploaded=pdf_upload())
    proposals.record_tally(scoring_round, world.unit_b, by=head, votes_for=2, members_voting=2)
    outcome = proposals.propose_leaders(scoring_round, by=head)
    dossier = Dossier.objects.get(pk=outcome.dossier.pk)
    assert outcome.problems == []
    assert (dossier.unit, dossier.group_year, dossier.kind, dossier.state, dossier.year) == (
        world.unit_a, world.group_year, "year_end", DossierState.SUBMITTED, 2026)
    lines = list(dossier.nominations.order_by("position").values_list("unit__name", "award_type__code"))
    assert lines == [("Sở Giáo dục và Đào tạo", "CO_TINH"), ("Sở Y tế", "BK_TINH")]
    assert sorted(DossierDocument.objects.filter(dossier=dossier).values_list("document_type", flat=True)) == [
        "council_minutes", "cover_letter"]
    assert all(dossier.nominations.values_list("report_file", flat=True))
    with pytest.raises(ValidationError, match=r"^\['Đề nghị khen thưởng của đợt này đã được gửi\.'\]$") as exc:
        proposals.propose_leaders(scoring_round, by=head)
    assert exc.value.messages == ["Đề nghị khen thưởng của đợt này đã được gửi."]


def test_mid_year_round_proposes_nothing(world):
    scoring_round = make_round(world, kind=RoundKind.MID_YEAR)
    for unit in (world.unit_a, world.unit_b):
        participation.mark_absent(scoring_round, unit, by=world.users["specialist"], reason="Không tổ chức sơ kết")
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    services.publish_round(scoring_round, by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\['Cờ thi đua và Bằng khen chỉ được đề nghị từ đợt tổng kết năm\.'\]$") as exc:
        proposals.propose_leaders(scoring_round, by=world.users["clerk_a"])
    assert exc.value.messages == ["Cờ thi đua và Bằng khen chỉ được đề nghị từ đợt tổng kết năm."]


def test_tally_cannot_exceed_the_members(world):
    scoring_round = make_round(world)
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\{'members_voting': \['Số thành viên bỏ phiếu phải từ 1 đến 2 \(số thành viên của cụm, khối\)\.'\]\}$") as exc:
        proposals.record_tally(scoring_round, world.unit_b, by=world.users["clerk_a"], votes_for=2, members_voting=3)
    assert exc.value.messages == ["Số thành viên bỏ phiếu phải từ 1 đến 2 (số thành viên của cụm, khối)."]
    with pytest.raises(ValidationError, match=r"^\{'votes_for': \['Số phiếu đồng ý \(3\) không được lớn hơn số thành viên bỏ phiếu \(2\)\.'\]\}$") as exc:
        proposals.record_tally(scoring_round, world.unit_b, by=world.users["clerk_a"], votes_for=3, members_voting=2)
    assert exc.value.messages == ["Số phiếu đồng ý (3) không được lớn hơn số thành viên bỏ phiếu (2)."]


def _leader_rounds(world, count):
    """`count` published year-end rounds whose leader is proposed for CO_TINH (rows written directly: the
    cap only counts them)."""
    from tdkt.awards.models import AwardType
    from tdkt.movements.scoring.models import ScoringRound, ScoringTemplate

    flag = AwardType.objects.get(code="CO_TINH")
    rounds = []
    for index in range(count):
        leader = make_unit(f"Xã Thi Đua {index}")
        group_year = make_group_year(f"Cụm số {index}", head=leader)
        template = ScoringTemplate.objects.create(group_year=group_year, title="Bảng")
        scoring_round = ScoringRound.objects.create(group_year=group_year, template=template, kind="year_end",
                                                    state="published")
        LeaderProposal.objects.create(round=scoring_round, unit=leader, award_type=flag, rank=1, year=2026)
        rounds.append((scoring_round, leader))
    return rounds


def test_government_flag_capped_at_20_percent_of_the_leaders(world):
    rounds = _leader_rounds(world, 11)  # 20 % of 11 leaders: 2
    specialist = world.users["specialist"]
    proposals.propose_government_flag(*rounds[0], by=specialist)
    proposals.propose_government_flag(*rounds[1], by=specialist)
    with pytest.raises(ValidationError, match=r"^\['Số đề nghị Cờ thi đua của Chính phủ không quá 20% trong 11 đơn vị dẫn đầu cụm, khối được đề nghị Cờ thi đua của tỉnh năm 2026, tức là 2; đã đề nghị 2 \(Nghị định 152/2025/NĐ-CP, khoản 1 Điều 7\)\.'\]$") as exc:
        proposals.propose_government_flag(*rounds[2], by=specialist)
    assert exc.value.messages == [
        "Số đề nghị Cờ thi đua của Chính phủ không quá 20% trong 11 đơn vị dẫn đầu cụm, khối được đề nghị Cờ thi "
        "đua của tỉnh năm 2026, tức là 2; đã đề nghị 2 (Nghị định 152/2025/NĐ-CP, khoản 1 Điều 7)."]
    assert LeaderProposal.objects.filter(award_type__code="CO_CP").count() == 2
    cap = proposals.government_flag_cap(2026)
    assert (cap.leaders, cap.allowed, cap.used, cap.left) == (11, 2, 2, 0)


def test_government_flag_only_for_a_leader_and_only_by_the_province(world):
    scoring_round, leader = _leader_rounds(world, 5)[0]
    other = make_unit("Xã Không Dẫn Đầu")
    with pytest.raises(ValidationError, match=r"^\['Xã Không Dẫn Đầu không phải đơn vị dẫn đầu cụm, khối được đề nghị Cờ thi đua của tỉnh năm 2026\.'\]$") as exc:
        proposals.propose_government_flag(scoring_round, other, by=world.users["specialist"])
    assert exc.value.messages == ["Xã Không Dẫn Đầu không phải đơn vị dẫn đầu cụm, khối được đề nghị Cờ thi đua "
                                  "của tỉnh năm 2026."]
    with pytest.raises(PermissionDenied, match=r"^Chỉ cơ quan thường trực của tỉnh được đề nghị Cờ thi đua của Chính phủ\.$"):
        proposals.propose_government_flag(scoring_round, leader, by=make_user("x", role="unit_clerk", unit=leader))


def test_copy_template_from_last_year(world):
    from tdkt.orgs.models import EmulationGroupYear
    from tests.scoring.support import make_template

    make_template(world)
    next_year = EmulationGroupYear.objects.create(group=world.group_year.group, year=2027)
    from tdkt.orgs.models import EmulationGroupMembership

    EmulationGroupMembership.objects.create(group_year=next_year, unit=world.unit_b, role="head")
    copy = services.copy_template_from_last_year(next_year, by=world.users["specialist"])
    assert copy.title == "Bảng tiêu chí khối VHXH 2027"
    assert list(copy.criteria.order_by("order").values_list("code", "parent__code", "max_points", "kind")) == [
        ("1", None, Decimal(30), "normal"), ("1.1", "1", Decimal(10), "normal"), ("1.2", "1", Decimal(20), "normal"),
        ("2", None, Decimal(5), "bonus"), ("3", None, Decimal(5), "penalty")]
