"""seed_demo fills issue 20's programme: initiatives in every state, the year's inspection with an overdue
recommendation on the home commune, training classes of the plan's task, registrations by name (one late),
the movement's mid-term review as an award round and the province in its inter-provincial cluster; each
page answers with that data for the persona who works on it.

The demo plan comes from shared/seeds/ beside the repository (TDKT_SEEDS_DIR names another place); without
it the inspection and the classes are simply not linked to a plan task."""

import datetime
import os
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from tdkt.accounts.models import User
from tdkt.audit.models import AuditEvent
from tdkt.initiatives.models import Claim, Work, WorkStateChange
from tdkt.inspections.models import Inspection, Recommendation
from tdkt.movements.models import Movement, Registration, RegistrationCall
from tdkt.movements.models_reviews import MovementReview
from tdkt.movements.scoring.models_province import ClusterYear, InterProvincialCluster
from tdkt.plans import demo as plans_demo
from tdkt.training.models import Trainee, Training
from tests.plans.seeds import SEEDS_DIR

YEAR = 2026
pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(monkeypatch):
    path = Path(os.environ.get("TDKT_SEEDS_DIR", SEEDS_DIR)) / plans_demo.SEED_NAME
    monkeypatch.setattr(plans_demo, "seed_path", lambda: path)
    out = StringIO()
    call_command("seed_demo", stdout=out, persons=300, seed="3", year=YEAR)
    return {"output": out.getvalue(), "plan": path.exists()}


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _key(unit) -> str:
    """SYT, SGD, or XA for the home commune (vanthu.xa's unit, which depends on the seed)."""
    home = User.objects.get(username="vanthu.xa").memberships.values_list("unit_id", flat=True).first()
    return "XA" if unit.pk == home else unit.code.split("-", 1)[1]


def test_demo_programme(seeded):
    """One seed (it takes a while) for both: the data, then the pages."""
    _check_data(seeded)
    _check_pages()


def _check_data(seeded):
    works = {w.title: w for w in Work.objects.select_related("unit")}
    states = sorted((_key(w.unit), w.kind, w.state, w.scope, w.decision_number)
                    for w in works.values())
    assert states == [
        ("SYT", "initiative", "not_recognised", "", ""),
        ("SYT", "initiative", "recognised", "CO_SO", "85/QĐ-SYT"),
        ("SYT", "initiative", "recognised", "TINH", "2151/QĐ-UBND"),
        ("SYT", "research_topic", "evaluated", "", ""),
        ("SYT", "research_work", "registered", "", ""),
        ("XA", "initiative", "recognised", "CO_SO", "85/QĐ-UBND"),
        ("XA", "initiative", "registered", "", ""),
    ]
    evaluated = works["Thực trạng suy dinh dưỡng ở trẻ em dưới 5 tuổi người dân tộc thiểu số và giải pháp can thiệp "
                     "tại tuyến xã"]
    assert [m.score for m in evaluated.evaluation.members.all()] == [Decimal(70), Decimal(75), Decimal(80)]
    province = works["Cải tiến quy trình tiếp đón, phân luồng người bệnh tại Khoa Khám bệnh"]
    assert [m.vote for m in province.evaluation.members.all()] == ["for", "for", "abstain"]
    assert province.record.scope == "TINH" and province.record.authors.count() == 2
    assert WorkStateChange.objects.count() == 5 + 3 + 1  # evaluated ×5, then recognised ×3, not recognised ×1
    claim = Claim.objects.select_related("nomination__dossier", "work").get()
    assert claim.released_at is None and claim.nomination.dossier.state == "draft"
    assert claim.work.authors.filter(person=claim.nomination.person).exists()

    inspection = Inspection.objects.get()
    assert (inspection.plan_task is not None) == seeded["plan"]
    assert [_key(r.unit) for r in inspection.records.order_by("id")] == ["SYT", "XA", "SGD"]
    assert [(r.conclusion_number, r.findings.exclude(assessment="").count())
            for r in inspection.records.order_by("id")] == [("140/KL-SNV", 11), ("141/KL-SNV", 11), ("", 11)]
    today = datetime.date.today()
    overdue = Recommendation.objects.filter(state="open", due_on__lt=today)
    assert [_key(r.record.unit) for r in overdue] == ["XA"]
    assert sorted(Recommendation.objects.values_list("state", flat=True)) == ["closed", "open", "open", "reported"]

    classes = list(Training.objects.order_by("starts_on"))
    assert [t.state for t in classes] == ["closed", "closed", "held", "planned"]
    assert all((t.plan_task_id is not None) == seeded["plan"] for t in classes)
    assert Trainee.objects.filter(training=classes[0]).count() == 5
    assert list(Trainee.objects.filter(training=classes[1], result="not_passed").values_list("certificate_number",
                                                                                                flat=True)) == [""]
    assert Trainee.objects.exclude(certificate_number="").count() == 9

    named = {_key(r.unit): r for r in Registration.objects.filter(entries__isnull=False).distinct()}
    assert sorted(named) == ["SGD", "SYT"]
    assert (named["SYT"].state, named["SYT"].late_days, named["SYT"].entries.count()) == ("signed", 0, 7)
    assert (named["SGD"].state, named["SGD"].late_days, named["SGD"].entries.count()) == ("submitted", 21, 5)
    assert named["SGD"].late_reason.startswith("Đơn vị sắp xếp lại")

    review = MovementReview.objects.select_related("call", "movement").get()
    assert (review.kind, review.held_on, review.movement.code) == ("midterm_review", datetime.date(YEAR, 7, 15),
                                                                   f"DEMO-TD-{YEAR}")
    assert review.call.movement_id == review.movement_id
    assert [m.kind for m in Movement.objects.get(code=f"DEMO-TD-{YEAR}").milestones.all()] == [
        "launch", "midterm_review", "final_review"]

    cluster = InterProvincialCluster.objects.get()
    years = {y.year: y for y in ClusterYear.objects.filter(cluster=cluster)}
    assert years[YEAR - 1].submitted_at is not None and years[YEAR - 1].result_rank == 2
    assert years[YEAR].submitted_at is None and years[YEAR].criteria.exclude(points=None).count() == 6
    assert years[YEAR].criteria.exclude(evidence="").count() == 1

    assert AuditEvent.objects.filter(object_type="initiatives.work").count() >= 7
    for line in ("Sáng kiến, đề tài mẫu: 7 (", "Kiểm tra mẫu năm 2026: 1 đợt kiểm tra", "Tập huấn mẫu năm 2026: 4 lớp",
                 "Đăng ký theo danh sách: 2 đơn vị, 12 tên; 1 đơn vị gửi muộn 21 ngày làm việc.",
                 "Cụm thi đua liên tỉnh: Cụm thi đua các tỉnh miền núi biên giới phía Bắc (7 tỉnh)"):
        assert line in seeded["output"]


def _page(client: Client, url: str, *texts: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    for text in texts:
        assert text in body, (url, text)
    return body


def _check_pages():
    inspection = Inspection.objects.get()
    home = User.objects.get(username="vanthu.xa").memberships.values_list("unit_id", flat=True).first()
    commune_record = inspection.records.get(unit_id=home)
    closed = Training.objects.filter(state="closed").order_by("starts_on").first()
    review = MovementReview.objects.get()
    call = RegistrationCall.objects.get(year=YEAR, movement=None)
    cluster_year = ClusterYear.objects.get(year=YEAR)
    claimed = Claim.objects.get().work

    clerk = _client("vanthu.xa")  # the home commune's clerk: its overdue recommendation on the home page
    _page(clerk, "/", "Tổ chức sơ kết phong trào thi đua và lưu trữ đầy đủ hồ sơ khen thưởng cấp xã.")
    body = _page(clerk, "/initiatives/", "Mô hình “Dân vận khéo”")
    assert "Cải tiến quy trình tiếp đón" not in body  # Sở Y tế's works are not the commune's
    _page(clerk, f"/inspections/records/{commune_record.pk}/", "141/KL-SNV")
    _page(clerk, "/training/", "Bồi dưỡng nghiệp vụ thi đua, khen thưởng cho công chức Văn phòng - Thống kê cấp xã")

    health = _client("vanthu.soyte")
    _page(health, "/initiatives/", "Cải tiến quy trình tiếp đón", "Sổ tay hướng dẫn sơ cứu")
    _page(health, f"/initiatives/{claimed.pk}/", claimed.title)
    _page(health, "/movements/registrations/", "Sở Y tế")

    specialist = _client("chuyenvien")
    _page(specialist, "/movements/registrations/", "Sở Giáo dục và Đào tạo", "21")
    _page(specialist, f"/movements/registrations/calls/{call.pk}/missing/", "Sở Công Thương")
    _page(specialist, "/movements/registrations/compare/")
    _page(specialist, f"/movements/reviews/{review.pk}/", "15/07/2026")
    _page(specialist, f"/inspections/{inspection.pk}/", inspection.title)
    _page(specialist, f"/training/{closed.pk}/", "001/GCN-TH 2026")
    _page(specialist, "/training/counts/")
    _page(specialist, "/scoring/province-clusters/", "Cụm thi đua các tỉnh miền núi biên giới phía Bắc")
    _page(specialist, f"/scoring/province-clusters/years/{cluster_year.pk}/", "Điểm thưởng")
    for url in (f"/scoring/province-clusters/years/{cluster_year.pk}/sheet.xlsx", "/initiatives/export.xlsx",
                "/inspections/export.xlsx", f"/inspections/records/{commune_record.pk}/conclusion.docx"):
        assert specialist.get(url).status_code == 200, url

    member = _client("uyvien")  # a council member reads the province's registers
    body = _page(member, "/initiatives/", "Cải tiến quy trình tiếp đón", "Mô hình “Dân vận khéo”")
    _page(member, "/inspections/", inspection.title)
    assert _client("truongcum").get("/scoring/province-clusters/").status_code == 403
