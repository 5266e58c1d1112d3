"""Bad input of the issue, refused with exact Vietnamese messages (issue 7, "Bad input")."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.movements.scoring import participation, services, sheets
from tdkt.movements.scoring.enums import RoundState
from tdkt.movements.scoring.models import ScoreChange
from tests.factories import make_group_year, make_unit
from tests.scoring.support import criterion, exe_upload, make_round, make_template, submit_and_review_all


def _messages(exc):
    return exc.value.messages


@pytest.mark.parametrize(("code", "points", "message"), [
    ("1.1", Decimal("10.5"), "Tiêu chí 1.1: 10,5 điểm vượt quá điểm tối đa 10."),
    ("1.2", Decimal("-1"), "Tiêu chí 1.2: điểm không được âm."),
    ("2", Decimal("-0.5"), "Tiêu chí 2: điểm không được âm."),
    ("3", Decimal("2"), "Tiêu chí 3 là tiêu chí trừ điểm: nhập số điểm trừ là số âm (tối đa -5)."),
    ("3", Decimal("-6"), "Tiêu chí 3: mức trừ -6 điểm vượt quá mức trừ tối đa 5."),
])
def test_points_out_of_range_are_refused(world, code, points, message):
    scoring_round = make_round(world)
    with pytest.raises(ValidationError, match=f"^{re.escape(str({'points': [message]}))}$") as exc:
        sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, code),
                               by=world.users["clerk_b"], points=points)
    assert _messages(exc) == [message]
    assert ScoreChange.objects.count() == 0


def test_penalty_accepts_a_deduction_and_normal_accepts_the_maximum(world):
    scoring_round = make_round(world)
    clerk = world.users["clerk_b"]
    sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "3"), by=clerk, points=Decimal(-5))
    score = sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"), by=clerk,
                                   points=Decimal(20))
    assert score.points == Decimal(20)


def test_scoring_after_the_round_is_locked_is_refused(world):
    scoring_round = make_round(world)
    submit_and_review_all(world, scoring_round, points={world.unit_a: 10})
    participation.mark_absent(scoring_round, world.unit_b, by=world.users["specialist"], reason="Không tham gia")
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\['Đợt chấm điểm đang được Trưởng cụm, khối xem xét: không thể sửa điểm tự chấm nữa\.'\]$") as exc:
        sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"),
                               by=world.users["clerk_b"], points=Decimal(5))
    assert _messages(exc) == ["Đợt chấm điểm đang được Trưởng cụm, khối xem xét: không thể sửa điểm tự chấm nữa."]
    services.publish_round(scoring_round, by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\['Đợt chấm điểm đã công bố và khóa: không thể thay đổi điểm\.'\]$") as exc:
        sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"),
                               by=world.users["clerk_b"], points=Decimal(5))
    assert _messages(exc) == ["Đợt chấm điểm đã công bố và khóa: không thể thay đổi điểm."]
    with pytest.raises(ValidationError, match=r"^\['Đợt chấm điểm đã công bố và khóa: không thể thay đổi điểm\.'\]$") as exc:
        sheets.adjust_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"), by=world.users["clerk_a"],
                            points=Decimal(5), reason="Sai")
    assert _messages(exc) == ["Đợt chấm điểm đã công bố và khóa: không thể thay đổi điểm."]


def test_a_unit_scoring_another_unit_is_refused(world):
    scoring_round = make_round(world)
    with pytest.raises(PermissionDenied, match=r"^Bạn không thuộc Sở Giáo dục và Đào tạo: mỗi đơn vị chỉ tự chấm điểm của mình\.$") as exc:
        sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"),
                               by=world.users["clerk_a"], points=Decimal(5))
    assert str(exc.value) == "Bạn không thuộc Sở Giáo dục và Đào tạo: mỗi đơn vị chỉ tự chấm điểm của mình."
    with pytest.raises(PermissionDenied, match=r"^Bạn không thuộc Sở Giáo dục và Đào tạo: mỗi đơn vị chỉ tự chấm điểm của mình\.$"):  # the standing body does not score for a unit either
        sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"),
                               by=world.users["specialist"], points=Decimal(5))


def test_a_group_without_a_head_cannot_get_a_template(world):
    headless = make_group_year("Cụm thi đua số 9", members=[make_unit("Xã Bát Xát")])
    with pytest.raises(ValidationError, match=r"^\['“Cụm thi đua số 9 \(2026\)” chưa có đơn vị Trưởng: cần phân công Trưởng cụm, khối trước khi chấm điểm\.'\]$") as exc:
        services.create_template(headless, by=world.users["specialist"], title="Bảng tiêu chí")
    assert _messages(exc) == ["“Cụm thi đua số 9 (2026)” chưa có đơn vị Trưởng: cần phân công Trưởng cụm, khối "
                              "trước khi chấm điểm."]


def test_two_templates_for_one_group_year_are_refused(world):
    make_template(world)
    with pytest.raises(ValidationError, match=r"^\['“Khối Văn hóa - Xã hội \(2026\)” đã có bảng tiêu chí chấm điểm: mỗi cụm, khối chỉ có một bảng tiêu chí cho một năm\.'\]$") as exc:
        services.create_template(world.group_year, by=world.users["specialist"], title="Bảng thứ hai")
    assert _messages(exc) == ["“Khối Văn hóa - Xã hội (2026)” đã có bảng tiêu chí chấm điểm: mỗi cụm, khối chỉ "
                              "có một bảng tiêu chí cho một năm."]


def test_evidence_of_the_wrong_type_is_refused(world):
    scoring_round = make_round(world)
    with pytest.raises(ValidationError, match=r"^\{'evidence': \['Minh chứng tiêu chí 1\.1: không chấp nhận loại tệp này\. Chỉ chấp nhận: tệp Word \(DOCX\), ảnh \(JPEG, PNG\), tệp PDF, tệp Excel \(XLSX\)\.'\]\}$") as exc:
        sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.1"),
                               by=world.users["clerk_b"], evidence=exe_upload())
    assert _messages(exc) == ["Minh chứng tiêu chí 1.1: không chấp nhận loại tệp này. Chỉ chấp nhận: tệp Word (DOCX), ảnh (JPEG, PNG), tệp PDF, "
                              "tệp Excel (XLSX)."]


def test_a_heading_takes_no_points(world):
    scoring_round = make_round(world)
    with pytest.raises(ValidationError, match=r"^\['Tiêu chí 1 là tiêu chí nhóm: hãy chấm điểm các tiêu chí con\.'\]$") as exc:
        sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1"),
                               by=world.users["clerk_b"], points=Decimal(5))
    assert _messages(exc) == ["Tiêu chí 1 là tiêu chí nhóm: hãy chấm điểm các tiêu chí con."]


def test_an_adjustment_needs_a_reason(world):
    scoring_round = make_round(world)
    with pytest.raises(ValidationError, match=r"^\['Đang trong thời gian tự chấm điểm: Trưởng cụm, khối chỉ điều chỉnh điểm sau khi kết thúc tự chấm\.'\]$"):
        sheets.adjust_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"), by=world.users["clerk_a"],
                            points=Decimal(5), reason="Sai")
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\{'reason': \['Cần ghi lý do điều chỉnh: đơn vị sẽ thấy lý do này\.'\]\}$") as exc:
        sheets.adjust_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"), by=world.users["clerk_a"],
                            points=Decimal(5), reason="  ")
    assert _messages(exc) == ["Cần ghi lý do điều chỉnh: đơn vị sẽ thấy lý do này."]


def test_typed_points_are_parsed_with_a_clear_message():
    assert services.parse_points("7,5", field_label="Điểm") == Decimal("7.5")
    assert services.parse_points("", field_label="Điểm") is None
    with pytest.raises(ValidationError, match=r"^\['Tiêu chí 1\.1: “bảy” không phải là số\.'\]$") as exc:
        services.parse_points("bảy", field_label="Tiêu chí 1.1")
    assert exc.value.messages == ["Tiêu chí 1.1: “bảy” không phải là số."]
    with pytest.raises(ValidationError, match=r"^\['Tiêu chí 1\.1: tối đa hai chữ số thập phân \(ví dụ 7,25\)\.'\]$") as exc:
        services.parse_points("7,125", field_label="Tiêu chí 1.1")
    assert exc.value.messages == ["Tiêu chí 1.1: tối đa hai chữ số thập phân (ví dụ 7,25)."]


def test_a_scored_criterion_keeps_its_kind_and_a_maximum_above_the_scores(world):
    scoring_round = make_round(world)
    c12 = criterion(scoring_round, "1.2")
    sheets.save_self_score(scoring_round, world.unit_b, c12, by=world.users["clerk_b"], points=Decimal(15))
    with pytest.raises(ValidationError, match=r"^\{'max_points': \['Đơn vị đã có 15 điểm ở tiêu chí 1\.2: không thể hạ điểm tối đa thấp hơn mức này\.'\]\}$") as exc:
        services.update_criterion(c12, by=world.users["specialist"], max_points=Decimal(12))
    assert _messages(exc) == ["Đơn vị đã có 15 điểm ở tiêu chí 1.2: không thể hạ điểm tối đa thấp hơn mức này."]
    with pytest.raises(ValidationError, match=r"^\{'kind': \['Tiêu chí 1\.2 đã có điểm của các đơn vị: không thể đổi loại tiêu chí\.'\]\}$") as exc:
        services.update_criterion(c12, by=world.users["specialist"], kind="bonus")
    assert _messages(exc) == ["Tiêu chí 1.2 đã có điểm của các đơn vị: không thể đổi loại tiêu chí."]
    services.update_criterion(c12, by=world.users["specialist"], max_points=Decimal(15), title="Tổ chức phong trào")
