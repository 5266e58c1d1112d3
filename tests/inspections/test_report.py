"""The year-end work report counts the period's inspections and lists the overdue recommendations (section
I.6); without inspections it keeps the sentence that no data is recorded."""

import datetime

import pytest

from tdkt.inspections import services
from tdkt.inspections.transitions import RECOMMENDATION_MACHINE
from tdkt.reports.enums import ReportKind
from tdkt.reports.periods import year_end
from tdkt.reports.work import document
from tdkt.reports.work import services as report_services
from tdkt.reports.work.figures import compute
from tdkt.workcalendar.cache import calendar_scope
from tests.inspections.support import inspection_of, recommendation_of
from tests.reports.work.docxread import open_docx, paragraphs, table_after

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 20)


def test_the_figures_count_inspections_units_recommendations_and_the_overdue(world):
    late = recommendation_of(world, due_on=datetime.date(2026, 6, 30), content="Kiện toàn Hội đồng")
    done = services.add_recommendation(late.record, by=world.users["specialist"], content="Lưu trữ",
                                       due_on=datetime.date(2026, 7, 30))
    services.report_follow_up(done, by=world.users["clerk_a"], response="Đã làm")
    RECOMMENDATION_MACHINE.run(done, "accept", by=world.users["specialist"])
    inspection_of(world, units=[world.unit_b, world.unit_a_child])
    inspection_of(world, starts_on=datetime.date(2025, 5, 4), ends_on=datetime.date(2025, 5, 8), year=2025)
    figures = compute(year_end(2026), today=TODAY).inspections
    assert (figures.inspections, figures.units, figures.recommendations, figures.closed) == (2, 3, 2, 1)
    assert figures.overdue == [late]
    unit_b = compute(year_end(2026), world.unit_b, today=TODAY).inspections
    assert (unit_b.inspections, unit_b.units, unit_b.recommendations, unit_b.overdue) == (1, 1, 0, [])


def test_the_year_end_draft_carries_the_sentence_and_the_overdue_table(world):
    recommendation_of(world, due_on=datetime.date(2026, 6, 30), content="Kiện toàn Hội đồng")
    with calendar_scope():
        draft = report_services.draft(kind=ReportKind.YEAR_END, year=2026, period=year_end(2026))
    doc = open_docx(draft.data)
    texts = paragraphs(doc)
    assert document.NO_INSPECTION_DATA not in texts
    assert ("Trong kỳ đã tổ chức 1 cuộc kiểm tra công tác thi đua, khen thưởng tại 1 đơn vị; đoàn kiểm tra đã đưa "
            "ra 1 kiến nghị, trong đó 0 kiến nghị đã được đơn vị thực hiện và đoàn kiểm tra chấp nhận; 1 kiến nghị "
            "quá thời hạn mà đơn vị chưa báo cáo kết quả thực hiện.") in texts
    assert table_after(doc, "Các kiến nghị quá thời hạn chưa được thực hiện:") == [
        ["TT", "Đơn vị", "Kiến nghị", "Thời hạn"], ["1", "Sở Y tế", "Kiện toàn Hội đồng", "30/06/2026"]]
