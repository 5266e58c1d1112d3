"""Criteria from Excel: the tree from the codes, kinds, evidence; bad rows reported, nothing saved."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.movements.scoring import services
from tdkt.movements.scoring.importing import import_criteria

HEADER = ["Mã", "Tiêu chí", "Điểm tối đa", "Loại", "Minh chứng", "Hệ số"]


def _workbook(rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("tieu-chi.xlsx", buffer.getvalue())


def _template(world):
    return services.create_template(world.group_year, by=world.users["specialist"], title="Bảng tiêu chí")


def test_import_builds_the_tree(world):
    template = _template(world)
    count = import_criteria(template, by=world.users["specialist"], uploaded=_workbook([
        ["1", "Công tác chỉ đạo", 30, "", "", None], ["1.1", "Ban hành kế hoạch", 10, "thường", "x", 1],
        ["1.2", "Phát động thi đua", "20", "", "", "1,5"], ["2", "Mô hình mới", 5, "thưởng", "", None],
        ["3", "Chậm báo cáo", 5, "trừ", "", None]]))
    assert count == 5
    assert list(template.criteria.order_by("order").values_list("code", "parent__code", "kind", "evidence_required",
                                                                "weight")) == [
        ("1", None, "normal", False, Decimal(1)), ("1.1", "1", "normal", True, Decimal(1)),
        ("1.2", "1", "normal", False, Decimal("1.5")), ("2", None, "bonus", False, Decimal(1)),
        ("3", None, "penalty", False, Decimal(1))]


def test_bad_rows_are_reported_and_nothing_is_saved(world):
    template = _template(world)
    with pytest.raises(ValidationError, match=r"^\['Dòng 3: mã 1 bị lặp\.', 'Dòng 4: thiếu nội dung tiêu chí; thiếu điểm tối đa hoặc không phải số ≥ 0; loại phải là “thường”, “thưởng” hoặc “trừ”; hệ số phải là số > 0\.'\]$") as exc:
        import_criteria(template, by=world.users["specialist"], uploaded=_workbook([
            ["1", "Công tác chỉ đạo", 30, "", "", None], ["1", "Trùng", 10, "", "", None],
            ["2", "", "mười", "cộng", "", 0]]))
    assert exc.value.messages == [
        "Dòng 3: mã 1 bị lặp.",
        "Dòng 4: thiếu nội dung tiêu chí; thiếu điểm tối đa hoặc không phải số ≥ 0; loại phải là “thường”, "
        "“thưởng” hoặc “trừ”; hệ số phải là số > 0."]
    assert not template.criteria.exists()
