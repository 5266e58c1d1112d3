"""Screens per persona: line form with person search, import with its errors table / result and undo,
quotas, exports; another unit's dossier is a 404."""

from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.dossiers.models import Nomination, NominationQuota
from tests.conftest import client_for
from tests.nominees.files import XLSX, upload, xlsx_bytes
from tests.nominees.helpers import award, make_dossier


def test_clerk_finds_a_person_and_adds_a_line(world):
    dossier = make_dossier(world.unit_a)
    client = client_for(world, "clerk_a")
    url = reverse("nominees:line_add", kwargs={"pk": dossier.pk})
    page = client.get(url).content.decode()
    # The person picker, its search kept within the dossier's units (people:choices?unit=…).
    assert f'data-picker="{reverse("people:choices")}"' in page and f"unit={world.unit_a.pk}" in page
    found = client.get(reverse("people:choices"), {"q": "nguyen van", "unit": world.unit_a.pk}).json()
    assert [row["label"] for row in found["results"]] == ["Nguyễn Văn An (1985) — Sở Y tế"]
    response = client.post(url, {"kind": "person", "person": world.person_a.pk,
                                 "award_type": award("LDTT").pk, "basis": "merit"})
    assert response.status_code == 302
    line = Nomination.objects.get(dossier=dossier)
    assert (line.person, line.award_type.code) == (world.person_a, "LDTT")
    page = client.get(reverse("nominees:lines", kwargs={"pk": dossier.pk}))
    assert "Nguyễn Văn An" in page.content.decode()


def test_form_errors_are_shown_in_vietnamese(world):
    dossier = make_dossier(world.unit_a)
    client = client_for(world, "clerk_a")
    url = reverse("nominees:line_add", kwargs={"pk": dossier.pk})
    page = client.post(url, {"kind": "person", "award_type": award("LDTT").pk, "basis": "merit"})
    assert page.status_code == 200
    assert "Hãy chọn cá nhân." in page.content.decode()
    page = client.post(url, {"kind": "collective", "unit": world.unit_a_child.pk, "award_type": award("LDTT").pk,
                             "basis": "merit"})
    assert "“Lao động tiên tiến” không xét tặng cho loại đối tượng này." in page.content.decode()


def test_forged_dossier_id_is_a_404_and_adds_nothing(world):
    dossier = make_dossier(world.unit_a)
    client = client_for(world, "clerk_b")
    response = client.post(reverse("nominees:line_add", kwargs={"pk": dossier.pk}),
                           {"kind": "person", "person": world.person_a.pk, "award_type": award("LDTT").pk,
                            "basis": "merit"})
    assert response.status_code == 404
    response = client.post(reverse("nominees:import", kwargs={"pk": dossier.pk}),
                           {"file": upload(xlsx_bytes([[1, "Nguyễn Văn An", "", "LĐTT"]]))})
    assert response.status_code == 404
    assert not Nomination.objects.exists()


def test_submitted_dossier_form_redirects_with_a_message(world):
    dossier = make_dossier(world.unit_a, state="submitted")
    response = client_for(world, "clerk_a").get(reverse("nominees:line_add", kwargs={"pk": dossier.pk}), follow=True)
    assert "Chỉ sửa được danh sách đề nghị khi hồ sơ đang là bản nháp hoặc bị trả lại để bổ sung." in (
        response.content.decode())


def test_import_errors_table_then_result_and_undo(world):
    dossier = make_dossier(world.unit_a)
    client = client_for(world, "clerk_a")
    url = reverse("nominees:import", kwargs={"pk": dossier.pk})
    bad = xlsx_bytes([[1, "Nguyễn Văn An", "", "Bằng khen UBND"]])
    page = client.post(url, {"file": upload(bad)})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Có 1 lỗi; chưa lưu dòng nào." in html
    assert "<td>5</td><td>Hình thức đề nghị</td>" in html
    assert not Nomination.objects.exists()
    good = xlsx_bytes([[1, "Nguyễn Văn An", "", "Lao động tiên tiến"]])
    response = client.post(url, {"file": upload(good)})
    assert response.status_code == 302
    batch = Nomination.objects.get().import_batch
    assert response["Location"] == reverse("nominees:import_result", kwargs={"pk": dossier.pk, "batch": batch})
    html = client.get(response["Location"]).content.decode()
    assert "Đã thêm 1 dòng." in html and "Hoàn tác lượt nhập này" in html
    response = client.post(reverse("nominees:import_undo", kwargs={"pk": dossier.pk, "batch": batch}))
    assert response.status_code == 302
    assert not Nomination.objects.exists()


def test_quota_screen_for_specialists(world):
    client = client_for(world, "specialist")
    response = client.post(reverse("nominees:quotas"), {"year": 2025, "award_type": award("LDTT").pk,
                                                         "unit": world.unit_a.pk, "max_count": 4})
    assert response.status_code == 302
    quota = NominationQuota.objects.get()
    assert (quota.unit, quota.max_count) == (world.unit_a, 4)
    page = client.post(reverse("nominees:quotas"), {"year": 2025, "award_type": award("LDTT").pk, "max_count": 4})
    assert "Chọn một đơn vị hoặc một cụm/khối thi đua (chỉ một trong hai)." in page.content.decode()
    assert client_for(world, "clerk_a").post(reverse("nominees:quota_remove", kwargs={"pk": quota.pk})).status_code \
        == 403
    assert client.post(reverse("nominees:quota_remove", kwargs={"pk": quota.pk})).status_code == 302
    assert not NominationQuota.objects.exists()


def test_exports_are_files(world):
    dossier = make_dossier(world.unit_a)
    client = client_for(world, "council_member")
    response = client.get(reverse("nominees:export_xlsx", kwargs={"pk": dossier.pk}))
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == f'attachment; filename="danh-sach-{dossier.pk}.xlsx"'
    response = client_for(world, "specialist").get(reverse("nominees:export_selection"),
                                                   {"states": ["ready_for_council"], "format": "docx"})
    assert response["Content-Disposition"] == 'attachment; filename="danh-sach-tong-hop.docx"'
    assert AuditEvent.objects.filter(action="export").count() == 2
