"""The province's report to its inter-provincial cluster (Word, Decree 30 layout) and its self-score sheet
(Excel, values only). Official documents are in Vietnamese whatever the interface language."""

from decimal import Decimal

from django.conf import settings

from tdkt.lib import nd30
from tdkt.lib.sheets import SheetWriter
from tdkt.movements.scoring.exports import KIND_TEXT
from tdkt.movements.scoring.sheets import format_points


def _issuer() -> str:
    return f"Ủy ban nhân dân tỉnh {settings.PROVINCE_NAME}"


def _total(lines) -> Decimal:
    return sum((line.points for line in lines if line.points is not None), Decimal(0))


def report_docx(cluster_year, lines) -> bytes:
    """Báo cáo tự chấm điểm thi đua: the province's points on each criterion, its total and its evidence."""
    cluster = cluster_year.cluster
    document = nd30.new_document()
    nd30.add_heading_block(document, nd30.Heading(
        issuer=_issuer().upper(), parent=None, place=settings.PROVINCE_NAME, date=None, number=None, symbol="BC-UBND",
        doc_type="BÁO CÁO",
        title=f"Kết quả tự chấm điểm thi đua năm {cluster_year.year} gửi {cluster.name}"), year=cluster_year.year)
    if cluster.provinces:
        nd30.add_paragraph(document, "Kính gửi: Trưởng " + cluster.name + " (các tỉnh: "
                           + ", ".join(cluster.provinces) + ").", align="center")
    nd30.add_paragraph(document, (
        f"Thực hiện bảng tiêu chí thi đua năm {cluster_year.year} của {cluster.name}, {_issuer()} báo cáo kết quả "
        f"tự chấm điểm như sau:"), align="justify")
    rows = [[c.code, c.title, KIND_TEXT[c.kind], format_points(c.max_points), format_points(c.points),
             c.evidence_name or ""] for c in lines]
    nd30.add_table(document, ["Mã", "Tiêu chí", "Loại", "Điểm tối đa", "Tự chấm", "Minh chứng"],
                   [14, 70, 20, 18, 16, 27], rows)
    nd30.add_paragraph(document, f"Tổng điểm tự chấm: {format_points(_total(lines))} điểm.", bold=True,
                       space_before=6)
    explained = [c for c in lines if c.explanation]
    if explained:
        nd30.add_paragraph(document, "Giải trình:", bold=True, space_before=6)
        for c in explained:
            nd30.add_paragraph(document, f"- Tiêu chí {c.code}: {c.explanation}", align="justify")
    nd30.add_paragraph(document, "TM. ỦY BAN NHÂN DÂN", bold=True, align="right", space_before=12)
    return nd30.to_bytes(document)


def write_sheet_xlsx(target, cluster_year, lines) -> int:
    """One sheet: the cluster's criteria with the province's points (numbers, no formulas) and the total."""
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        sheet = book.sheet("Tự chấm điểm", widths=[None, 60])
        sheet.row([f"Tự chấm điểm thi đua năm {cluster_year.year} – {cluster_year.cluster.name} – {_issuer()}"],
                  styles=[book.style(bold=True, size=13, wrap=False, valign="")])
        sheet.row(["Mã", "Tiêu chí", "Loại", "Điểm tối đa", "Tự chấm", "Giải trình", "Minh chứng"],
                  book.style(bold=True, valign="vcenter"))
        for c in lines:
            sheet.row([c.code, c.title, KIND_TEXT[c.kind], float(c.max_points),
                       float(c.points) if c.points is not None else None, c.explanation, c.evidence_name])
        sheet.row(["", "Tổng điểm", "", None, float(_total(lines))], book.style(bold=True, wrap=False, valign=""))
        if cluster_year.result_recorded_at:
            sheet.row([])
            sheet.row(["", "Kết quả cụm công bố", "", None,
                       float(cluster_year.result_total) if cluster_year.result_total is not None else None,
                       f"Xếp thứ {cluster_year.result_rank or '—'}/{cluster_year.result_members or '—'}",
                       cluster_year.result_award])
    return len(lines)
