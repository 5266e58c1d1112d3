"""The province as a member of an inter-provincial cluster (issue 20, item 7): the cluster and its provinces,
its criteria, the province's self-score sheet with evidence, the sheet sent (then locked), the Word report,
the cluster's results and the Excel export of the province's sheet."""

import io
import re
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tdkt.movements.scoring import province
from tdkt.movements.scoring.enums import CriterionKind
from tests.conftest import client_for
from tests.scoring.support import exe_upload, pdf_upload


def _year(world):
    specialist = world.users["specialist"]
    cluster = province.create_cluster(by=specialist, name="Cụm thi đua các tỉnh miền núi, biên giới phía Bắc",
                                      code="MNBG", member_provinces="Lào Cai\nLai Châu\n\nĐiện Biên\n")
    cluster_year = province.open_year(cluster, by=specialist, year=2026)
    lines = [province.add_criterion(cluster_year, by=specialist, code=code, title=title, max_points=Decimal(top),
                                    kind=kind) for code, title, top, kind in (
        ("1", "Thực hiện nhiệm vụ chính trị", 60, CriterionKind.NORMAL),
        ("2", "Tổ chức phong trào thi đua", 40, CriterionKind.NORMAL),
        ("3", "Mô hình mới, cách làm hay", 5, CriterionKind.BONUS),
        ("4", "Chậm gửi báo cáo", 3, CriterionKind.PENALTY))]
    return cluster_year, lines


def test_the_sheet_is_scored_sent_locked_and_its_result_recorded(world):
    specialist = world.users["specialist"]
    cluster_year, lines = _year(world)
    assert cluster_year.cluster.provinces == ["Lào Cai", "Lai Châu", "Điện Biên"]
    with pytest.raises(ValidationError, match=r"^\{'points': \['Tiêu chí 3: 6 điểm vượt quá điểm tối đa 5\.'\]\}$"):
        province.save_score(lines[2], by=specialist, points=Decimal(6))
    with pytest.raises(ValidationError, match=r"^\{'points': \['Tiêu chí 4 là tiêu chí trừ điểm: nhập số điểm trừ là "
                                              r"số âm \(tối đa -3\)\.'\]\}$"):
        province.save_score(lines[3], by=specialist, points=Decimal(1))
    with pytest.raises(ValidationError, match=r"^\{'evidence': \['Minh chứng tiêu chí 1: không chấp nhận loại tệp"):
        province.save_score(lines[0], by=specialist, evidence=exe_upload())
    province.save_score(lines[0], by=specialist, points=Decimal("55.5"), explanation="Đạt 18/20 chỉ tiêu",
                        evidence=pdf_upload("bao-cao-kt-xh.pdf"))
    province.save_score(lines[2], by=specialist, points=Decimal(4))
    with pytest.raises(ValidationError, match=r"^\['Các tiêu chí chưa chấm điểm: 2\.'\]$"):
        province.submit(cluster_year, by=specialist)
    with pytest.raises(ValidationError, match=r"^\['Hãy gửi bảng tự chấm điểm của tỉnh trước khi ghi kết quả của cụm\.'\]$"):
        province.record_result(cluster_year, by=specialist, rank=1, members=3)
    province.save_score(lines[1], by=specialist, points=Decimal(36))
    province.save_score(lines[3], by=specialist, points=Decimal(-1))
    cluster_year = province.submit(cluster_year, by=specialist)
    date = timezone.localtime(cluster_year.submitted_at).strftime("%d/%m/%Y")
    message = f"Bảng tự chấm điểm của tỉnh đã gửi ngày {date}: không thể thay đổi nữa."
    with pytest.raises(ValidationError, match=f"^{re.escape(str([message]))}$"):
        province.save_score(lines[1], by=specialist, points=Decimal(40))
    with pytest.raises(ValidationError, match=r"^\{'result_rank': \['Thứ hạng 4 không được lớn hơn số 3 tỉnh được xếp "
                                              r"hạng\.'\]\}$"):
        province.record_result(cluster_year, by=specialist, rank=4, members=3)
    province.record_result(cluster_year, by=specialist, rank=1, members=3, total_points=Decimal("93.5"),
                           award="Cờ thi đua của Chính phủ", uploaded=pdf_upload("ket-qua-cum.pdf"))
    cluster_year.refresh_from_db()
    assert (cluster_year.result_rank, cluster_year.result_members, cluster_year.result_total,
            cluster_year.result_award, cluster_year.result_file_name) == (
        1, 3, Decimal("93.50"), "Cờ thi đua của Chính phủ", "ket-qua-cum.pdf")
    assert province.total(cluster_year) == Decimal("94.5")


def test_only_the_standing_body_writes(world):
    cluster_year, lines = _year(world)
    with pytest.raises(PermissionDenied, match=r"^Chỉ cơ quan thường trực của tỉnh thực hiện các việc của cụm thi đua "
                                               r"các tỉnh\.$"):
        province.save_score(lines[0], by=world.users["clerk_a"], points=Decimal(1))
    with pytest.raises(ValidationError, match=r"^\{'code': \['Mã MNBG đã được dùng cho cụm khác\.'\]\}$"):
        province.create_cluster(by=world.users["specialist"], name="Cụm khác", code="MNBG")
    with pytest.raises(ValidationError, match=r"^\{'year': \['Năm 2026 đã được mở trong Cụm thi đua các tỉnh miền núi, "
                                              r"biên giới phía Bắc\.'\]\}$"):
        province.open_year(cluster_year.cluster, by=world.users["specialist"], year=2026)


def test_the_screens_the_report_and_the_export(world):
    cluster_year, lines = _year(world)
    client = client_for(world, "specialist")
    response = client.post(reverse("scoring:province_score", args=[lines[0].pk]),
                           {"points": "55,5", "explanation": "Đạt 18/20 chỉ tiêu", "evidence": pdf_upload()},
                           follow=True)
    assert "Đã lưu tiêu chí 1." in response.content.decode()
    response = client.post(reverse("scoring:province_score", args=[lines[1].pk]), {"points": "41"}, follow=True)
    assert "Tiêu chí 2: 41 điểm vượt quá điểm tối đa 40." in response.content.decode()
    client.post(reverse("scoring:province_score", args=[lines[1].pk]), {"points": "36"})
    response = client.post(reverse("scoring:province_submit", args=[cluster_year.pk]), follow=True)
    assert "Đã gửi bảng tự chấm điểm của tỉnh cho cụm." in response.content.decode()
    response = client.post(reverse("scoring:province_result", args=[cluster_year.pk]), {
        "result_rank": "2", "result_members": "3", "result_total": "90,5", "result_award": "Bằng khen"}, follow=True)
    page = response.content.decode()
    assert "Đã ghi nhận kết quả của cụm." in page and 'id="province-total">91,5<' in page
    word = docx.Document(io.BytesIO(client.get(reverse("scoring:province_report", args=[cluster_year.pk])).content))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "BÁO CÁO" in text and "Tổng điểm tự chấm: 91,5 điểm." in text
    assert "Kết quả tự chấm điểm thi đua năm 2026 gửi Cụm thi đua các tỉnh miền núi, biên giới phía Bắc" in text
    assert [c.text for c in word.tables[-1].rows[1].cells][:5] == ["1", "Thực hiện nhiệm vụ chính trị", "Tiêu chí",
                                                                   "60", "55,5"]
    response = client.get(reverse("scoring:province_export", args=[cluster_year.pk]))
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Tự chấm điểm"]
                .iter_rows(values_only=True))
    assert rows[1] == ("Mã", "Tiêu chí", "Loại", "Điểm tối đa", "Tự chấm", "Giải trình", "Minh chứng")
    assert rows[2][:6] == ("1", "Thực hiện nhiệm vụ chính trị", "Tiêu chí", 60, 55.5, "Đạt 18/20 chỉ tiêu")
    assert rows[6][1] == "Tổng điểm" and rows[6][4] == 91.5
    assert rows[8][4:7] == (90.5, "Xếp thứ 2/3", "Bằng khen")
    assert client_for(world, "council_member").get(reverse("scoring:province_year", args=[cluster_year.pk])
                                                   ).status_code == 200
