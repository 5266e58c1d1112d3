"""A member marked absent by the standing body can be taken back, with a reason, through the transition primitive
(SHEET_MACHINE): history and audit keep both steps, the member counts again (the ranking waits for its sheet),
and the refusals say why — no reason, not the standing body, not absent, a published round."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from tdkt.audit.models import AuditEvent
from tdkt.movements.scoring import participation, services, sheets
from tdkt.movements.scoring.enums import Participation, RoundState
from tdkt.movements.scoring.models import ScoreSheet, SheetParticipationChange
from tests.scoring.support import make_round
from tests.scoring.test_fairness import _close, _fill


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def _absent_b(world):
    scoring_round = make_round(world)
    _fill(scoring_round, world.unit_a, world.users["clerk_a"], 17)
    _close(scoring_round, world)
    sheets.review_sheet(scoring_round, world.unit_a, by=world.users["specialist"])
    participation.mark_absent(scoring_round, world.unit_b, by=world.users["specialist"], reason="Sáp nhập đơn vị")
    return scoring_round


def test_an_absence_taken_back_is_kept_in_the_history_and_blocks_the_ranking_again(world):
    scoring_round = _absent_b(world)
    specialist = world.users["specialist"]
    sheet = participation.undo_absent(scoring_round, world.unit_b, by=specialist, reason="Ghi nhầm đơn vị")
    assert (sheet.participation, sheet.absent_at, sheet.absent_reason, sheet.absent_by_id) == (
        Participation.TAKING_PART, None, "", None)
    stored = ScoreSheet.objects.get(pk=sheet.pk)
    assert (stored.participation, stored.absent_at, stored.absent_reason) == (Participation.TAKING_PART, None, "")
    assert list(SheetParticipationChange.objects.filter(sheet=sheet).values_list(
        "from_state", "to_state", "reason", "by_id", "extra")) == [
        ("taking_part", "absent", "Sáp nhập đơn vị", specialist.pk, {"unit": world.unit_b.pk}),
        ("absent", "taking_part", "Ghi nhầm đơn vị", specialist.pk,
         {"unit": world.unit_b.pk, "absent_reason": "Sáp nhập đơn vị"}),
    ]
    audit = list(AuditEvent.objects.filter(object_type="scoring.scoresheet", object_id=str(sheet.pk))
                 .order_by("id").values_list("changes__participation", "changes__reason"))
    assert audit == [(["taking_part", "absent"], "Sáp nhập đơn vị"), (["absent", "taking_part"], "Ghi nhầm đơn vị")]
    message = ("Chưa thể xếp hạng: cần bảng điểm đã gửi và đã thẩm định của mọi thành viên, hoặc thành viên được cơ "
               "quan thường trực ghi nhận vắng mặt; còn thiếu 1/2 đơn vị (chưa gửi: Sở Giáo dục và Đào tạo).")
    with pytest.raises(ValidationError, match=f"^{re.escape(str([message]))}$"):
        services.publish_round(scoring_round, by=world.users["clerk_a"])
    # Marked absent again, with a new reason: the round can be published.
    participation.mark_absent(scoring_round, world.unit_b, by=specialist, reason="Không gửi bảng điểm")
    services.publish_round(scoring_round, by=world.users["clerk_a"])
    assert SheetParticipationChange.objects.filter(sheet=sheet).count() == 3


def test_taking_back_an_absence_is_refused_without_a_reason_or_by_another_persona(world):
    scoring_round = _absent_b(world)
    with pytest.raises(ValidationError, match=r"^\{'reason': \['Nêu lý do Sở Giáo dục và Đào tạo tham gia đợt chấm "
                                              r"điểm trở lại\.'\]\}$"):
        participation.undo_absent(scoring_round, world.unit_b, by=world.users["specialist"], reason="  ")
    for persona in ("clerk_a", "clerk_b", "council_member"):
        with pytest.raises(PermissionDenied, match=r"^Chỉ cơ quan thường trực của tỉnh được hủy ghi nhận vắng mặt "
                                                   r"của thành viên\.$"):
            participation.undo_absent(scoring_round, world.unit_b, by=world.users[persona], reason="Nhầm")
    with pytest.raises(ValidationError, match=r"^\['Sở Y tế không bị ghi nhận vắng mặt trong đợt chấm điểm này\.'\]$"):
        participation.undo_absent(scoring_round, world.unit_a, by=world.users["specialist"], reason="Nhầm")
    assert ScoreSheet.objects.get(round=scoring_round, unit=world.unit_b).participation == Participation.ABSENT


def test_an_absence_in_a_published_round_stays(world):
    scoring_round = _absent_b(world)
    services.publish_round(scoring_round, by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\['Đợt chấm điểm đã công bố và khóa: không thể thay đổi điểm\.'\]$"):
        participation.undo_absent(scoring_round, world.unit_b, by=world.users["specialist"], reason="Nhầm")
    assert scoring_round.state == RoundState.PUBLISHED


def test_the_round_page_takes_an_absence_back(world, client):
    scoring_round = _absent_b(world)
    client.force_login(world.users["specialist"])
    url = reverse("scoring:round", args=[scoring_round.pk])
    page = client.get(url).content.decode()
    undo = reverse("scoring:sheet_absent_undo", args=[scoring_round.pk, world.unit_b.pk])
    assert f'action="{undo}"' in page and "Hủy ghi nhận vắng mặt" in page
    response = client.post(undo, {"reason": "Ghi nhầm đơn vị"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert ("Sở Giáo dục và Đào tạo tham gia đợt chấm điểm trở lại: bảng điểm phải được gửi và thẩm định."
            in response.content.decode())
    assert ScoreSheet.objects.get(round=scoring_round, unit=world.unit_b).participation == Participation.TAKING_PART
    refused = client.post(undo, {"reason": "Lần nữa"}, follow=True).content.decode()
    assert "Sở Giáo dục và Đào tạo không bị ghi nhận vắng mặt trong đợt chấm điểm này." in refused
