"""Excel on every list (issue 21, item 7): each list page links to its file with the page's own query
string; the file holds what the page lists, every page of it, with the same filters and the same scope
(another unit's rows never appear); formulas never; a big list becomes a background job whose file matches;
the export reads a fixed number of queries whatever the list's length."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tdkt.council.models import Meeting
from tdkt.dossiers.models import Dossier
from tdkt.jobs.lists import get_list
from tdkt.movements.models import Movement
from tests.conftest import client_for
from tests.dossiers.support import add_line
from tests.factories import make_person
from tests.jobs.test_export_jobs import download, start

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def rows_of(response) -> list[tuple]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return rows_of_bytes(data)


def rows_of_bytes(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert not [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    return list(sheet.iter_rows(values_only=True))


def at_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time())


def submitted(world, unit, title, *, days=0, lines=1):
    dossier = Dossier.objects.create(unit=unit, title=title, year=2025, state="submitted",
                                     step_due_on=TODAY + datetime.timedelta(days=days))
    for index in range(lines):
        add_line(dossier, person=make_person(f"Người {title} {index}", unit=unit))
    return dossier


def test_the_units_file_is_the_clerks_part_of_the_tree(world):
    rows = rows_of(client_for(world, "clerk_a").get(reverse("orgs:tree_xlsx")))
    assert rows[0][0] == "DANH SÁCH CƠ QUAN, ĐƠN VỊ"
    assert rows[1][0] == f"Ngày lập: {TODAY:%d/%m/%Y}"
    assert rows[2] == ("STT", "Cấp", "Tên cơ quan, đơn vị", "Tên viết tắt", "Mã", "Loại", "Ghi chú")
    # Sở Y tế and its hospital; the province and Sở Giáo dục are not the clerk's to read.
    assert [row[:3] + row[4:5] for row in rows[3:]] == [(1, 1, "Sở Y tế", "SYT"),
                                                       (2, 2, "    Bệnh viện Đa khoa tỉnh", "BVDK")]


def test_the_queue_file_keeps_the_pages_filters(world):
    submitted(world, world.unit_a, "Hồ sơ Sở Y tế", days=2, lines=2)
    hostile = submitted(world, world.unit_a, "=HYPERLINK(\"http://x\")", days=5)
    submitted(world, world.unit_b, "Hồ sơ Sở Giáo dục", days=1)
    client = client_for(world, "specialist")
    query = {"unit": str(world.unit_a.pk), "state": "submitted"}
    page = client.get(reverse("dossiers:queue"), query).content.decode()
    link = f'{reverse("dossiers:queue_xlsx")}?unit={world.unit_a.pk}&amp;state=submitted'
    assert f'href="{link}"' in page
    rows = rows_of(client.get(reverse("dossiers:queue_xlsx"), {**query, "page": "2"}))  # every page, not page 2
    assert rows[0][0] == "DANH SÁCH HỒ SƠ CẦN XỬ LÝ"
    assert rows[2] == ("STT", "Số hồ sơ", "Tên hồ sơ", "Đơn vị", "Loại", "Trạng thái", "Số dòng", "Cần sửa",
                       "Chuyên viên", "Hạn bước hiện tại")
    first = Dossier.objects.get(title="Hồ sơ Sở Y tế")
    assert rows[3] == (1, first.reference, "Hồ sơ Sở Y tế", "Sở Y tế", first.get_kind_display(), "Đã gửi", 2, 0,
                       None, at_midnight(TODAY + datetime.timedelta(days=2)))
    assert rows[4][:3] == (2, hostile.reference, "=HYPERLINK(\"http://x\")")  # text, not a formula
    assert len(rows) == 5


def test_the_inbox_file_holds_only_the_clerks_unit(world):
    own = submitted(world, world.unit_a, "Hồ sơ Sở Y tế")
    submitted(world, world.unit_b, "Hồ sơ Sở Giáo dục")
    rows = rows_of(client_for(world, "clerk_a").get(reverse("dossiers:inbox_xlsx")))
    assert [row[1:4] for row in rows[3:]] == [(own.reference, "Hồ sơ Sở Y tế", "Sở Y tế")]


def test_the_movements_file_keeps_the_year_filter(world):
    Movement.objects.create(name="Thi đua chuyển đổi số", level="province", kind="thematic",
                            start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 12, 31))
    Movement.objects.create(name="Thi đua xây dựng nông thôn mới", level="province", kind="thematic",
                            start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2023, 12, 31))
    client = client_for(world, "clerk_b")
    rows = rows_of(client.get(reverse("movements:list_xlsx"), {"year": "2025"}))
    running_in_2025 = Movement.objects.filter(start_date__year__lte=2025).filter(
        Q(end_date__isnull=True) | Q(end_date__year__gte=2025)).order_by("-start_date", "name")
    names = [row[1] for row in rows[3:]]
    assert names == list(running_in_2025.values_list("name", flat=True))
    assert "Thi đua chuyển đổi số" in names and "Thi đua xây dựng nông thôn mới" not in names
    mine = rows[3 + names.index("Thi đua chuyển đổi số")]
    assert mine[3:8] == ("Chủ tịch UBND tỉnh", "Chuyên đề", datetime.datetime(2025, 1, 1),
                         datetime.datetime(2025, 12, 31), 0)
    assert len(rows_of(client.get(reverse("movements:list_xlsx")))) == 3 + Movement.objects.count()


def test_the_queue_export_reads_a_fixed_number_of_queries(world):
    client = client_for(world, "specialist")

    def queries_for_export():
        with CaptureQueriesContext(connection) as context:
            rows_of(client.get(reverse("dossiers:queue_xlsx")))
        return len(context.captured_queries)

    for index in range(3):
        submitted(world, world.unit_a, f"Hồ sơ {index}")
    client.get(reverse("dossiers:queue_xlsx"))  # its first page marks the session active (a write)
    few = queries_for_export()
    for index in range(3, 12):
        submitted(world, world.unit_b, f"Hồ sơ {index}", lines=2)
    assert queries_for_export() == few


def test_a_big_list_is_written_by_a_job_with_the_same_rows(world, settings, django_capture_on_commit_callbacks):
    for index in range(3):
        Meeting.objects.create(council=world.council, date=datetime.date(2026, 3, index + 1), number=index + 1)
    client = client_for(world, "council_member")
    inline = rows_of(client.get(reverse("council:meetings_xlsx")))
    settings.EXPORT_JOB_THRESHOLD = 2
    job = start(client, django_capture_on_commit_callbacks, reverse("council:meetings_xlsx"))
    assert rows_of_bytes(download(client, job)) == inline
    assert [row[1] for row in inline[3:]] == [datetime.datetime(2026, 3, day) for day in (3, 2, 1)]
    assert client_for(world, "clerk_a").get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_every_list_declares_its_sheet_with_a_heading_per_column():
    for key in ("dossiers.queue", "dossiers.inbox", "decisions.list", "decisions.fund", "orgs.tree",
                "movements.list", "council.meetings", "consultations.queue", "consultations.inbox",
                "postings.notices"):
        sheet = get_list(key)
        assert sheet.title.isupper() and all(heading for heading, _width in sheet.columns)
    with pytest.raises(LookupError, match="no list export 'nothing'"):
        get_list("nothing")
