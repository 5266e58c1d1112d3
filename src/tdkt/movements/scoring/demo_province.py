"""Demo data: the province as a member of its inter-provincial emulation cluster (four of the five seed plans
send their year-end report "gửi chấm điểm Cụm thi đua các tỉnh miền núi biên giới phía Bắc"). Last year's
sheet sent with the cluster's result recorded; this year's criteria entered and scored by the standing body
(chuyenvien) with evidence on one line, not yet sent, so the sheet, its export and the send step can be
tried. Made through tdkt.movements.scoring.province (audit rows are real). The criteria and points are demo
figures, not any cluster's table."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.accounts.models import User
from tdkt.movements.scoring import province
from tdkt.movements.scoring.enums import CriterionKind
from tdkt.movements.scoring.models_province import ClusterYear, InterProvincialCluster

SPECIALIST = "chuyenvien"
CODE = "DEMO-MNBG-PB"
NAME = "Cụm thi đua các tỉnh miền núi biên giới phía Bắc"
PROVINCES = ("Lào Cai", "Lai Châu", "Điện Biên", "Sơn La", "Cao Bằng", "Lạng Sơn", "Tuyên Quang")
# (code, title, max points, kind, share of the maximum scored)
CRITERIA = (
    ("1", "Công tác lãnh đạo, chỉ đạo, tổ chức các phong trào thi đua", Decimal(20), CriterionKind.NORMAL, 95),
    ("2", "Kết quả thực hiện các chỉ tiêu phát triển kinh tế - xã hội, quốc phòng - an ninh", Decimal(40),
     CriterionKind.NORMAL, 88),
    ("3", "Công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến", Decimal(10), CriterionKind.NORMAL, 90),
    ("4", "Công tác khen thưởng: đúng quy trình, thời hạn; khen thưởng người lao động trực tiếp", Decimal(15),
     CriterionKind.NORMAL, 93),
    ("5", "Tham gia hoạt động của Cụm; chế độ thông tin, báo cáo", Decimal(15), CriterionKind.NORMAL, 100),
    ("6", "Điểm thưởng: mô hình mới, cách làm hay được Trung ương ghi nhận", Decimal(5), CriterionKind.BONUS, 60),
)


def _pdf() -> SimpleUploadedFile:
    body = b"%PDF-1.4\n% Bao cao minh chung\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile("bao-cao-minh-chung.pdf", body, content_type="application/pdf")


def _sheet(cluster_year: ClusterYear, by, *, evidence: bool) -> None:
    for code, title, top, kind, share in CRITERIA:
        criterion = province.add_criterion(cluster_year, by=by, code=code, title=title, max_points=top, kind=kind)
        points = (top * share / 100).quantize(Decimal("0.5"))
        province.save_score(criterion, by=by, points=points,
                            explanation="Có báo cáo, số liệu kèm theo; đạt và vượt các chỉ tiêu được giao.",
                            evidence=_pdf() if evidence and code == "1" else None)


def load_demo(year: int) -> str:
    specialist = User.objects.filter(username=SPECIALIST).first()
    if specialist is None or InterProvincialCluster.objects.filter(code=CODE).exists():
        return "Cụm thi đua liên tỉnh: bỏ qua (chưa có tài khoản chuyenvien hoặc cụm đã có)."
    cluster = province.create_cluster(by=specialist, name=NAME, code=CODE, member_provinces="\n".join(PROVINCES),
                                      note="Dữ liệu mẫu: các tỉnh thành viên theo kế hoạch của tỉnh.")
    last = province.open_year(cluster, by=specialist, year=year - 1)
    _sheet(last, specialist, evidence=False)
    province.submit(last, by=specialist)
    province.record_result(last, by=specialist, rank=2, members=len(PROVINCES), total_points=Decimal("91.5"),
                           award="Cờ thi đua của Chính phủ",
                           note="Cụm bình xét, suy tôn tại hội nghị tổng kết năm (dữ liệu mẫu).")
    current = province.open_year(cluster, by=specialist, year=year)
    _sheet(current, specialist, evidence=True)
    return (f"Cụm thi đua liên tỉnh: {NAME} ({len(PROVINCES)} tỉnh), năm {year - 1} đã gửi và có kết quả, năm {year} "
            f"đã tự chấm {len(CRITERIA)} tiêu chí, chưa gửi.")


def wipe_demo() -> int:
    years = ClusterYear.objects.filter(cluster__code=CODE)
    count = years.delete()[0]
    return count + InterProvincialCluster.objects.filter(code=CODE).delete()[0]
