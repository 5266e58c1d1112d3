"""The answer to a request received, as a Decree-30 công văn (.docx, tdkt.lib.nd30; shared/domain/document-format.md).

A công văn has no document-type line: box 2 (the issuing body, with a short rule) and box 3 (number) on the
left with box 5b under it ("V/v hiệp y khen thưởng", 12 pt); box 1 (national title and motto, with its rule)
and box 4 (place and date, italic) on the right. Then "Kính gửi: …", the body naming their document, a table
with each person or collective and the province's answer (agree / objection and its reason), the general
opinion, the closing sentence ending "./.", and "Nơi nhận" (left) beside the signature block (right).

Document text, so always Vietnamese. No PDF: the only LibreOffice conversion of the project lives in
tdkt.decisions, above this app's layer; the officer prints the .docx."""

from __future__ import annotations

from django.conf import settings

from tdkt.dossiers.consultations.enums import SubjectAnswer, SubjectKind
from tdkt.lib import nd30
from tdkt.lib.nd30 import _cell_paragraph, _no_borders, _rule, _set_widths  # noqa: PLC2701 - shared cell helpers

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TABLE_HEADER = ["TT", "Tên cá nhân, tập thể", "Chức vụ, đơn vị", "Ý kiến hiệp y"]
TABLE_WIDTHS_MM = [12, 50, 55, 48]
SUBJECT_LINE = "V/v hiệp y khen thưởng"


def letter_symbol(issuer: str) -> str:
    """The symbol left for the registry when the number is not given yet."""
    return "UBND-NV" if issuer.lower().startswith(("ủy ban nhân dân", "uỷ ban nhân dân")) else "SNV-TĐKT"


def answer_text(subject) -> str:
    if subject.answer == SubjectAnswer.AGREE:
        return "Nhất trí"
    if subject.answer == SubjectAnswer.OBJECTION:
        return f"Không nhất trí. Lý do: {subject.reason.rstrip('.')}."
    return "Chưa có ý kiến"


def subject_name(subject) -> str:
    return f"Tập thể {subject.written_name}" if subject.kind == SubjectKind.COLLECTIVE else subject.written_name


def recipient_lines(text: str) -> list[str]:
    """"- Như trên;" … "- Lưu: VT." (the last ends with ".")."""
    items = [line.strip().lstrip("- ").rstrip(" ;.") for line in (text or "").splitlines() if line.strip()]
    return [f"- {item}{'.' if index == len(items) - 1 else ';'}" for index, item in enumerate(items)]


def body_paragraphs(request) -> tuple[str, str]:
    """(the opening sentence, the closing sentence)."""
    issuer = request.letter_issuer
    reference_date = request.reference_date.strftime("%d/%m/%Y") if request.reference_date else ""
    opening = (f"{issuer} nhận được Văn bản số {request.reference_number} ngày {reference_date} của "
               f"{request.requesting_body} về việc {request.subject.rstrip('.')}. Sau khi xem xét, {issuer} "
               f"có ý kiến hiệp y như sau:")
    closing = f"{issuer} trả lời để {request.requesting_body} biết, tổng hợp./."
    return opening, closing


def _heading(document, request) -> None:
    width = nd30.text_width_mm(document)
    right = width - nd30.LEFT_BOX_MM
    table = document.add_table(rows=2, cols=2)
    _no_borders(table)
    _set_widths(table, [nd30.LEFT_BOX_MM, right])
    left_top, right_top = table.rows[0].cells
    for index, line in enumerate(nd30.issuer_lines(request.letter_issuer)):
        _cell_paragraph(left_top, line, size=13, bold=True, first=index == 0)
    _rule(left_top, nd30.LEFT_BOX_MM / 2.5, nd30.LEFT_BOX_MM)
    _cell_paragraph(right_top, nd30.NATIONAL_TITLE, size=13, bold=True, first=True)
    _cell_paragraph(right_top, nd30.MOTTO, size=14, bold=True)
    _rule(right_top, 68, right)
    left_bottom, right_bottom = table.rows[1].cells
    _cell_paragraph(left_bottom, nd30.number_line(request.letter_number or None, letter_symbol(request.letter_issuer)),
                    size=13, first=True)
    _cell_paragraph(left_bottom, SUBJECT_LINE, size=12)
    _cell_paragraph(right_bottom, nd30.date_line(settings.PROVINCE_NAME, request.letter_date,
                                                 (request.letter_date or request.received_on).year),
                    size=14, italic=True, first=True)


def _signature(document, request) -> None:
    lines = [line.strip() for line in (request.signature or "").replace("/", "\n").splitlines() if line.strip()]
    nd30.signature_block(document, recipients=recipient_lines(request.recipients), signature=lines,
                         signer_name=request.signer_name)


def build_letter(request, subjects):
    document = nd30.new_document()
    _heading(document, request)
    nd30.add_paragraph(document, "", space_after=6)
    nd30.add_paragraph(document, f"Kính gửi: {request.requesting_body}.", align="center", space_after=12)
    opening, closing = body_paragraphs(request)
    nd30.add_paragraph(document, opening, first_line_mm=10)
    rows = [[str(index), subject_name(subject), subject.written_unit, answer_text(subject)]
            for index, subject in enumerate(subjects, start=1)]
    nd30.add_table(document, TABLE_HEADER, TABLE_WIDTHS_MM, rows)
    if request.opinion:
        nd30.add_paragraph(document, request.opinion, first_line_mm=10, space_before=6)
    nd30.add_paragraph(document, closing, first_line_mm=10, space_before=6)
    nd30.add_paragraph(document, "", space_after=6)
    _signature(document, request)
    return document


def letter_docx(request, subjects) -> bytes:
    return nd30.to_bytes(build_letter(request, subjects))


def letter_filename(request) -> str:
    return f"cong-van-hiep-y-{request.pk}.docx"
