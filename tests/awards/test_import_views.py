"""The import wizard through the web: upload → columns → preview with review → commit → report, per
persona; the batch list's query count does not grow with the number of batches."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tdkt.awards.imports.models import BatchState, ImportBatch, RowStatus
from tdkt.awards.models import AwardRecord
from tdkt.people.models import Person
from tests.awards.import_support import AWARD_HEADER, RATING_HEADER, check, row, uploaded, xlsx_bytes
from tests.factories import make_person


@pytest.fixture(autouse=True)
def english():
    """Overrides the package's English default: these pages are read in Vietnamese, as users see them."""
    with translation.override("vi"):
        yield


ROWS = [AWARD_HEADER,
        ["Nguyễn Văn An", "04/03/1985", "Sở Y tế", "Chiến sỹ thi đua cơ sở", 2023, "12/QĐ-SYT", "15/01/2024"],
        ["Lò Thị Mai", "1990", "SYT", "LĐTT", 2023, "12/QĐ-SYT", "15/01/2024"],
        ["Đặng Thị Đào", "", "BVDK", "LĐTT", 2023, "12/QĐ-SYT", "15/01/2024"]]


def test_the_whole_wizard_as_the_clerk_of_unit_a(world, as_persona):
    client = as_persona("clerk_a")
    response = client.post(reverse("awards:import_upload"), {
        "kind": "awards", "unit": world.unit_a.pk, "file": uploaded(xlsx_bytes(ROWS), "khen-thuong.xlsx")})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("awards:import_mapping", args=[batch.pk])
    form = client.get(response["Location"])
    assert form.status_code == 200 and "Họ và tên" in form.content.decode()
    mapping = {name: str(index) for name, index in batch.mapping.items()}
    response = client.post(reverse("awards:import_mapping", args=[batch.pk]), mapping)
    assert response["Location"] == reverse("awards:import_detail", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Đang chờ xem xét" in page and "Đặng Thị Đào" in page
    waiting = row(batch, 4)
    response = client.post(reverse("awards:import_row", args=[waiting.pk]), {"choice": str(world.person_a_child.pk)})
    assert response.status_code == 302
    response = client.post(reverse("awards:import_commit", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.state == BatchState.COMMITTED, batch.error
    assert AwardRecord.objects.count() == 3
    assert world.person_a_child.award_records.get().award_type.code == "LDTT"
    report = client.get(reverse("awards:import_report", args=[batch.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(report.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:6] == ("Dòng", "Kết quả", "Thông báo", "Mã cá nhân", "Họ và tên", "Mã bản ghi")
    assert [(v[0], v[1]) for v in values[1:]] == [
        (2, "Đã tạo (khớp cá nhân đã có)"), (3, "Đã tạo (cá nhân mới)"), (4, "Đã tạo (khớp cá nhân đã có)")]
    assert values[1][3] == world.person_a.pk and values[1][5] == AwardRecord.objects.get(person=world.person_a).pk
    original = client.get(reverse("awards:import_file", args=[batch.pk]))
    assert original.status_code == 200 and original["Content-Disposition"].startswith("attachment")
    assert openpyxl.load_workbook(io.BytesIO(b"".join(original.streaming_content))).active["A2"].value == "Nguyễn Văn An"


def test_a_bad_file_is_refused_on_the_upload_form(world, as_persona):
    data = xlsx_bytes([AWARD_HEADER, ["Nguyễn Văn An", "", "", "LĐTT", "=2000+24"]])
    response = as_persona("specialist").post(reverse("awards:import_upload"), {
        "kind": "awards", "unit": world.unit_a.pk, "file": uploaded(data)})
    assert response.status_code == 200
    assert "Ô E2 chứa công thức; hãy dán giá trị" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_commit_is_refused_while_rows_have_errors(world, as_persona):
    batch = check(world.users["specialist"], world.unit_a, [AWARD_HEADER, ["Nguyễn Văn An", "", "", "Không rõ", 2023]])
    client = as_persona("specialist")
    response = client.post(reverse("awards:import_commit", args=[batch.pk]), follow=True)
    assert "Hãy sửa 1 dòng có lỗi và tải tệp lên lại; chưa có dữ liệu nào được nhập." in response.content.decode()
    assert AwardRecord.objects.count() == 0


def test_another_units_batch_and_rows_are_not_found(world, as_persona):
    batch = check(world.users["clerk_a"], world.unit_a, [RATING_HEADER, ["Lò Văn Nam", "1990", "", 2024, "HTTNV"]],
                  kind="ratings")
    client = as_persona("clerk_b")
    for name, pk in (("awards:import_detail", batch.pk), ("awards:import_commit", batch.pk),
                     ("awards:import_row", row(batch, 2).pk)):
        assert client.post(reverse(name, args=[pk])).status_code == 404
    assert batch.pk not in [b.pk for b in client.get(reverse("awards:import_list")).context["page"]]


def test_the_batch_page_refreshes_while_a_batch_runs(world, as_persona):
    batch = check(world.users["specialist"], world.unit_a, [RATING_HEADER, ["Lò Văn Nam", "1990", "", 2024, "HTTNV"]],
                  kind="ratings")
    ImportBatch.objects.filter(pk=batch.pk).update(state=BatchState.COMMITTING, rows_done=1, total_rows=4)
    page = as_persona("specialist").get(reverse("awards:import_detail", args=[batch.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert '<progress id="progress" max="4" value="1">' in page


@pytest.mark.parametrize("persona", ["specialist", "clerk_a"])
def test_the_batch_list_uses_a_fixed_number_of_queries(world, as_persona, persona):
    user = world.users["clerk_a"]
    rows = [RATING_HEADER, ["Lò Văn Nam", "1990", "", 2024, "HTTNV"]]
    client = as_persona(persona)
    url = reverse("awards:import_list")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    check(user, world.unit_a, rows, kind="ratings")
    client.get(url)  # its first page marks the session active (a write)
    few = queries()
    for _ in range(5):
        check(user, world.unit_a, rows, kind="ratings")
    assert queries() == few


def test_review_choices_are_the_candidates_and_a_new_person(world, as_persona):
    make_person("Đặng Thị Đào", unit=world.unit_a_child, birth_year=1992)
    batch = check(world.users["specialist"], world.unit_a, [RATING_HEADER, ["Đặng Thị Đào", "", "BVDK", 2024, "HTTNV"]],
                  kind="ratings")
    waiting = row(batch, 2)
    assert waiting.status == RowStatus.REVIEW
    form = as_persona("specialist").get(reverse("awards:import_row", args=[waiting.pk])).context["form"]
    assert len(form.fields["choice"].choices) == 3
    response = as_persona("specialist").post(reverse("awards:import_row", args=[waiting.pk]), {"choice": "new"})
    assert response.status_code == 302
    before = Person.objects.count()
    as_persona("specialist").post(reverse("awards:import_commit", args=[batch.pk]))
    assert Person.objects.count() == before + 1
