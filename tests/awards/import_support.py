"""Helpers of the history import tests: spreadsheets made in memory, and the wizard's steps."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.awards.imports import services
from tdkt.awards.imports.commit import commit_batch  # noqa: F401 — re-exported for tests
from tdkt.awards.imports.models import ImportRow

FIELD_LABEL = "Tệp"
AWARD_HEADER = ["Họ và tên", "Ngày sinh", "Đơn vị", "Danh hiệu", "Năm", "Số quyết định", "Ngày quyết định"]
RATING_HEADER = ["Họ và tên", "Năm sinh", "Đơn vị", "Năm", "Xếp loại"]
INITIATIVE_HEADER = ["Họ và tên", "Ngày sinh", "Đơn vị", "Tên sáng kiến", "Năm", "Phạm vi", "Số quyết định"]


def xlsx_bytes(rows, *, merge=None, title=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, *, encoding="utf-8", delimiter=",", errors="strict") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding, errors)


def uploaded(data: bytes, name="lich-su.xlsx"):
    return SimpleUploadedFile(name, data)


def upload(user, unit, rows, *, kind="awards", fmt="xlsx", data: bytes | None = None, **options):
    """`data`: the exact bytes to upload (a file saved twice differs: the workbook stamps its save time)."""
    if data is None:
        data = xlsx_bytes(rows, **options) if fmt == "xlsx" else csv_bytes(rows)
    return services.create_batch(by=user, kind=kind, unit=unit, uploaded=uploaded(data, f"file.{fmt}"),
                                 field_label=FIELD_LABEL)


def check(user, unit, rows, **options):
    """Upload and validate with the guessed mapping."""
    batch = upload(user, unit, rows, **options)
    return services.map_columns(batch, batch.mapping, by=user)


def import_all(user, unit, rows, **options):
    """Upload, validate, commit."""
    return services.start_commit(check(user, unit, rows, **options), by=user)


def row_statuses(batch) -> list[tuple[int, str]]:
    return list(ImportRow.objects.filter(batch=batch).order_by("number").values_list("number", "status"))


def row(batch, number) -> ImportRow:
    return ImportRow.objects.get(batch=batch, number=number)
