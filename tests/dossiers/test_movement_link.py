"""Issue 20 item 5: the dossier form and the API offer the movement: only the movements open to the dossier's
unit (taking part, started, not over for longer than MOVEMENT_DOSSIER_GRACE_DAYS); an unknown or closed one is
refused with a Vietnamese message naming the field; a review round's call carries its movement."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.api.models import ApiToken
from tdkt.dossiers import movement_link, workflow
from tdkt.dossiers.models import Dossier
from tdkt.movements.models import MovementParticipant
from tdkt.movements.reviews import open_review
from tests.conftest import client_for
from tests.dossiers.support import draft_of_unit_a
from tests.movements.reviewing import running_movement

D = datetime.date
DAY = D(2026, 9, 1)


@pytest.fixture
def grace(settings):
    settings.MOVEMENT_DOSSIER_GRACE_DAYS = 30
    return settings


def _movement(world, case):
    """One movement per case of the table below."""
    base = {"start_date": D(2026, 1, 1), "end_date": D(2026, 12, 31)}
    if case == "province_everyone":
        return running_movement("PT tỉnh", **base)
    if case == "ended_within_grace":
        return running_movement("PT vừa kết thúc", start_date=D(2026, 1, 1), end_date=D(2026, 8, 15))
    if case == "ended_long_ago":
        return running_movement("PT đã kết thúc", start_date=D(2025, 1, 1), end_date=D(2026, 7, 31))
    if case == "not_started":
        return running_movement("PT chưa bắt đầu", start_date=D(2026, 10, 1), end_date=D(2026, 12, 31))
    if case == "launched_by_unit_a":
        return running_movement("PT của Sở A", level="unit", launching_unit=world.unit_a, **base)
    if case == "launched_by_unit_b":
        return running_movement("PT của Sở B", level="unit", launching_unit=world.unit_b, **base)
    if case in ("chosen_unit_a", "chosen_unit_b"):
        movement = running_movement(f"PT {case}", target_scope="units", **base)
        unit = world.unit_a if case == "chosen_unit_a" else world.unit_b
        MovementParticipant.objects.create(movement=movement, unit=unit)
        return movement
    if case == "chosen_group":
        movement = running_movement("PT khối", target_scope="groups", **base)
        MovementParticipant.objects.create(movement=movement, group=world.group_year.group)
        return movement
    if case == "chosen_group_other_years":
        movement = running_movement("PT khối 2027", target_scope="groups", start_date=D(2027, 1, 1),
                                    end_date=D(2027, 12, 31))
        MovementParticipant.objects.create(movement=movement, group=world.group_year.group)
        return movement
    raise AssertionError(case)


OPEN = None  # the unit may name the movement


@pytest.mark.parametrize(("case", "unit", "refusal"), [
    ("province_everyone", "unit_a", OPEN),
    ("ended_within_grace", "unit_a", OPEN),
    ("ended_long_ago", "unit_a", "Phong trào thi đua: “PT đã kết thúc” đã kết thúc ngày 31/07/2026; không còn nhận hồ sơ."),
    ("not_started", "unit_a", "Phong trào thi đua: “PT chưa bắt đầu” bắt đầu ngày 01/10/2026; chưa nhận hồ sơ."),
    ("launched_by_unit_a", "unit_a", OPEN),
    ("launched_by_unit_a", "unit_a_child", OPEN),  # the units below the launching unit take part
    ("launched_by_unit_b", "unit_a", "Phong trào thi đua: “Sở Y tế” không tham gia phong trào “PT của Sở B”."),
    ("chosen_unit_a", "unit_a", OPEN),
    ("chosen_unit_a", "unit_a_child", OPEN),
    ("chosen_unit_b", "unit_a", "Phong trào thi đua: “Sở Y tế” không tham gia phong trào “PT chosen_unit_b”."),
    ("chosen_group", "unit_b", OPEN),  # a member of the group in 2026
    ("chosen_group_other_years", "unit_b", "Phong trào thi đua: “PT khối 2027” bắt đầu ngày 01/01/2027; chưa nhận hồ sơ."),
    ("chosen_group", "home_affairs", "Phong trào thi đua: “Sở Nội vụ” không tham gia phong trào “PT khối”."),
])
def test_which_movements_a_unit_may_name(world, grace, case, unit, refusal):
    movement, unit = _movement(world, case), getattr(world, unit)
    if refusal is None:
        movement_link.check_movement(unit, movement, DAY)
        assert movement_link.open_movements(unit, DAY).filter(pk=movement.pk).exists()
        return
    with pytest.raises(ValidationError, match=r"^\{'movement': \[") as refused:
        movement_link.check_movement(unit, movement, DAY)
    assert refused.value.message_dict == {"movement": [refusal.replace("Sở Y tế", unit.name)]}
    assert not movement_link.open_movements(unit, DAY).filter(pk=movement.pk).exists()


def test_create_and_edit_keep_the_movement(world):
    movement = running_movement()
    dossier = draft_of_unit_a(world, movement=movement)
    assert Dossier.objects.get(pk=dossier.pk).movement == movement
    other = running_movement("PT khác")
    workflow.update_dossier(dossier, {"movement": other}, by=world.users["clerk_a"])
    assert Dossier.objects.get(pk=dossier.pk).movement == other


def test_a_closed_movement_already_named_stays_but_cannot_be_chosen_anew(world):
    movement = running_movement()
    dossier = draft_of_unit_a(world, movement=movement)
    today = timezone.localdate()
    type(movement).objects.filter(pk=movement.pk).update(start_date=today - datetime.timedelta(days=800),
                                                         end_date=today - datetime.timedelta(days=700))
    movement.refresh_from_db()
    workflow.update_dossier(dossier, {"title": "Đổi tên", "movement": movement}, by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\{'movement': \['Phong trào thi đua: “Phong trào Chuyển đổi số” đã kết thúc ngày"):
        draft_of_unit_a(world, movement=movement)


def test_a_review_round_carries_its_movement(world):
    movement, today = running_movement(), timezone.localdate()
    review = open_review(movement, by=world.users["specialist"], kind="midterm_review", held_on=today,
                         cut_off=today)
    dossier = draft_of_unit_a(world, call=review.call)
    assert Dossier.objects.get(pk=dossier.pk).movement == movement
    with pytest.raises(ValidationError, match=r"^\{'movement': \['Phong trào thi đua: đợt nhận hồ sơ “Sơ kết phong trào Phong trào Chuyển đổi số” là đợt khen thưởng"):
        draft_of_unit_a(world, call=review.call, movement=running_movement("PT khác"))


def test_the_form_offers_open_movements_and_explains_a_refusal(world):
    open_one = running_movement("PT đang chạy")
    today = timezone.localdate()
    closed = running_movement("PT đã đóng", start_date=today - datetime.timedelta(days=900),
                              end_date=today - datetime.timedelta(days=800))
    client = client_for(world, "clerk_a")
    page = client.get(reverse("dossiers:create"))
    offered = [label for value, label in page.context["form"].fields["movement"].widget.choices if value]
    assert "PT đang chạy" in offered and "PT đã đóng" not in offered
    data = {"unit": world.unit_a.pk, "title": "Khen thưởng phong trào", "kind": "thematic",
            "authority": "province_chair", "year": 2026}
    refused = client.post(reverse("dossiers:create"), data | {"movement": closed.pk})
    assert refused.status_code == 200
    assert refused.context["form"].errors["movement"] == [
        f"Phong trào thi đua: “PT đã đóng” đã kết thúc ngày {closed.end_date:%d/%m/%Y}; không còn nhận hồ sơ."]
    assert not Dossier.objects.exists()
    created = client.post(reverse("dossiers:create"), data | {"movement": open_one.pk})
    dossier = Dossier.objects.get()
    assert created.status_code == 302 and dossier.movement == open_one
    detail = client.get(reverse("dossiers:detail", kwargs={"pk": dossier.pk})).content.decode()
    assert reverse("movements:detail", kwargs={"pk": open_one.pk}) in detail
    edit = client.get(reverse("dossiers:edit", kwargs={"pk": dossier.pk}))
    assert edit.context["form"].initial["movement"] == open_one


def test_the_form_of_unit_b_does_not_offer_unit_a_movements(world):
    running_movement("PT của Sở A", level="unit", launching_unit=world.unit_a)
    page = client_for(world, "clerk_b").get(reverse("dossiers:create"))
    offered = [label for value, label in page.context["form"].fields["movement"].widget.choices if value]
    assert "PT của Sở A" not in offered
    assert "PT của Sở A" in [label for value, label in client_for(world, "clerk_a").get(reverse(
        "dossiers:create")).context["form"].fields["movement"].widget.choices if value]


# --- the API ----------------------------------------------------------------------------------------------------

def _api(world, persona):
    _row, raw = ApiToken.issue(world.users[persona], "QLVB")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _create(client, world, **extra):
    return client.post("/api/v1/dossiers", {"unit_id": world.unit_a.pk, "title": "Khen thưởng phong trào",
                                             "year": 2026, **extra}, content_type="application/json")


def test_api_creates_and_reads_the_movement(world):
    movement = running_movement()
    client = _api(world, "clerk_a")
    created = _create(client, world, movement_id=movement.pk)
    assert created.status_code == 201, created.content
    assert (created.json()["movement_id"], created.json()["movement"]) == (movement.pk, "Phong trào Chuyển đổi số")
    listed = client.get("/api/v1/dossiers").json()
    assert [(row["movement_id"], row["movement"]) for row in listed] == [(movement.pk, "Phong trào Chuyển đổi số")]
    without = _create(client, world)
    assert (without.status_code, without.json()["movement_id"], without.json()["movement"]) == (201, None, None)


def test_api_refuses_unknown_closed_and_foreign_movements(world):
    today = timezone.localdate()
    closed = running_movement("PT đã đóng", start_date=today - datetime.timedelta(days=900),
                              end_date=today - datetime.timedelta(days=800))
    foreign = running_movement("PT của Sở B", level="unit", launching_unit=world.unit_b)
    client = _api(world, "clerk_a")
    cases = [(999999, "Phong trào thi đua: không có phong trào thi đua nào có mã 999999."),
             (closed.pk, f"Phong trào thi đua: “PT đã đóng” đã kết thúc ngày {closed.end_date:%d/%m/%Y}; "
                         "không còn nhận hồ sơ."),
             (foreign.pk, "Phong trào thi đua: “Sở Y tế” không tham gia phong trào “PT của Sở B”.")]
    for pk, message in cases:
        refused = _create(client, world, movement_id=pk)
        assert (refused.status_code, refused.json()["detail"]) == (400, message.replace("Sở Y tế", world.unit_a.name))
    assert not Dossier.objects.exists()
