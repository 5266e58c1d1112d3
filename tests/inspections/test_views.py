"""The register's pages per persona: the standing body plans and records, the unit's clerk reports its
follow-up, another unit's inspection is 404; the list and the home page run a fixed number of queries; the
conclusion (.docx) and the register (.xlsx) are opened and read back."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.scope import get_scope
from tdkt.inspections import queries, services
from tdkt.inspections.models import Inspection, Recommendation
from tdkt.inspections.transitions import RECOMMENDATION_MACHINE
from tests.conftest import client_for
from tests.inspections.support import END, START, inspection_of, recommendation_of, record_of
from tests.reports.work.docxread import open_docx, paragraphs, table_after

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_specialist_plans_an_inspection_from_the_form(world):
    response = client_for(world, "specialist").post(reverse("inspections:new"), {
        "year": "2026", "title": "Kiểm tra công tác TĐKT tại Sở Y tế", "starts_on": "04/05/2026",
        "ends_on": "15/05/2026", "units": [world.unit_a.pk], "leader": world.person_b.pk,
        "members": [world.person_a_child.pk]})
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:detail", kwargs={"pk": inspection.pk})
    assert (inspection.starts_on, inspection.ends_on, inspection.created_by) == (START, END, world.users["specialist"])


def test_the_form_names_the_wrong_dates_in_vietnamese(world):
    response = client_for(world, "specialist").post(reverse("inspections:new"), {
        "year": "2026", "title": "X", "starts_on": "15/05/2026", "ends_on": "04/05/2026",
        "units": [world.unit_a.pk], "leader": world.person_b.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == ["Ngày kết thúc trước ngày bắt đầu."]
    assert Inspection.objects.count() == 0


def test_the_specialist_records_findings_and_a_recommendation_through_the_pages(world):
    record = record_of(world)
    rows = list(record.findings.all())
    client = client_for(world, "specialist")
    data = {"visited_on": "06/05/2026", "summary": "Thực hiện cơ bản tốt", "conclusion_number": "12",
            "conclusion_date": "20/05/2026"}
    for row in rows:
        data[f"f{row.pk}-assessment"] = "good"
        data[f"f{row.pk}-note"] = ""
    data[f"f{rows[0].pk}-assessment"] = "adequate"
    data[f"f{rows[0].pk}-note"] = "Chưa ban hành kế hoạch năm"
    assert client.post(reverse("inspections:record_edit", kwargs={"pk": record.pk}), data).status_code == 302
    response = client.post(reverse("inspections:recommendation_new", kwargs={"pk": record.pk}),
                           {"content": "Ban hành kế hoạch thi đua năm", "due_on": "30/06/2026"})
    assert response.status_code == 302
    rows[0].refresh_from_db()
    assert (rows[0].assessment, rows[0].note) == ("adequate", "Chưa ban hành kế hoạch năm")
    assert list(Recommendation.objects.values_list("content", "due_on", "state")) == [
        ("Ban hành kế hoạch thi đua năm", datetime.date(2026, 6, 30), "open")]


@pytest.mark.parametrize(("persona", "expected"), [("clerk_a", 403), ("clerk_b", 404), ("council_member", 403)])
def test_no_one_but_the_team_posts_a_recommendation(world, persona, expected):
    record = record_of(world)
    response = client_for(world, persona).post(reverse("inspections:recommendation_new", kwargs={"pk": record.pk}),
                                               {"content": "X", "due_on": "30/06/2026"})
    assert response.status_code == expected
    assert Recommendation.objects.count() == 0


def test_the_clerk_reports_with_a_file_and_the_specialist_accepts_through_the_action_page(world):
    item = recommendation_of(world)
    clerk = client_for(world, "clerk_a")
    page = clerk.get(reverse("inspections:record", kwargs={"pk": item.record_id})).content.decode()
    assert reverse("inspections:report", kwargs={"pk": item.pk}) in page
    response = clerk.post(reverse("inspections:report", kwargs={"pk": item.pk}), {
        "response": "Đã kiện toàn Hội đồng", "file": SimpleUploadedFile("qd.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 302
    download = clerk.get(reverse("inspections:response_file", kwargs={"pk": item.pk}))
    assert _content(download) == PDF
    assert client_for(world, "clerk_b").get(reverse("inspections:response_file", kwargs={"pk": item.pk})).status_code == 404
    act = reverse("workflow:act", args=[RECOMMENDATION_MACHINE.name, item.pk, "accept"])
    assert clerk.post(act).status_code == 403
    assert client_for(world, "specialist").post(act).status_code == 302
    item.refresh_from_db()
    assert (item.state, item.response) == ("closed", "Đã kiện toàn Hội đồng")


def test_another_units_clerk_cannot_report_or_see_the_buttons(world):
    item = recommendation_of(world)
    response = client_for(world, "clerk_b").post(reverse("inspections:report", kwargs={"pk": item.pk}),
                                                 {"response": "X"})
    assert response.status_code == 404
    act = reverse("workflow:act", args=[RECOMMENDATION_MACHINE.name, item.pk, "report"])
    assert client_for(world, "clerk_b").get(act).status_code == 404
    assert Recommendation.objects.get().state == "open"


def test_a_unit_clerk_sees_only_the_inspections_and_records_of_its_units(world):
    inspection = inspection_of(world, units=[world.unit_a, world.unit_b])
    only_b = inspection_of(world, units=[world.unit_b])
    page = client_for(world, "clerk_a").get(reverse("inspections:list"))
    assert [i.pk for i in page.context["page"]] == [inspection.pk]
    assert page.context["page"].items[0].unit_count == 1
    detail = client_for(world, "clerk_a").get(reverse("inspections:detail", kwargs={"pk": inspection.pk}))
    assert [r.unit_id for r in detail.context["records"]] == [world.unit_a.pk]
    record_b = inspection.records.get(unit=world.unit_b)
    assert client_for(world, "clerk_a").get(reverse("inspections:record", kwargs={"pk": record_b.pk})).status_code == 404
    assert client_for(world, "clerk_a").get(reverse("inspections:detail", kwargs={"pk": only_b.pk})).status_code == 404
    specialist = client_for(world, "specialist").get(reverse("inspections:list"))
    assert sorted(i.pk for i in specialist.context["page"]) == sorted([inspection.pk, only_b.pk])


def _list_queries(world, persona) -> int:
    client = client_for(world, persona)
    client.get(reverse("inspections:list"))  # session and scope warm
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("inspections:list")).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["specialist", "clerk_a"])
def test_the_list_runs_the_same_queries_for_one_and_three_inspections(world, persona):
    recommendation_of(world)
    one = _list_queries(world, persona)
    for _ in range(2):
        item = recommendation_of(world)
        services.add_recommendation(item.record, by=world.users["specialist"], content="Thêm",
                                    due_on=datetime.date(2026, 7, 1))
    assert Inspection.objects.count() == 3
    assert _list_queries(world, persona) == one


def test_overdue_recommendations_show_on_the_units_home_and_not_on_another_units(world):
    today = timezone.localdate()
    item = recommendation_of(world, due_on=today - datetime.timedelta(days=1),
                             content="Trích lập quỹ thi đua, khen thưởng đúng quy định")
    recommendation_of(world, due_on=today + datetime.timedelta(days=10), content="Chưa đến hạn")
    page = client_for(world, "clerk_a").get(reverse("core:dashboard")).content.decode()
    assert "Kiến nghị sau kiểm tra đã quá thời hạn thực hiện" in page
    assert f'data-recommendation="{item.pk}"' in page
    assert "Trích lập quỹ thi đua, khen thưởng đúng quy định" in page
    overdue_section = page.split('id="overdue-recommendations"')[1].split("</section>")[0]
    # The one not yet due is not overdue; it waits for the unit's report on "Việc của tôi", not in this section.
    assert "Chưa đến hạn" not in overdue_section and "Trích lập quỹ" in overdue_section
    assert "Trích lập quỹ" not in client_for(world, "clerk_b").get(reverse("core:dashboard")).content.decode()
    services.report_follow_up(item, by=world.users["clerk_a"], response="Đã trích lập")
    assert "Trích lập quỹ" not in client_for(world, "clerk_a").get(reverse("core:dashboard")).content.decode()


def test_the_home_list_is_one_query_whatever_the_number(world, django_assert_num_queries):
    today = datetime.date(2026, 12, 1)
    for _ in range(3):
        recommendation_of(world, due_on=datetime.date(2026, 6, 1))
    user = world.users["clerk_a"]
    get_scope(user)
    with django_assert_num_queries(1):
        rows = queries.overdue_for_home(user, today)
    assert len(rows) == 3
    with django_assert_num_queries(0):
        assert {row.record.unit.name for row in rows} == {"Sở Y tế"}


def test_the_conclusion_is_a_decree_30_document_with_findings_and_recommendations(world):
    record = record_of(world)
    first = record.findings.first()
    services.record_findings(record, by=world.users["specialist"], findings={first.pk: ("not_done", "Chưa ban hành")},
                             summary="Đơn vị cần khắc phục các hạn chế.", visited_on=datetime.date(2026, 5, 6),
                             conclusion_number="12", conclusion_date=datetime.date(2026, 5, 20))
    services.add_recommendation(record, by=world.users["specialist"], content="Ban hành kế hoạch thi đua năm",
                                due_on=datetime.date(2026, 6, 30))
    response = client_for(world, "clerk_a").get(reverse("inspections:conclusion", kwargs={"pk": record.pk}))
    assert response.status_code == 200
    assert "ket-luan-kiem-tra-2026-syt.docx" in response["Content-Disposition"]
    doc = open_docx(_content(response))
    texts = paragraphs(doc)
    header = [cell.text for row in doc.tables[0].rows for cell in row.cells]
    assert "Số: 12/KL-SNV" in header
    assert any("SỞ NỘI VỤ" in text for text in header)
    assert "KẾT LUẬN" in texts
    assert "Kiểm tra công tác thi đua, khen thưởng năm 2026 tại Sở Y tế" in texts
    assert "Đơn vị cần khắc phục các hạn chế." in texts
    findings = table_after(doc, "I. KẾT QUẢ KIỂM TRA")
    assert findings[0] == ["TT", "Nội dung kiểm tra", "Đánh giá", "Nhận xét"]
    assert findings[1][1:] == [first.item, "Chưa thực hiện", "Chưa ban hành"]
    assert len(findings) == 1 + record.findings.count()
    assert table_after(doc, "III. KIẾN NGHỊ") == [["TT", "Nội dung kiến nghị", "Thời hạn thực hiện"],
                                                   ["1", "Ban hành kế hoạch thi đua năm", "30/06/2026"]]
    signature = [cell.text for cell in doc.tables[-1].rows[0].cells]
    assert "TRƯỞNG ĐOÀN KIỂM TRA" in signature[1] and "Giàng A Páo" in signature[1]


def test_the_register_export_has_a_row_per_recommendation_with_overdue_marked(world):
    item = recommendation_of(world, due_on=datetime.date(2026, 6, 1))
    services.add_recommendation(item.record, by=world.users["specialist"], content="Lưu trữ hồ sơ",
                                due_on=timezone.localdate() + datetime.timedelta(days=30))
    inspection_of(world, units=[world.unit_b])
    response = client_for(world, "clerk_a").get(reverse("inspections:export"))
    sheet = openpyxl.load_workbook(io.BytesIO(_content(response))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[4], r[6], r[7], r[9]) for r in rows] == [
        ("Sở Y tế", "Kiện toàn Hội đồng Thi đua - Khen thưởng", "01/06/2026", "Có"),
        ("Sở Y tế", "Lưu trữ hồ sơ", (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d/%m/%Y"), None)]
    everyone = client_for(world, "specialist").get(reverse("inspections:export"))
    units = [row[4].value for row in openpyxl.load_workbook(io.BytesIO(_content(everyone))).active.iter_rows(min_row=2)]
    assert units == ["Sở Y tế", "Sở Y tế", "Sở Giáo dục và Đào tạo"]
