"""Tờ trình to the upper level for State-level awards (law.md §4.2): the province's cover letter plus
the list, as Word and as PDF — NĐ152 Đ33.12 asks for the Word files of the tờ trình and the list, and
a PDF of the whole dossier, alongside the paper originals.

Built from council-approved nominations whose award is decided above the province (AwardType level
"state": Bằng khen của Thủ tướng, CSTĐ toàn quốc, Cờ thi đua của Chính phủ, orders, …). The number and
date are left blank for the văn thư ("Số:      /TTr-UBND"). Document text, so always Vietnamese."""

from __future__ import annotations

from dataclasses import dataclass

from tdkt.awards.enums import AwardLevel
from tdkt.decisions import documents, drafting
from tdkt.dossiers.enums import NominationState
from tdkt.dossiers.models import Nomination
from tdkt.lib import nd30
from tdkt.orgs.enums import AuthorityKind

ADDRESSEES = {AuthorityKind.PRIME_MINISTER: "Thủ tướng Chính phủ",
              AuthorityKind.STATE_PRESIDENT: "Chủ tịch nước"}
LIST_HEADER = ["TT", "Tên tập thể / Họ và tên", "Chức vụ, đơn vị", "Tóm tắt thành tích"]
LIST_WIDTHS_MM = [11, 50, 50, 54]


@dataclass(frozen=True)
class SubmissionLine:
    group: str
    display_name: str
    position_and_unit: str
    summary: str


def state_level_nominations():
    """Approved nominations for awards decided above the province, by award."""
    return (Nomination.objects.filter(state=NominationState.APPROVED, award_type__level=AwardLevel.STATE)
            .select_related("dossier", "award_type", "person__unit", "unit__parent", "household__unit")
            .order_by("award_type__sort_order", "dossier_id", "position", "id"))


def submission_lines(nominations) -> list[SubmissionLine]:
    lines = [SubmissionLine(drafting.group_of(drafting.recipient_kind_of(n)), drafting.display_name(n),
                            drafting.position_and_unit(n), (n.achievement_summary or "").strip())
             for n in nominations]
    return sorted(lines, key=lambda line: documents.GROUP_ORDER.index(line.group))


def addressee(nominations) -> str:
    authority = nominations[0].dossier.authority if nominations else AuthorityKind.PRIME_MINISTER
    return ADDRESSEES.get(authority, "Thủ tướng Chính phủ")


def build_submission(authority, award_type, nominations, *, year: int, signer_name: str = ""):
    lines = submission_lines(nominations)
    phrase = documents.award_phrase(award_type)
    to = addressee(nominations)
    document = nd30.new_document()
    nd30.add_heading_block(document, nd30.Heading(
        issuer=authority.name, parent=authority.parent_name or None, place=authority.place, date=None, number=None,
        symbol=authority.submission_symbol, doc_type="TỜ TRÌNH", title=f"Về việc đề nghị tặng {phrase}"), year=year)
    nd30.add_paragraph(document, f"Kính gửi: {to} (qua Bộ Nội vụ).", align="center", space_after=12)
    body = [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, "
        "phân quyền trong lĩnh vực thi đua, khen thưởng, quy định chi tiết và hướng dẫn thi hành một số điều "
        "của Luật Thi đua, khen thưởng;",
        "Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng tỉnh,",
        f"{authority.name} kính trình {to} xem xét, tặng {phrase} cho {documents.counts_phrase(lines)} "
        "(có danh sách kèm theo), đã có thành tích xuất sắc trong thực hiện nhiệm vụ.",
        "Hồ sơ gồm 01 bộ bản gốc bằng giấy và tệp điện tử (PDF toàn bộ hồ sơ; Word tờ trình và danh sách) "
        "theo khoản 12 Điều 33 Nghị định số 152/2025/NĐ-CP.",
        f"{authority.name} kính trình {to} xem xét, quyết định./.",
    ]
    for text in body:
        nd30.add_paragraph(document, text, first_line_mm=10)
    nd30.signature_block(document, recipients=documents.recipient_lines(
        ["Như trên", "Bộ Nội vụ", "Lưu: VT, SNV"]), signature=[f"TM. {authority.collective_body}",
                                                              authority.head_title],
        signer_name=signer_name, signed=False)
    documents.page_break(document)
    nd30.add_paragraph(document, "DANH SÁCH", bold=True, align="center", space_after=0)
    nd30.add_paragraph(document, f"ĐỀ NGHỊ TẶNG {phrase.upper()}", bold=True, align="center", space_after=0)
    nd30.add_paragraph(document, f"(Kèm theo Tờ trình số      /{authority.submission_symbol} ngày      /      /"
                                 f"{year} của {authority.name})", italic=True, align="center", space_after=12)
    rows: list = []
    for number, group in enumerate(g for g in documents.GROUP_ORDER if any(line.group == g for line in lines)):
        rows.append(nd30.SectionRow(documents.GROUP_HEADINGS[group], documents.ROMAN[number]))
        members = [line for line in lines if line.group == group]
        rows.extend([str(index), line.display_name, line.position_and_unit, line.summary]
                    for index, line in enumerate(members, start=1))
    nd30.add_table(document, LIST_HEADER, LIST_WIDTHS_MM, rows)
    return document


def submission_docx(authority, award_type, nominations, *, year: int) -> bytes:
    return nd30.to_bytes(build_submission(authority, award_type, list(nominations), year=year))
