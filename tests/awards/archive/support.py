"""Tidy award decisions for the archive tests, made here: a Word file, a PDF with a text layer (fpdf2 and
the bundled font), and a scan of it (pdftoppm at 300 dpi, saved as an image-only PDF with Pillow)."""

import io
import subprocess
import tempfile
from pathlib import Path

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

import tdkt
from tdkt.awards.archive.models import ArchiveBatch
from tdkt.awards.archive.reading import create_batch, read_batch

FONT = Path(tdkt.__file__).parent / "lib" / "fonts" / "LiberationSerif-Regular.ttf"
AWARD = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


def _header(number: str, day: tuple[int, int, int]) -> list[str]:
    return ["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", f"Số: {number}", f"Lào Cai, ngày {day[0]} tháng {day[1]} năm {day[2]}",
            "QUYẾT ĐỊNH", "Về việc tặng Bằng khen", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
            f"Điều 1. Tặng {AWARD} cho các cá nhân có tên trong danh sách kèm theo.", "DANH SÁCH"]


def decision_docx(number="125/QĐ-UBND", day=(12, 3, 2025), rows=(("Nguyễn Văn An", "Sở Y tế"),)) -> bytes:
    document = docx.Document()
    for text in _header(number, day):
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=3)
    for cell, heading in zip(table.rows[0].cells, ["STT", "Họ và tên", "Chức vụ, đơn vị"], strict=True):
        cell.text = heading
    for index, (name, unit) in enumerate(rows, start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(index), name, unit
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def decision_pdf(number="126/QĐ-UBND", day=(14, 3, 2025), rows=(("Nguyễn Văn An", "Sở Y tế"),)) -> bytes:
    from fpdf import FPDF, FontFace  # noqa: PLC0415

    pdf = FPDF(format="A4")
    pdf.add_font("serif", fname=str(FONT))
    pdf.set_font("serif", size=13)
    pdf.add_page()
    for text in _header(number, day):
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(15, 80, 80), headings_style=FontFace(emphasis=None)) as table:
        for cells in [("STT", "Họ và tên", "Chức vụ, đơn vị"),
                      *[(str(i), name, unit) for i, (name, unit) in enumerate(rows, start=1)]]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    return bytes(pdf.output())


def scanned(pdf: bytes) -> bytes:
    """The PDF as a scanner gives it: page images at 300 dpi, no text layer."""
    from PIL import Image  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "300", "-png", str(source), str(Path(folder) / "page")], check=True)
        pages = [Image.open(path).convert("RGB") for path in sorted(Path(folder).glob("page*.png"))]
        out = io.BytesIO()
        pages[0].save(out, format="PDF", resolution=300, save_all=True, append_images=pages[1:])
        return out.getvalue()


def uploaded(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def read_batch_of(user, unit, files: list[tuple[bytes, str]]) -> ArchiveBatch:
    """Upload and read at once (the job's work, run here)."""
    report = create_batch(by=user, unit=unit, files=[uploaded(data, name) for data, name in files])
    return read_batch(report.batch, by=user)


def stored_read_batch(user, unit, *, pdf: bytes, number="126/QĐ-UBND", date=None, year=2024,
                      lines=()) -> ArchiveBatch:
    """A batch in the `read` state built directly in the database — the reading of a text PDF as the full
    reader gives it — so that review, commit and history are tested apart from the reader.
    `lines`: (name, status, person or None, award type, birth)."""
    import datetime  # noqa: PLC0415
    import hashlib  # noqa: PLC0415

    from django.core.files.base import ContentFile  # noqa: PLC0415

    from tdkt.awards.archive.models import ArchivedDocument, ArchivedLine, ArchiveState, DocumentStatus  # noqa: PLC0415

    batch = ArchiveBatch.objects.create(uploaded_by=user, unit=unit, total=1, done=1, state=ArchiveState.READ)
    document = ArchivedDocument(batch=batch, position=1, original_name="qd-126.pdf",
                                sha256=hashlib.sha256(pdf).hexdigest(), status=DocumentStatus.READ, page_count=1,
                                number=number, date=date or datetime.date(2025, 3, 14), year=year,
                                issuer="ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    document.original.save("upload.pdf", ContentFile(pdf), save=False)
    document.searchable_pdf.save("searchable.pdf", ContentFile(pdf), save=False)
    document.save()
    ArchivedLine.objects.bulk_create([
        ArchivedLine(document=document, line=10 + index, name=name, kind="individual", status=status,
                     person=person, award_type=award_type, award_text=AWARD, birth=birth,
                     candidates=[{"pk": person.pk, "name": person.full_name, "unit": str(person.unit),
                                  "birth": ""}] if person else [])
        for index, (name, status, person, award_type, birth) in enumerate(lines)])
    return batch
