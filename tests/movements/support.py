"""Small builders for the movements tests (real rows, real files)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.movements.models import Movement

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="ke-hoach.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def make_movement(name="Phong trào thi đua năm 2026", *, level="province", kind="regular", **extra):
    extra.setdefault("start_date", datetime.date(2026, 1, 1))
    extra.setdefault("end_date", datetime.date(2026, 12, 31))
    return Movement.objects.create(name=name, level=level, kind=kind, **extra)


def xlsx_upload(rows, name="dang-ky.xlsx"):
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
