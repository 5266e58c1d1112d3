"""The work report pages: who drafts for which unit (another unit's report is 404), a unit sending its finished
report (sniffed, size-limited, replaced with the former kept), and the province's view and Excel of who sent."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from tdkt.reports.models import WorkReportSubmission
from tdkt.reports.work import services
from tests.conftest import client_for
from tests.factories import make_unit, make_user
from tests.reports.work import support
from tests.reports.work.access_matrix import PDF
from tests.reports.work.docxread import open_docx, paragraphs

pytestmark = pytest.mark.django_db

DRAFT = reverse("reports:work_draft")


def _draft_texts(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    return paragraphs(open_docx(b"".join(response.streaming_content) if response.streaming else response.content))


def test_specialist_drafts_the_province_report_with_its_figures(world):
    support.build(world)
    response = client_for(world, "specialist").get(DRAFT, {"kind": "year_end", "year": "2026", "unit": ""})
    assert 'filename="bao-cao-tong-ket-nam-2026.docx"' in response["Content-Disposition"]
    texts = _draft_texts(response)
    assert any(text.startswith("Trong kỳ đã khen thưởng 4 lượt tập thể, cá nhân") for text in texts)


def test_clerk_drafts_its_own_units_report_only(world):
    support.build(world)
    client = client_for(world, "clerk_a")
    texts = _draft_texts(client.get(DRAFT, {"kind": "year_end", "year": "2026", "unit": str(world.unit_a.pk)}))
    assert any(text.startswith("Trong kỳ đã khen thưởng 3 lượt tập thể, cá nhân") for text in texts)
    assert client.get(DRAFT, {"kind": "year_end", "year": "2026", "unit": str(world.unit_b.pk)}).status_code == 404
    # without a unit a clerk gets its own unit's report, never the province's
    texts = _draft_texts(client.get(DRAFT, {"kind": "year_end", "year": "2026", "unit": ""}))
    assert any(text.startswith("Trong kỳ đã khen thưởng 3 lượt") for text in texts)


def test_the_reporting_unit_is_chosen_with_the_unit_picker_or_typed_by_name(world):
    support.build(world)
    client = client_for(world, "specialist")
    page = client.get(reverse("reports:work_index")).content.decode()
    assert 'name="unit_q"' in page and 'data-picker="/units/choices/"' in page
    assert "Để trống: báo cáo của toàn tỉnh." in page
    texts = _draft_texts(client.get(DRAFT, {"kind": "year_end", "year": "2026", "unit": "",
                                            "unit_q": world.unit_a.name}))
    assert any(text.startswith("Trong kỳ đã khen thưởng 3 lượt tập thể, cá nhân") for text in texts)
    clerk_page = client_for(world, "clerk_a").get(reverse("reports:work_index")).content.decode()
    assert "Để trống: báo cáo của đơn vị mình." in clerk_page


def test_other_dates_and_bad_dates(world):
    support.build(world)
    client = client_for(world, "specialist")
    texts = _draft_texts(client.get(DRAFT, {"kind": "half_year", "year": "2026", "unit": "",
                                            "start": "01/03/2026", "end": "31/03/2026"}))
    assert any("từ ngày 01/03/2026 đến ngày 31/03/2026" in text for text in texts)
    assert any(text.startswith("Trong kỳ đã khen thưởng 1 lượt") for text in texts)
    response = client.get(DRAFT, {"kind": "half_year", "year": "2026", "unit": "", "start": "01/04/2026",
                                  "end": "01/03/2026"})
    assert response.status_code == 400
    assert "Ngày kết thúc của kỳ báo cáo trước ngày bắt đầu." in response.content.decode()


def _send(client, unit, data=PDF, name="bao-cao.pdf", kind="year_end", year="2026"):
    return client.post(reverse("reports:work_send", kwargs={"pk": unit.pk}),
                       {"kind": kind, "year": year, "file": SimpleUploadedFile(name, data)})


def test_clerk_sends_its_report_and_a_second_sending_replaces_it_keeping_the_first(world):
    client = client_for(world, "clerk_a")
    assert _send(client, world.unit_a).status_code == 302
    assert _send(client, world.unit_a, data=PDF + b"%v2\n", name="bao-cao-v2.pdf").status_code == 302
    rows = list(WorkReportSubmission.objects.filter(unit=world.unit_a).order_by("id"))
    assert [(row.file_name, row.replaced_at is not None) for row in rows] == [("bao-cao.pdf", True),
                                                                              ("bao-cao-v2.pdf", False)]
    assert rows[1].sent_by == world.users["clerk_a"] and rows[1].size == len(PDF) + 4
    page = client.get(reverse("reports:work_index")).content.decode()
    assert "bao-cao-v2.pdf" in page and "đã thay thế" in page


def test_a_clerk_cannot_send_for_another_unit(world):
    assert _send(client_for(world, "clerk_b"), world.unit_a).status_code == 404
    assert not WorkReportSubmission.objects.exists()


def test_a_disguised_or_oversized_file_is_refused(world):
    client = client_for(world, "clerk_a")
    response = _send(client, world.unit_a, data=b"just text pretending", name="bao-cao.pdf")
    assert response.status_code == 200
    assert "không chấp nhận loại tệp này" in response.content.decode()
    with override_settings(UPLOAD_MAX_BYTES=10):
        response = _send(client, world.unit_a)
    assert "vượt quá giới hạn" in response.content.decode()
    assert not WorkReportSubmission.objects.exists()


def test_another_units_submission_is_404(world):
    submission = services.send(world.unit_a, kind="year_end", year=2026, by=world.users["clerk_a"],
                               uploaded=SimpleUploadedFile("bao-cao.pdf", PDF))
    url = reverse("reports:work_file", kwargs={"pk": submission.pk})
    assert client_for(world, "clerk_b").get(url).status_code == 404
    response = client_for(world, "clerk_a").get(url)
    assert b"".join(response.streaming_content) == PDF


def test_the_province_sees_who_has_sent_and_who_has_not(world):
    make_user("vanthu.con", role="unit_clerk", unit=make_unit("Phòng không gửi", parent=world.unit_b, code="PKG"))
    services.send(world.unit_a, kind="year_end", year=2026, by=world.users["clerk_a"],
                  uploaded=SimpleUploadedFile("bao-cao.pdf", PDF))
    services.send(world.unit_b, kind="half_year", year=2026, by=world.users["clerk_b"],
                  uploaded=SimpleUploadedFile("so-ket.pdf", PDF))
    rows = services.status("year_end", 2026)
    assert [(row.unit.code, row.sent, row.versions) for row in rows] == [("PKG", False, 0), ("SGDDT", False, 0),
                                                                          ("SYT", True, 1)]
    client = client_for(world, "specialist")
    response = client.get(reverse("reports:work_submissions"), {"kind": "year_end", "year": "2026"})
    page = response.content.decode()
    assert "Đã gửi: 1; chưa gửi: 2." in page
    assert "bao-cao.pdf" in page and "so-ket.pdf" not in page
    export = client.get(reverse("reports:work_submissions_xlsx"), {"kind": "year_end", "year": "2026"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    values = [list(row) for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert [(row[1], row[2], row[5], row[6]) for row in values] == [
        ("Phòng không gửi", "Chưa gửi", None, 0), ("Sở Giáo dục và Đào tạo", "Chưa gửi", None, 0),
        ("Sở Y tế", "Đã gửi", "bao-cao.pdf", 1)]


@pytest.mark.parametrize("units", [1, 3])
def test_the_status_page_has_a_fixed_number_of_queries(world, django_assert_num_queries, units):
    for index in range(units):
        unit = make_unit(f"Đơn vị {index}", parent=world.province, code=f"DV{index}")
        clerk = make_user(f"vanthu.dv{index}", role="unit_clerk", unit=unit)
        services.send(unit, kind="year_end", year=2026, by=clerk, uploaded=SimpleUploadedFile("b.pdf", PDF))
    client = client_for(world, "specialist")
    client.get(reverse("reports:work_submissions"))  # warm the session
    with django_assert_num_queries(QUERIES):
        assert client.get(reverse("reports:work_submissions"), {"kind": "year_end", "year": "2026"}).status_code == 200


QUERIES = 5


def test_hostile_unit_names_are_text_in_the_excel(world):
    world.unit_a.name = "=HYPERLINK(\"http://x\")"
    world.unit_a.save()
    services.send(world.unit_a, kind="year_end", year=2026, by=world.users["clerk_a"],
                  uploaded=SimpleUploadedFile("=cmd.pdf", PDF))
    export = client_for(world, "specialist").get(reverse("reports:work_submissions_xlsx"),
                                                 {"kind": "year_end", "year": "2026"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    cells = [cell for row in book.active.iter_rows() for cell in row if cell.value is not None]
    assert not any(cell.data_type == "f" for cell in cells)
    assert "=HYPERLINK(\"http://x\")" in [cell.value for cell in cells]
