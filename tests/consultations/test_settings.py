"""The province's configuration screens (hiệp y agencies and parameters, công khai parameters): kept by the
standing body, audited, with the legal minimum of the posting period enforced."""

from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.dossiers.consultations.models import ConsultationPolicy, ConsultedAgency
from tdkt.dossiers.postings.models import PostingPolicy


def test_specialist_adds_an_agency_answering_through_a_unit(world, as_persona):
    client = as_persona("specialist")
    response = client.post(reverse("consultations:agency_create"), {
        "name": "Sở Y tế (an toàn thực phẩm)", "short_name": "SYT", "kind": "other", "unit": world.unit_a.pk,
        "active": "on", "sort_order": 80})
    assert response.status_code == 302
    agency = ConsultedAgency.objects.get(short_name="SYT")
    assert (agency.unit, agency.active) == (world.unit_a, True)
    assert AuditEvent.objects.filter(object_type="consultations.consultedagency", object_id=str(agency.pk),
                                     action="create").count() == 1
    page = client.get(reverse("consultations:settings")).content.decode()
    assert page.count('data-agency="') == 8


def test_consultation_parameters_are_saved_and_audited(world, as_persona):
    client = as_persona("specialist")
    refused = client.post(reverse("consultations:settings"), {"answer_working_days": 0,
                                                              "inbound_answer_working_days": 61})
    assert refused.context["form"].errors == {"answer_working_days": ["Hãy nhập số ngày làm việc từ 1 đến 60."],
                                              "inbound_answer_working_days": ["Hãy nhập số ngày làm việc từ 1 đến 60."]}
    assert client.post(reverse("consultations:settings"), {"answer_working_days": 7,
                                                           "inbound_answer_working_days": 10}).status_code == 302
    policy = ConsultationPolicy.current()
    assert (policy.answer_working_days, policy.proceed_without_answer) == (7, False)
    event = AuditEvent.objects.get(object_type="consultations.consultationpolicy")
    assert event.changes == {"answer_working_days": [10, 7], "proceed_without_answer": [True, False]}


def test_posting_period_cannot_go_below_the_legal_minimum(world, as_persona):
    client = as_persona("specialist")
    refused = client.post(reverse("postings:settings"), {
        "posting_working_days": 9, "comments_per_hour_per_ip": 0, "comments_per_hour_per_notice": 100})
    assert refused.context["form"].errors == {
        "posting_working_days": ["Hãy nhập số ngày làm việc từ 10 đến 60 (Điều 44 khoản 2 Nghị định 152/2025/NĐ-CP: "
                                 "ít nhất 10)."],
        "comments_per_hour_per_ip": ["Hãy nhập ít nhất 1."]}
    assert client.post(reverse("postings:settings"), {
        "posting_working_days": 12, "comments_per_hour_per_ip": 3, "comments_per_hour_per_notice": 100}).status_code == 302
    policy = PostingPolicy.current()
    assert (policy.posting_working_days, policy.comments_per_hour_per_ip) == (12, 3)
