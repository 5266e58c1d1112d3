"""The decision as a PDF in the Decree 30/2020 layout, drawn directly (tdkt.lib.nd30pdf), from the same data
and the same text functions as the Word document (tdkt.decisions.documents.build_decision): not by reading
the .docx back, so nothing is lost in between.

Page 1: boxes 1–4 in two columns, "QUYẾT ĐỊNH" and the title, the decider, the italic legal bases,
"QUYẾT ĐỊNH:", Điều 1–3, then "Nơi nhận" beside the signature block (kept whole: moved to the next page
rather than split). The annex "DANH SÁCH" starts on a new page, its title and reference on that page with
the first group; a group heading is never left alone at the foot of a page. Page numbers from page 2."""

from __future__ import annotations

import datetime

from tdkt.decisions import documents
from tdkt.lib import nd30, nd30pdf

ENTRY_SPACE_PT = 3
HEADING_SPACE_PT = 6


def _heading(decision, authority) -> nd30.Heading:
    return nd30.Heading(issuer=authority.name, parent=authority.parent_name or None, place=authority.place,
                        date=decision.decision_date, number=decision.number_text or None, symbol=authority.symbol,
                        doc_type="QUYẾT ĐỊNH", title=decision.title)


def _created(decision) -> datetime.datetime | None:
    """The PDF's creation date: the decision's date when it has one, so a signed decision's copy is the same
    file each time it is made; a draft's copy is stamped with the present time."""
    day = decision.decision_date
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC) if day else None


def render_decision_pdf(decision, lines) -> bytes:
    """The PDF of `decision` with `lines` (ordered by group then sort order, as for decision_docx)."""
    authority = documents.issuing_authority(decision)
    pdf = nd30pdf.new_pdf(title=f"Quyết định {decision.number_text or ''}".strip(), created=_created(decision))
    nd30pdf.heading_block(pdf, _heading(decision, authority), year=decision.year)
    nd30pdf.paragraph(pdf, authority.decider_title.upper(), style="B", align="center", space_after=12)
    nd30pdf.paragraphs(pdf, documents.legal_basis_lines(decision), style="I", first_line_mm=10)
    nd30pdf.paragraph(pdf, "QUYẾT ĐỊNH:", style="B", align="center", space_before=6, space_after=12)
    nd30pdf.paragraphs(pdf, [[(label + " ", "B"), (text, "")]
                             for label, text in documents.article_texts(decision, lines)], first_line_mm=10)
    pdf.ln(nd30pdf.pt(6))
    block = decision.signature()
    nd30pdf.signature_block(pdf, recipients=documents.recipient_lines(decision), signature=list(block.lines),
                            signer_name=block.name, signed=decision.is_issued)
    nd30pdf.new_page(pdf)
    add_annex(pdf, decision, lines)
    return nd30pdf.to_bytes(pdf)


def add_annex(pdf, decision, lines) -> None:
    nd30pdf.paragraph(pdf, "DANH SÁCH", style="B", align="center", space_after=0)
    nd30pdf.paragraph(pdf, documents.annex_title(decision), style="B", align="center", space_after=0)
    nd30pdf.paragraph(pdf, documents.annex_reference(decision), style="I", align="center", space_after=12)
    for heading, texts in documents.annex_sections(decision, lines):
        first = nd30pdf.text_height(pdf, texts[0], pdf.epw, size=nd30.BODY_PT, first_line_mm=10) if texts else 0
        nd30pdf.keep_room(pdf, nd30pdf.pt(HEADING_SPACE_PT) + nd30pdf.line_mm(nd30.BODY_PT) + first)
        nd30pdf.paragraph(pdf, heading, style="B", align="left", space_before=HEADING_SPACE_PT,
                          space_after=ENTRY_SPACE_PT)
        nd30pdf.paragraphs(pdf, texts, first_line_mm=10, space_after=ENTRY_SPACE_PT)
