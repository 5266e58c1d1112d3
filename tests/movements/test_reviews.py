"""Issue 20 item 5: a movement's page shows its dossiers, awards (through the decisions of those dossiers) and
figures; a review (sơ kết / tổng kết) is an award round of its own, with its report (a Word document in the
Decree-30 layout, figures from the data) and its decisions; old review milestones became reviews."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from tdkt.dossiers.models import Dossier, DossierCall
from tdkt.movements import reviews
from tdkt.movements.models import Milestone, MovementReview
from tests.conftest import client_for
from tests.decisions.support import make_dossier
from tests.movements.reviewing import awarded_movement, running_movement

MIGRATION = importlib.import_module("tdkt.movements.migrations.0006_reviews")


def test_movement_page_shows_awards_and_figures(world):
    movement, dossier, decision = awarded_movement(world, lines=2)
    response = client_for(world, "specialist").get(reverse("movements:detail", kwargs={"pk": movement.pk}))
    figures = response.context["figures"]
    assert [(row.code, row.proposed, row.awarded) for row in figures.rows] == [("BK_TINH", 3, 2)]
    assert (figures.proposed, figures.awarded, figures.by_level["province"], figures.by_level["state"]) == (3, 2, 2, 0)
    awards = response.context["awards"]
    assert sorted(str(a.person or a.unit) for a in awards) == ["Bệnh viện Đa khoa tỉnh", "Nguyễn Văn An"]
    assert {a.decision_id for a in awards} == {decision.pk}
    page = response.content.decode()
    assert "Khen thưởng của phong trào" in page and "Bằng khen" in page


def test_a_unit_sees_only_its_own_dossiers_awards(world):
    movement, _dossier, _decision = awarded_movement(world, lines=1)
    response = client_for(world, "clerk_b").get(reverse("movements:detail", kwargs={"pk": movement.pk}))
    assert [d.unit_id for d in response.context["dossiers"]] == [world.unit_b.pk]
    assert response.context["awards"] == []
    assert [(row.proposed, row.awarded) for row in response.context["figures"].rows] == [(1, 0)]


@pytest.mark.parametrize("lines", [1, 3])
def test_movement_page_queries_do_not_grow_with_awards(world, django_assert_num_queries, lines):
    movement, _dossier, _decision = awarded_movement(world, lines=lines)
    reviews.open_review(movement, by=world.users["specialist"], kind="midterm_review",
                        held_on=timezone.localdate(), cut_off=timezone.localdate())
    client = client_for(world, "specialist")
    url = reverse("movements:detail", kwargs={"pk": movement.pk})
    client.get(url)
    with django_assert_num_queries(14):
        response = client.get(url)
    assert len(response.context["awards"]) == lines


# --- reviews as award rounds --------------------------------------------------------------------------------

def test_opening_a_review_opens_its_award_round(world):
    movement = running_movement()
    today = timezone.localdate()
    review = reviews.open_review(movement, by=world.users["specialist"], kind="final_review", held_on=today,
                                 cut_off=today - datetime.timedelta(days=1), note="Hội nghị tổng kết")
    call = review.call
    assert (call.kind, call.movement_id, call.cut_off, call.is_open, call.name) == (
        "movement_review", movement.pk, today - datetime.timedelta(days=1), True,
        "Tổng kết phong trào Phong trào Chuyển đổi số")
    assert (review.period_from, review.period_to) == (movement.start_date, today)
    assert (review.milestone.kind, review.milestone.on) == ("final_review", today)


@pytest.mark.parametrize(("change", "errors"), [
    ({"held_on": -400}, {"held_on", "period_to", "cut_off"}),  # the period defaults to end on the review date
    ({"cut_off": 5}, {"cut_off"}),
    ({"period_from": -400}, {"period_from"}),
    ({"period_to": 5}, {"period_to"}),
    ({"kind": "launch"}, {"kind"}),
])
def test_bad_reviews_are_refused(world, change, errors):
    movement = running_movement()
    today = timezone.localdate()
    values = {"kind": "midterm_review", "held_on": today, "cut_off": today}
    for name, value in change.items():
        values[name] = today + datetime.timedelta(days=value) if isinstance(value, int) else value
    with pytest.raises(ValidationError, match=r"^\{'") as refused:
        reviews.open_review(movement, by=world.users["specialist"], **values)
    assert set(refused.value.message_dict) == errors
    assert not DossierCall.objects.exists() and not MovementReview.objects.exists()  # nothing half-saved


def test_a_second_final_review_is_refused(world):
    movement, today = running_movement(), timezone.localdate()
    reviews.open_review(movement, by=world.users["specialist"], kind="final_review", held_on=today, cut_off=today)
    with pytest.raises(ValidationError, match=r"^\{'kind': \['Phong trào đã có đợt tổng kết\.'\]\}$"):
        reviews.open_review(movement, by=world.users["specialist"], kind="final_review", held_on=today,
                            cut_off=today)


def test_the_review_form_opens_the_round(world):
    movement = running_movement()
    client = client_for(world, "specialist")
    today = timezone.localdate()
    response = client.post(reverse("movements:review_add", kwargs={"pk": movement.pk}), {
        "kind": "midterm_review", "held_on": today.strftime("%d/%m/%Y"), "cut_off": today.strftime("%d/%m/%Y")})
    review = MovementReview.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("movements:review",
                                                                         kwargs={"pk": review.pk})
    refused = client.post(reverse("movements:review_add", kwargs={"pk": movement.pk}), {
        "kind": "midterm_review", "held_on": today.strftime("%d/%m/%Y"),
        "cut_off": (today + datetime.timedelta(days=3)).strftime("%d/%m/%Y")})
    assert refused.context["form"].errors["cut_off"] == ["Hạn nhận hồ sơ sau ngày sơ kết, tổng kết."]


def test_review_page_shows_its_round_and_decision(world):
    movement, today = running_movement(), timezone.localdate()
    review = reviews.open_review(movement, by=world.users["specialist"], kind="midterm_review", held_on=today,
                                 cut_off=today)
    _m, dossier, decision = awarded_movement(world, lines=2, movement=movement, call=review.call)
    make_dossier(world.unit_a, movement=movement)  # of the movement, not of the round
    response = client_for(world, "specialist").get(reverse("movements:review", kwargs={"pk": review.pk}))
    assert sorted(d.pk for d in response.context["dossiers"]) == sorted(
        Dossier.objects.filter(call=review.call).values_list("pk", flat=True))
    [ref] = response.context["decisions"]
    assert (ref.decision_id, ref.awards) == (decision.pk, 2)
    assert reverse("decisions:detail", kwargs={"pk": decision.pk}) in response.content.decode()
    clerk = client_for(world, "clerk_a").get(reverse("movements:review", kwargs={"pk": review.pk}))
    assert [d.unit_id for d in clerk.context["dossiers"]] == [world.unit_a.pk]
    assert reverse("movements:review_report", kwargs={"pk": review.pk}) not in clerk.content.decode()


def _docx_text(document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return texts


def test_review_report_is_a_decree_30_word_document(world):
    movement, today = running_movement(), timezone.localdate()
    review = reviews.open_review(movement, by=world.users["specialist"], kind="midterm_review", held_on=today,
                                 cut_off=today)
    _m, _dossier, decision = awarded_movement(world, lines=2, movement=movement, call=review.call)
    response = client_for(world, "specialist").get(reverse("movements:review_report", kwargs={"pk": review.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'bao-cao-so-ket-phong-trao-{movement.pk}-{today:%Y%m%d}.docx"')
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    texts = _docx_text(document)
    assert "BÁO CÁO" in texts and "Sơ kết phong trào thi đua “Phong trào Chuyển đổi số”" in texts
    assert "Số:      /BC-UBND | Lào Cai, ngày     tháng     năm " + str(today.year) in texts
    assert (f"Đợt sơ kết (hạn nhận hồ sơ ngày {today:%d/%m/%Y}) đã nhận 2 hồ sơ đề nghị khen thưởng với 3 lượt đề "
            "nghị; đã khen thưởng 2 lượt tập thể, cá nhân. Từ khi phát động đến nay, phong trào có 2 hồ sơ, 3 lượt "
            "đề nghị và 2 lượt được khen thưởng.") in texts
    table = ["TT | Hình thức khen thưởng | Số lượt đề nghị | Số lượt khen thưởng",
             "I | Khen thưởng cấp tỉnh: 2 lượt | Khen thưởng cấp tỉnh: 2 lượt | Khen thưởng cấp tỉnh: 2 lượt",
             "1 | Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh | 3 | 2", " | Tổng cộng | 3 | 2"]
    start = texts.index(table[0])
    assert texts[start:start + 4] == table
    assert f"1 | {decision.number_text} | 10/07/2026 | Ủy ban nhân dân tỉnh Lào Cai | 2" in texts
    assert not any("Chuyên viên bổ sung" in text and not text.startswith("[") for text in texts)
    section = document.sections[0]
    assert (round(section.left_margin.mm), round(section.right_margin.mm), round(section.top_margin.mm)) == (30, 15, 20)


def test_review_report_is_for_province_wide_readers(world):
    movement, today = running_movement(), timezone.localdate()
    review = reviews.open_review(movement, by=world.users["specialist"], kind="midterm_review", held_on=today,
                                 cut_off=today)
    url = reverse("movements:review_report", kwargs={"pk": review.pk})
    assert client_for(world, "clerk_a").get(url).status_code == 403
    assert client_for(world, "council_member").get(url).status_code == 200


def test_old_review_milestones_became_reviews(world):
    movement = running_movement()
    past = movement.start_date + datetime.timedelta(days=100)
    kept = [Milestone.objects.create(movement=movement, kind="midterm_review", on=past, note="Sơ kết 6 tháng"),
            Milestone.objects.create(movement=movement, kind="launch", on=movement.start_date)]
    MIGRATION.milestones_to_reviews(apps, None)
    review = MovementReview.objects.get()
    assert (review.milestone_id, review.kind, review.held_on, review.note, review.period_from, review.period_to) == (
        kept[0].pk, "midterm_review", past, "Sơ kết 6 tháng", movement.start_date, past)
    assert (review.call.movement_id, review.call.kind, review.call.cut_off, review.call.is_open) == (
        movement.pk, "movement_review", past, False)
    assert Milestone.objects.count() == 2  # nothing lost: the milestones stay
