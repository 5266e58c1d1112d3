"""A unit's own round (issue 16 item 2): a dossier sent to a unit's own authority is received, appraised and
its lines decided by that unit's officers; the province's specialists read it only; another unit's officer
gets a 404. Dossiers to the province are unchanged."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tdkt.dossiers import workflow
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.transitions import DOSSIER, NOMINATION, RECEIVER, actor_kinds
from tests.conftest import client_for
from tests.dossiers.support import add_line, store_verdict
from tests.factories import make_authority

FORBIDDEN = r"^Bạn\ không\ được\ thực\ hiện\ thao\ tác\ này\ trên\ hồ\ sơ\ này\.$"
LINES_FORBIDDEN = r"^Chỉ\ cán\ bộ\ của\ cơ\ quan\ tiếp\ nhận\ hồ\ sơ\ được\ cho\ ý\ kiến\ về\ từng\ dòng\.$"


def _round(world, state=DossierState.SUBMITTED, *, unit=None):
    """The hospital's year-end list sent to the Sở Y tế director (the Sở Y tế's own authority)."""
    authority = make_authority(world.unit_a, symbol="QĐ-SYT")
    dossier = Dossier.objects.create(unit=unit or world.unit_a_child, title="Danh sách LĐTT năm 2025 của bệnh viện",
                                     year=2025, state=state, authority=authority.kind, receiving_authority=authority,
                                     submitted_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
    return dossier


def _province_dossier(world, state=DossierState.SUBMITTED):
    return Dossier.objects.create(unit=world.unit_a, title="Hồ sơ đề nghị Bằng khen năm 2025", year=2025, state=state,
                                  submitted_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))


def test_the_receiving_units_officer_receives_its_round_and_the_province_only_reads_it(world):
    dossier = _round(world)
    clerk, specialist = world.users["clerk_a"], world.users["specialist"]
    assert RECEIVER in actor_kinds(clerk, dossier)
    assert RECEIVER not in actor_kinds(specialist, dossier)
    assert [item.name for item in DOSSIER.allowed(specialist, dossier)] == []
    with pytest.raises(PermissionDenied, match=FORBIDDEN):
        workflow.receive_dossier(dossier, by=specialist)
    workflow.receive_dossier(dossier, by=clerk)
    workflow.start_appraisal(dossier, by=clerk)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.IN_APPRAISAL


def test_a_province_dossier_is_still_the_provinces(world):
    dossier = _province_dossier(world)
    assert RECEIVER not in actor_kinds(world.users["clerk_a"], dossier)
    with pytest.raises(PermissionDenied, match=FORBIDDEN):
        workflow.receive_dossier(dossier, by=world.users["clerk_a"])
    workflow.receive_dossier(dossier, by=world.users["specialist"])
    dossier.refresh_from_db()
    assert dossier.state == DossierState.RECEIVED


def test_lines_of_a_unit_round_are_decided_by_its_officer_only(world):
    dossier = _round(world, DossierState.IN_APPRAISAL)
    line = add_line(dossier, person=world.person_a_child, code="LDTT")
    store_verdict([line])
    line.refresh_from_db()
    assert [item.name for item in NOMINATION.allowed(world.users["specialist"], line)] == []
    with pytest.raises(PermissionDenied, match=LINES_FORBIDDEN):
        workflow.accept_line(line, by=world.users["specialist"])
    workflow.accept_line(line, by=world.users["clerk_a"])
    line.refresh_from_db()
    assert line.state == NominationState.ACCEPTED


def test_pages_of_a_unit_round_per_persona(world):
    """Its officer works on it; the province reads (GET 200) and is refused a POST (403); unit B's clerk
    opening unit A's round gets a 404."""
    dossier = _round(world, DossierState.IN_APPRAISAL)
    line = add_line(dossier, person=world.person_a_child, code="LDTT")
    appraise = reverse("dossiers:appraise", args=[dossier.pk])
    detail = reverse("dossiers:detail", args=[dossier.pk])
    clerk_a, specialist, clerk_b = (client_for(world, name) for name in ("clerk_a", "specialist", "clerk_b"))
    assert [clerk_a.get(appraise).status_code, specialist.get(appraise).status_code,
            clerk_b.get(appraise).status_code] == [200, 200, 404]
    assert [clerk_a.get(detail).status_code, specialist.get(detail).status_code,
            clerk_b.get(detail).status_code] == [200, 200, 404]
    refused = specialist.post(appraise, {"line": line.pk, "decision": "reject", "reason": "Không đủ điều kiện"})
    assert refused.status_code == 403
    line.refresh_from_db()
    assert line.state == NominationState.PROPOSED
    assert clerk_b.post(appraise, {"line": line.pk, "decision": "reject", "reason": "x"}).status_code == 404
    done = clerk_a.post(appraise, {"line": line.pk, "decision": "reject", "reason": "Không đủ điều kiện"})
    assert done.status_code == 302
    line.refresh_from_db()
    assert line.state == NominationState.REJECTED


def test_queues_hold_what_each_side_receives(world):
    unit_round, province = _round(world), _province_dossier(world)
    queue = reverse("dossiers:queue")

    def listed(persona, query=""):
        response = client_for(world, persona).get(queue + query)
        assert response.status_code == 200
        return [dossier.pk for dossier in response.context["page"]]

    assert listed("clerk_a") == [unit_round.pk]
    assert listed("specialist") == [province.pk]
    assert sorted(listed("specialist", "?level=all")) == sorted([unit_round.pk, province.pk])
    assert client_for(world, "clerk_b").get(queue).status_code == 403  # no authority of its own


def test_the_province_cannot_receive_a_unit_round_in_bulk(world):
    dossier = _round(world)
    response = client_for(world, "specialist").post(reverse("dossiers:queue") + "?level=all",
                                                    {"dossier": [dossier.pk], "operation": "receive"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED


def test_a_unit_round_is_assigned_to_an_officer_of_the_receiving_unit(world):
    from django.core.exceptions import ValidationError

    dossier = _round(world, DossierState.RECEIVED)
    with pytest.raises(ValidationError, match="không phải là cán bộ của Sở Y tế, đơn vị tiếp nhận hồ sơ này"):
        workflow.assign_specialist(dossier, world.users["clerk_b"], by=world.users["clerk_a"])
    workflow.assign_specialist(dossier, world.users["clerk_a"], by=world.users["clerk_a"])
    dossier.refresh_from_db()
    assert dossier.assignee == world.users["clerk_a"]


def test_the_files_of_a_unit_round_are_its_receivers_not_the_provinces(world):
    from tdkt.dossiers.documents import may_edit_documents

    unit_round, province = _round(world, DossierState.IN_APPRAISAL), _province_dossier(world, DossierState.IN_APPRAISAL)
    specialist, clerk_a = world.users["specialist"], world.users["clerk_a"]
    assert [may_edit_documents(specialist, unit_round), may_edit_documents(clerk_a, unit_round)] == [False, True]
    assert [may_edit_documents(specialist, province), may_edit_documents(clerk_a, province)] == [True, False]
