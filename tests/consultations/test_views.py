"""Hiệp y screens, per persona: the specialist sends and records paper answers; the agency sees only the
nominees' names, positions, units and proposed awards, and answers; other agencies' requests are 404."""

import datetime

import pytest
from django.urls import reverse

from tdkt.dossiers.consultations import services
from tdkt.dossiers.consultations.enums import RequestState
from tdkt.dossiers.consultations.models import ConsultationRequest
from tdkt.dossiers.enums import DossierState, NominationState
from tests.consultations.support import (
    add_line,
    dossier_with_two_lines,
    make_dossier,
    police,
    request_to_unit_b_agency,
    tax,
)
from tests.factories import make_person

D = datetime.date


def test_specialist_sends_requests_from_the_dossier(world, as_persona):
    dossier, first, second = dossier_with_two_lines(world)
    client = as_persona("specialist")
    page = client.get(reverse("consultations:dossier", kwargs={"pk": dossier.pk}))
    assert page.status_code == 200
    assert "Chưa gửi đề nghị hiệp y nào cho hồ sơ này." in page.content.decode()
    response = client.post(reverse("consultations:dossier", kwargs={"pk": dossier.pk}), {
        "agencies": [police().pk, tax().pk], "nominations": [second.pk], "due_on": "30/12/2026"})
    assert response.status_code == 302
    assert list(ConsultationRequest.objects.values_list("agency__short_name", "due_on")) == [
        ("Công an tỉnh", D(2026, 12, 30)), ("Thuế tỉnh", D(2026, 12, 30))]
    dossier.refresh_from_db()
    assert dossier.state == DossierState.CONSULTATION
    page = client.get(reverse("consultations:dossier", kwargs={"pk": dossier.pk})).content.decode()
    assert page.count('data-request="') == 2
    assert "hạn trả lời 30/12/2026" in page


def test_sending_errors_land_on_their_fields(world, as_persona):
    dossier, first, second = dossier_with_two_lines(world)
    response = as_persona("specialist").post(reverse("consultations:dossier", kwargs={"pk": dossier.pk}), {
        "agencies": [police().pk], "nominations": [first.pk], "due_on": "01/01/2020"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"due_on": [
        f"Hạn trả lời không thể trước ngày gửi {datetime.date.today():%d/%m/%Y}."]}
    assert ConsultationRequest.objects.count() == 0


def test_agency_sees_only_names_positions_units_and_awards(world, as_persona):
    world.person_a.position = "Phó Giám đốc"
    world.person_a.save()
    request = request_to_unit_b_agency(world)
    page = as_persona("clerk_b").get(reverse("consultations:answer", kwargs={"pk": request.pk}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nguyễn Văn An" in html and "Phó Giám đốc, Sở Y tế" in html and "Chiến sĩ thi đua toàn quốc" in html
    assert "Đặng Thị Đào" in html and "Bệnh viện Đa khoa tỉnh" in html
    for private in ("010090001234", "04/03/1985", "1985", world.unit_a.dossiers.get().title):
        assert private not in html


def test_agency_answers_with_an_objection(world, as_persona):
    request = request_to_unit_b_agency(world)
    first, second = request.nominations.order_by("position")
    response = as_persona("clerk_b").post(reverse("consultations:answer", kwargs={"pk": request.pk}), {
        "answer": "objection", "text": "Chưa hoàn thành nghĩa vụ thuế.", "objected_nominations": [first.pk]})
    assert response.status_code == 302 and response["Location"] == reverse("consultations:inbox")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (NominationState.ON_HOLD, NominationState.ACCEPTED)
    page = as_persona("clerk_b").get(reverse("consultations:answer", kwargs={"pk": request.pk})).content.decode()
    assert 'id="answered"' in page and "<form" not in page.split("<main")[1]


def test_an_objection_without_reasons_is_refused_on_the_form(world, as_persona):
    request = request_to_unit_b_agency(world)
    response = as_persona("clerk_b").post(reverse("consultations:answer", kwargs={"pk": request.pk}),
                                          {"answer": "objection", "text": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"text": ["Hãy ghi lý do cơ quan không đồng ý."]}
    request.refresh_from_db()
    assert request.state == RequestState.SENT


def test_other_agencies_requests_are_404(world, as_persona):
    request = request_to_unit_b_agency(world)
    [to_tax] = services.send_consultation(request.dossier, by=world.users["specialist"], agencies=[tax()],
                                          nominations=request.nominations.all())
    clerk_b = as_persona("clerk_b")
    assert clerk_b.get(reverse("consultations:answer", kwargs={"pk": to_tax.pk})).status_code == 404
    assert clerk_b.post(reverse("consultations:answer", kwargs={"pk": to_tax.pk}),
                        {"answer": "no_objection"}).status_code == 404
    assert as_persona("clerk_a").get(reverse("consultations:answer", kwargs={"pk": request.pk})).status_code == 404
    to_tax.refresh_from_db()
    assert to_tax.state == RequestState.SENT
    inbox = clerk_b.get(reverse("consultations:inbox")).content.decode()
    assert inbox.count('data-request="') == 1 and f'data-request="{request.pk}"' in inbox


def test_specialist_records_a_paper_answer(world, as_persona):
    request = request_to_unit_b_agency(world)
    url = reverse("consultations:record_answer", kwargs={"pk": request.pk})
    client = as_persona("specialist")
    refused = client.post(url, {"answer": "no_objection", "reference": "", "answered_on": "10/03/2026"})
    assert refused.context["form"].errors == {"reference": ["Trường này là bắt buộc."]}
    done = client.post(url, {"answer": "no_objection", "reference": "CV 45/CAT ngày 10/03/2026",
                             "answered_on": "10/03/2026"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert (request.state, request.recorded_on_paper, request.paper_reference, request.answered_on) == (
        RequestState.ANSWERED, True, "CV 45/CAT ngày 10/03/2026", D(2026, 3, 10))


def _requests(world, count):
    for index in range(count):
        dossier = make_dossier(world.unit_a, title=f"Hồ sơ {index}")
        person = make_person(f"Người thứ {index}", unit=world.unit_a)
        line = add_line(dossier, person=person, position=1)
        services.send_consultation(dossier, by=world.users["specialist"], agencies=[police(world.unit_b), tax()],
                                   nominations=[line], sent_on=D(2026, 3, 2))


@pytest.mark.parametrize("count", [1, 3])
def test_lists_run_a_fixed_number_of_queries(world, as_persona, django_assert_num_queries, count):
    _requests(world, count)
    specialist, clerk_b = as_persona("specialist"), as_persona("clerk_b")
    specialist.get(reverse("consultations:queue"))  # warm the session and scope caches
    clerk_b.get(reverse("consultations:inbox"))
    with django_assert_num_queries(4):
        queue = specialist.get(reverse("consultations:queue")).content.decode()
    assert queue.count('data-request="') == 2 * count
    assert queue.count('class="overdue"') == 2 * count  # due 16/03/2026, long past
    with django_assert_num_queries(8):
        inbox = clerk_b.get(reverse("consultations:inbox")).content.decode()
    assert inbox.count('data-request="') == count


@pytest.mark.parametrize("count", [1, 3])
def test_dossier_page_runs_a_fixed_number_of_queries(world, as_persona, django_assert_num_queries, count):
    dossier = make_dossier(world.unit_a)
    lines = [add_line(dossier, person=make_person(f"Người {i}", unit=world.unit_a), position=i) for i in range(count)]
    agencies = [police(), tax()][: min(count, 2)]
    services.send_consultation(dossier, by=world.users["specialist"], agencies=agencies, nominations=lines)
    client = as_persona("specialist")
    client.get(reverse("consultations:dossier", kwargs={"pk": dossier.pk}))
    with django_assert_num_queries(12):
        page = client.get(reverse("consultations:dossier", kwargs={"pk": dossier.pk})).content.decode()
    assert page.count('data-nomination="') == count * len(agencies)
