"""PDF copies of generated documents, for the public portal and for NĐ152 Đ33.12 submissions.

The decision (`decision_pdf`): drawn directly in the Decree-30 layout (tdkt.decisions.decision_pdf) by
default, on any machine. Why not LibreOffice first: the direct copy is at least as faithful — the same
text functions as the Word document, Liberation Serif (Times New Roman's metrics) embedded, the two-column
header and signature block, the annex on its own page, page numbers from page 2 — and it is also the same
everywhere (LibreOffice's pages depend on its version and the fonts installed), it keeps the signature
block whole and a heading with its first line (LibreOffice splits the block's table row at a page end),
it takes milliseconds instead of starting an office suite, and its geometry is checked on every test run
(tests/decisions/test_decision_pdf.py), where LibreOffice is absent. The setting
DECISION_PDF_ENGINE = "libreoffice" converts the .docx instead when `soffice` is installed.

Other documents (the Tờ trình, the central proposals: `docx_to_pdf`): the very .docx converted with
LibreOffice (`soffice --headless --convert-to pdf`) when it is installed; otherwise `render_plain_pdf`, the
document's paragraphs and tables in order with the bundled font: same text, simpler layout (no
two-column header, no page numbers).
Once a decision is signed, the authoritative copy is the uploaded signed PDF; this copy is a reading
copy of the text."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from django.conf import settings
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph
from fpdf import FPDF

from tdkt.decisions import documents
from tdkt.decisions.decision_pdf import render_decision_pdf
from tdkt.lib.fonts import SERIF

PDF_TYPE = "application/pdf"
CONVERT_TIMEOUT_S = 180
DIRECT, LIBREOFFICE = "direct", "libreoffice"


def decision_engine() -> str:
    """DECISION_PDF_ENGINE: "direct" (the default) or "libreoffice" (used only where `soffice` exists)."""
    engine = getattr(settings, "DECISION_PDF_ENGINE", DIRECT)
    return LIBREOFFICE if engine == LIBREOFFICE and soffice_path() else DIRECT


def decision_pdf(decision, lines) -> bytes:
    """The decision's PDF copy in the Decree-30 layout (see the module's docstring for the engine)."""
    if decision_engine() == LIBREOFFICE:
        return docx_to_pdf(documents.decision_docx(decision, lines))
    return render_decision_pdf(decision, lines)


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        return render_plain_pdf(data)
    with tempfile.TemporaryDirectory(prefix="tdkt-pdf-") as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(data)
        # A private profile per conversion: two conversions at once must not share LibreOffice's lock.
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                        "--outdir", tmp, str(source)], check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S)
        return (Path(tmp) / "document.pdf").read_bytes()


def _blocks(document):
    """(text, bold, italic, align) of the body in order, table cells included."""
    aligns = {WD_ALIGN_PARAGRAPH.CENTER: "C", WD_ALIGN_PARAGRAPH.RIGHT: "R", WD_ALIGN_PARAGRAPH.JUSTIFY: "J"}
    for item in document.iter_inner_content():
        paragraphs = [item] if isinstance(item, Paragraph) else [
            p for row in item.rows for cell in row.cells for p in cell.paragraphs] if isinstance(item, Table) else []
        for paragraph in paragraphs:
            runs = paragraph.runs
            yield (paragraph.text, bool(runs and runs[0].bold), bool(runs and runs[0].italic),
                   aligns.get(paragraph.alignment, "L"))


def render_plain_pdf(data: bytes) -> bytes:
    """The fallback: the .docx text on A4 with Decree-30 margins, Liberation Serif 13 pt."""
    document = docx.Document(io.BytesIO(data))
    pdf = FPDF(format="A4")
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    for style, path in SERIF.items():
        pdf.add_font("Serif", style, str(path))
    pdf.add_page()
    for text, bold, italic, align in _blocks(document):
        pdf.set_font("Serif", ("B" if bold else "") + ("I" if italic else ""), 13)
        if not text.strip():
            pdf.ln(3)
            continue
        pdf.multi_cell(0, 6.5, text, align=align, new_x="LMARGIN", new_y="NEXT")
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()
