"""The dossier workflow through the API: the same rules, scopes and messages as the screens."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tdkt.api.models import ApiToken
from tdkt.dossiers.models import Dossier, DossierEvent
from tests.dossiers.support import PDF_BYTES, draft_of_unit_a, leader_a
from tests.factories import make_authority


@pytest.fixture
def api(world):
    """api(persona) -> a client whose requests carry that persona's bearer token."""
    def client(persona):
        user = leader_a(world) if persona == "leader_a" else world.users[persona]
        _row, raw = ApiToken.issue(user, "QLVB")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def _upload(client, pk, document_type, name="tai-lieu.pdf", data=PDF_BYTES, **extra):
    return client.post(f"/api/v1/dossiers/{pk}/documents",
                       {"file": SimpleUploadedFile(name, data), "document_type": document_type, **extra})


def test_whole_path_from_unit_to_ready_for_council(world, api):
    clerk, specialist = api("clerk_a"), api("specialist")
    created = clerk.post("/api/v1/dossiers", {"unit_id": world.unit_a.pk, "title": "Khen thưởng năm 2025",
                                               "year": 2025}, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["state"] == "draft"
    assert (created.json()["receiving_authority_id"], created.json()["receiving_authority"]) == (
        None, "Chủ tịch UBND tỉnh")
    wrong_level = clerk.post(f"/api/v1/dossiers/{pk}/nominations", {"award_code": "LDTT",
                                                                     "person_id": world.person_a.pk},
                             content_type="application/json")
    assert wrong_level.status_code == 400  # Luật TĐKT Đ80.1: the unit's head decides LĐTT, not the province
    assert "không thuộc thẩm quyền của Chủ tịch UBND tỉnh" in wrong_level.json()["detail"]
    lines = clerk.post(f"/api/v1/dossiers/{pk}/nominations", {"award_code": "BK_TINH", "person_id": world.person_a.pk},
                       content_type="application/json").json()["nominations"]
    assert [(n["recipient"], n["award"], n["state"]) for n in lines] == [("Nguyễn Văn An", "BK_TINH", "proposed")]

    not_the_leader = clerk.post(f"/api/v1/dossiers/{pk}/submit", {}, content_type="application/json")
    assert not_the_leader.status_code == 403  # the clerk prepares; the leader approves and sends
    leader = api("leader_a")
    refused = leader.post(f"/api/v1/dossiers/{pk}/submit", {}, content_type="application/json")
    assert refused.status_code == 400
    assert "Tờ trình" in refused.json()["detail"]

    assert _upload(clerk, pk, "cover_letter").status_code == 201
    assert _upload(clerk, pk, "council_minutes").status_code == 201
    assert _upload(clerk, pk, "achievement_report", nomination_id=lines[0]["id"]).status_code == 201
    submitted = leader.post(f"/api/v1/dossiers/{pk}/submit", {}, content_type="application/json")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == "submitted"

    assert specialist.post(f"/api/v1/dossiers/{pk}/receive").json()["state"] == "received"
    assert specialist.post(f"/api/v1/dossiers/{pk}/start-appraisal").json()["state"] == "in_appraisal"
    accepted = specialist.post(f"/api/v1/nominations/{lines[0]['id']}/accept",
                               {"reason": "Đã đối chiếu bản gốc báo cáo thành tích.", "confirmed": True},
                               content_type="application/json")
    assert accepted.json()["nominations"][0]["state"] == "accepted"
    ready = specialist.post(f"/api/v1/dossiers/{pk}/ready-for-council")
    assert ready.status_code == 200, ready.content
    detail = ready.json()
    assert detail["state"] == "ready_for_council"
    assert [e["to_state"] for e in detail["events"] if e["kind"] == "state"] == [
        "draft", "submitted", "received", "in_appraisal", "ready_for_council"]
    assert DossierEvent.objects.filter(dossier_id=pk, by=world.users["specialist"]).exists()


def test_another_units_dossier_is_404_and_a_clerk_cannot_act_for_the_province(world, api):
    dossier = draft_of_unit_a(world)
    assert api("clerk_b").get(f"/api/v1/dossiers/{dossier.pk}").status_code == 404
    assert api("clerk_b").post(f"/api/v1/dossiers/{dossier.pk}/submit", {},
                               content_type="application/json").status_code == 404
    assert [d["id"] for d in api("clerk_b").get("/api/v1/dossiers").json()] == []
    assert [d["id"] for d in api("clerk_a").get("/api/v1/dossiers").json()] == [dossier.pk]
    refused = api("clerk_a").post(f"/api/v1/dossiers/{dossier.pk}/receive")
    assert refused.status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).state == "draft"


def test_a_renamed_executable_is_refused_with_the_file_named(world, api):
    dossier = draft_of_unit_a(world)
    response = _upload(api("clerk_a"), dossier.pk, "cover_letter", name="to-trinh.pdf", data=b"MZ\x90\x00" + b"\x00" * 64)
    assert response.status_code == 400
    assert "to-trinh.pdf" in response.json()["detail"]
    assert not dossier.documents.exists()


def test_unknown_award_code_and_bad_payload(world, api):
    dossier = draft_of_unit_a(world)
    clerk = api("clerk_a")
    assert clerk.post(f"/api/v1/dossiers/{dossier.pk}/nominations", {"award_code": "NOPE",
                      "person_id": world.person_a.pk}, content_type="application/json").status_code == 404
    assert clerk.post("/api/v1/dossiers", {"title": "x"}, content_type="application/json").status_code == 422


def test_schema_lists_the_workflow_operations(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/dossiers", "/api/v1/dossiers/{pk}", "/api/v1/dossiers/{pk}/submit",
                 "/api/v1/dossiers/{pk}/receive", "/api/v1/dossiers/{pk}/return-for-completion",
                 "/api/v1/nominations/{pk}/reject", "/api/v1/dossiers/{pk}/import", "/api/v1/dossiers/{pk}/documents"):
        assert path in paths, path


def test_list_is_a_fixed_number_of_queries(world, api, django_assert_num_queries):
    for year in range(2020, 2026):
        draft_of_unit_a(world, year=year)
    client = api("specialist")
    with django_assert_num_queries(4):
        response = client.get("/api/v1/dossiers")
    assert len(response.json()) == 6


def test_list_import_answers_the_doubtful_rows_until_each_is_chosen(world, api):
    """Issue 13: no "create all missing"; a doubtful row is named with its candidates, `choices` settles it."""
    import json

    from tdkt.dossiers.models import Nomination
    from tests.nominees.files import xlsx_bytes

    clerk = api("clerk_a")
    dossier = draft_of_unit_a(world, receiving_authority=make_authority(world.unit_a))  # LĐTT: the unit's own round
    data = xlsx_bytes([[1, "Ông Nguyễn Văn An", "Chuyên viên", "LĐTT"], [2, "Bà Lê Thị Mới", "Điều dưỡng", "LĐTT"]])
    refused = clerk.post(f"/api/v1/dossiers/{dossier.pk}/import", {"file": SimpleUploadedFile("ds.xlsx", data)})
    assert refused.status_code == 400
    assert "Dòng 6: Không có người nào tên này trong Sở Y tế" in json.dumps(refused.json(), ensure_ascii=False)
    assert not Nomination.objects.filter(dossier=dossier).exists()
    done = clerk.post(f"/api/v1/dossiers/{dossier.pk}/import", {"file": SimpleUploadedFile("ds.xlsx", data),
                                                                 "choices": json.dumps({"6": "create"})})
    assert done.status_code == 201, done.content
    assert (done.json()["lines"], done.json()["persons_created"]) == (2, 1)
