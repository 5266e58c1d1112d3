"""Appraisal safeguards (issue 15 §6): a line whose stored verdict is not "eligible" is accepted only with a
reason and an explicit confirmation, both kept (timeline, audit); "accept all eligible" shows the exact lines,
then accepts exactly those; forged forms, the API and a second click are refused the same way."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.dossiers import workflow
from tdkt.dossiers.models import DossierEvent, Nomination
from tdkt.eligibility.codes import Verdict
from tests.conftest import client_for
from tests.dossiers.support import in_appraisal, store_verdict
from tests.factories import make_person

pytestmark = pytest.mark.django_db

CONFIRM = "Tôi xác nhận chấp nhận dòng chưa đủ điều kiện"


def _accept_events(line):
    return list(DossierEvent.objects.filter(nomination=line, to_state="accepted").values_list("reason", "extra"))


# verdict code stored on the line, its label in the messages
NOT_ELIGIBLE = [
    (Verdict.INELIGIBLE, "Chưa đủ điều kiện"),
    (Verdict.NEEDS_REVIEW, "Hội đồng xem xét"),
    (Verdict.ON_HOLD, "Tạm dừng xét"),
    (None, "chưa kiểm tra"),  # no verdict stored: not "eligible" either
]


@pytest.mark.parametrize(("code", "label"), NOT_ELIGIBLE)
@pytest.mark.parametrize(("reason", "confirmed", "fields"), [
    ("", False, ["reason", "confirm"]),
    ("Đã có xác nhận bổ sung của Sở Nội vụ.", False, ["confirm"]),
    ("  ", True, ["reason"]),
])
def test_accepting_a_line_not_eligible_needs_reason_and_confirmation(world, code, label, reason, confirmed, fields):
    _dossier, lines = in_appraisal(world)
    Nomination.objects.filter(pk=lines[0].pk).update(
        verdict_at_appraisal={"verdict": code, "findings": []} if code else None,
        verdict_at_submission=None, verdict_live=None)
    lines[0].refresh_from_db()
    expected = {
        "reason": [f"Dòng “Nguyễn Văn An” đang “{label}”: hãy ghi lý do chấp nhận."],
        "confirm": [f"Dòng “Nguyễn Văn An” đang “{label}”: hãy đánh dấu “{CONFIRM}” để chấp nhận."],
    }
    with pytest.raises(ValidationError, match=f"“{label}”") as refused:
        workflow.accept_line(lines[0], by=world.users["specialist"], reason=reason, confirmed=confirmed)
    assert refused.value.message_dict == {field: expected[field] for field in fields}
    assert Nomination.objects.get(pk=lines[0].pk).state == "proposed"
    assert _accept_events(lines[0]) == []


@pytest.mark.parametrize(("code", "label"), NOT_ELIGIBLE[:3])
def test_a_confirmed_override_keeps_reason_and_confirmation_in_timeline_and_audit(world, code, label):
    _dossier, lines = in_appraisal(world)
    store_verdict(lines, code)
    workflow.accept_line(lines[0], by=world.users["specialist"], reason="Đã có xác nhận bổ sung.", confirmed=True)
    line = Nomination.objects.get(pk=lines[0].pk)
    assert (line.state, line.decision_reason) == ("accepted", "Đã có xác nhận bổ sung.")
    kept = f"Chấp nhận dù “{label}”, đã xác nhận: Đã có xác nhận bổ sung."
    assert _accept_events(line) == [(kept, {"override_verdict": str(code), "confirmed": True})]
    audit = AuditEvent.objects.filter(object_type="dossiers.nomination", object_id=str(line.pk)).last()
    assert audit.changes["reason"] == kept


def test_an_eligible_line_is_accepted_without_reason(world):
    _dossier, lines = in_appraisal(world)
    store_verdict(lines)
    workflow.accept_line(lines[0], by=world.users["specialist"])
    assert Nomination.objects.get(pk=lines[0].pk).state == "accepted"
    assert _accept_events(lines[0]) == [("", {})]


def test_the_verdict_stored_now_counts_not_the_one_the_page_loaded(world):
    _dossier, lines = in_appraisal(world)
    store_verdict(lines)  # the page showed "eligible"…
    Nomination.objects.filter(pk=lines[0].pk).update(  # …then a refresh found a discipline
        verdict_live={"verdict": "ineligible", "findings": []})
    with pytest.raises(ValidationError, match="hãy đánh dấu"):
        workflow.accept_line(lines[0], by=world.users["specialist"])
    assert Nomination.objects.get(pk=lines[0].pk).state == "proposed"


def test_two_accepts_at_once_change_the_line_once(world):
    _dossier, lines = in_appraisal(world)
    store_verdict(lines)
    one, two = (Nomination.objects.select_related("dossier").get(pk=lines[0].pk) for _ in range(2))
    workflow.accept_line(one, by=world.users["specialist"])
    with pytest.raises(ValidationError, match=r"^\['Người khác vừa thay đổi dòng đề nghị này: hiện ở trạng thái "
                                              r"“Đạt qua thẩm định”\. Hãy tải lại trang và thử lại\.'\]$"):
        workflow.accept_line(two, by=world.users["specialist"])
    assert len(_accept_events(lines[0])) == 1


def test_a_forged_form_without_confirmation_is_refused_on_the_page(world):
    dossier, lines = in_appraisal(world)
    store_verdict(lines, "ineligible")
    client = client_for(world, "specialist")
    url = reverse("dossiers:appraise", kwargs={"pk": dossier.pk})
    page = client.get(url).content.decode()
    assert f'<input type="checkbox" name="confirm"> {CONFIRM}' in page
    assert "Chưa đủ điều kiện" in page and "ineligible<" not in page
    forged = client.post(url, {"line": lines[0].pk, "decision": "accept", "reason": "Có lý do."}).content.decode()
    assert f"Dòng “Nguyễn Văn An” đang “Chưa đủ điều kiện”: hãy đánh dấu “{CONFIRM}” để chấp nhận." in forged
    assert Nomination.objects.get(pk=lines[0].pk).state == "proposed"
    client.post(url, {"line": lines[0].pk, "decision": "accept", "reason": "Có lý do.", "confirm": "on"})
    assert Nomination.objects.get(pk=lines[0].pk).state == "accepted"


def test_the_api_refuses_an_unconfirmed_override(world):
    from django.test import Client

    from tdkt.api.models import ApiToken

    _dossier, lines = in_appraisal(world)
    store_verdict(lines, "ineligible")
    _row, raw = ApiToken.issue(world.users["specialist"], "QLVB")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = f"/api/v1/nominations/{lines[0].pk}/accept"
    refused = client.post(url, {"reason": "Có lý do."}, content_type="application/json")
    assert (refused.status_code, refused.json()["detail"]) == (
        400, f"Dòng “Nguyễn Văn An” đang “Chưa đủ điều kiện”: hãy đánh dấu “{CONFIRM}” để chấp nhận.")
    accepted = client.post(url, {"reason": "Có lý do.", "confirmed": True}, content_type="application/json")
    assert accepted.status_code == 200, accepted.content
    assert Nomination.objects.get(pk=lines[0].pk).state == "accepted"


def _three_lines(world):
    people = [world.person_a, make_person("Lò Văn Sáng", unit=world.unit_a), make_person("Vàng Thị Mỷ", unit=world.unit_a)]
    dossier, lines = in_appraisal(world, people=people)
    store_verdict(lines[:2])
    store_verdict(lines[2:], "needs_review")
    return dossier, lines


def test_accept_all_eligible_lists_the_exact_lines_then_accepts_them(world):
    dossier, lines = _three_lines(world)
    client = client_for(world, "specialist")
    url = reverse("dossiers:accept_eligible", kwargs={"pk": dossier.pk})
    page = client.get(url).content.decode()
    assert "2 dòng sau sẽ được chấp nhận:" in page
    assert "Nguyễn Văn An" in page and "Lò Văn Sáng" in page and "Vàng Thị Mỷ" not in page
    assert page.count('name="line"') == 2
    response = client.post(url, {"line": [lines[0].pk, lines[1].pk]}, follow=True)
    assert "Đã chấp nhận 2/2 dòng." in response.content.decode()
    states = dict(Nomination.objects.filter(dossier=dossier).values_list("id", "state"))
    assert states == {lines[0].pk: "accepted", lines[1].pk: "accepted", lines[2].pk: "proposed"}
    assert DossierEvent.objects.filter(dossier=dossier, to_state="accepted").count() == 2  # one transition per line


def test_accept_all_eligible_skips_a_line_changed_meanwhile_and_a_forged_id(world):
    dossier, lines = _three_lines(world)
    client = client_for(world, "specialist")
    url = reverse("dossiers:accept_eligible", kwargs={"pk": dossier.pk})
    client.get(url)
    workflow.reject_line(lines[1], by=world.users["specialist"], reason="Chưa đủ thời gian công tác.")
    response = client.post(url, {"line": [lines[0].pk, lines[1].pk, lines[2].pk]}, follow=True)
    page = response.content.decode()
    assert "Đã chấp nhận 1/3 dòng." in page
    assert "Lò Văn Sáng — Lao động tiên tiến: bỏ qua: dòng này nay đang “Không đạt”, “Đủ điều kiện”." in page
    assert "Vàng Thị Mỷ — Lao động tiên tiến: bỏ qua: dòng này nay đang “Đề nghị”, “Hội đồng xem xét”." in page
    states = dict(Nomination.objects.filter(dossier=dossier).values_list("id", "state"))
    assert states == {lines[0].pk: "accepted", lines[1].pk: "rejected", lines[2].pk: "proposed"}


def test_accept_all_eligible_is_for_specialists_only(world):
    dossier, lines = _three_lines(world)
    url = reverse("dossiers:accept_eligible", kwargs={"pk": dossier.pk})
    assert client_for(world, "clerk_a").post(url, {"line": [lines[0].pk]}).status_code == 403
    assert Nomination.objects.get(pk=lines[0].pk).state == "proposed"
