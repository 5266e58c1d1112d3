"""The statutory statistical forms (biểu mẫu thống kê, TT 02/2023/TT-BNV as reproduced): the catalogue of forms
and years, and one form's figures for a statistical year and a reporting unit, the same numbers as the screen,
the Excel and the PDF (tdkt.api.statistics)."""

import datetime

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from tdkt.api import statistics
from tdkt.api.auth import TokenAuth
from tdkt.api.paging import etagged
from tdkt.api.schemas import READ_ERRORS
from tdkt.api.scopes import READ_STATISTICS
from tdkt.reports.periods import FIRST_STATISTICAL_YEAR
from tdkt.reports.statistics import service

router = Router(tags=["Thống kê"], auth=TokenAuth(READ_STATISTICS))
CIRCULAR = Query("", description="Thông tư của bộ biểu (mã như 02/2023 hoặc 02-2023; để trống: thông tư mặc định).")


class FormSummaryOut(Schema):
    form: str = Field(description="Số biểu, dùng trong đường dẫn (ví dụ 0603).")
    code: str = Field(description="Ký hiệu biểu như in trên biểu (ví dụ 0603.N/BNV-TĐKT).")
    title: str
    unit_of_count: str
    source: str = Field(description="Dữ liệu được đếm: awards (khen thưởng), movements (phong trào), offices (tổ "
                                    "chức làm công tác thi đua, khen thưởng), staff (công chức làm công tác thi đua, "
                                    "khen thưởng).")


class CircularOut(Schema):
    id: str
    slug: str
    title: str
    status: str = Field(description="Tình trạng đối chiếu của bộ biểu, như in trên biểu.")
    confirmed: bool = Field(description="Bộ biểu đã được đối chiếu với phụ lục chính thức.")
    receiving_unit: str
    forms: list[FormSummaryOut]


class YearOut(Schema):
    year: int = Field(description="Năm thống kê.")
    period_from: datetime.date = Field(description="Ngày đầu kỳ (01/12 năm trước).")
    period_to: datetime.date = Field(description="Ngày cuối kỳ (30/11).")


class UnitRefOut(Schema):
    id: int
    code: str
    name: str


class CatalogueOut(Schema):
    default_circular: str
    circulars: list[CircularOut]
    current_year: int
    years: list[YearOut] = Field(description="Các năm thống kê gần nhất (có thể hỏi năm khác).")
    province_wide: bool = Field(description="Tài khoản được xem biểu của cả tỉnh (không ghi unit) và của mọi đơn vị.")
    units: list[UnitRefOut] = Field(description="Các đơn vị tài khoản được xem biểu (rỗng khi province_wide).")


class CircularRefOut(Schema):
    id: str
    slug: str
    title: str
    status: str
    confirmed: bool


class ColumnOut(Schema):
    number: str = Field(description="Số cột như in trên biểu.")
    label: str
    group: str = Field(description="Nhóm cột (tiêu đề gộp phía trên), rỗng nếu không có.")


class RowOut(Schema):
    code: str = Field(description="Mã số của dòng như in trên biểu.")
    label: str
    indent: int = Field(description="Mức thụt lề của chỉ tiêu.")
    heading: bool = Field(description="Dòng tiêu đề, không có số liệu.")
    added: bool = Field(description="Dòng hệ thống thêm (ví dụ “chưa phân loại”) để tổng bằng tổng các phần.")
    note: str
    values: list[int] | None = Field(description="Số liệu theo thứ tự của columns; null với dòng tiêu đề.")


class CheckOut(Schema):
    kind: str = Field(description="row: tổng các dòng trong một cột; column: tổng các cột trong một dòng.")
    total: str
    parts: list[str]
    at: str = Field(description="Số cột (kiểm tra dòng) hoặc mã số dòng (kiểm tra cột).")
    total_value: int
    parts_value: int
    ok: bool


class WarningOut(Schema):
    code: str
    message: str
    count: int


class FormOut(Schema):
    form: str
    code: str
    title: str
    unit_of_count: str
    circular: CircularRefOut
    year: int
    period_from: datetime.date
    period_to: datetime.date
    receipt_date: datetime.date | None = Field(description="Ngày nhận báo cáo như in trên biểu.")
    reporting_unit_id: int | None = Field(description="Đơn vị báo cáo; null: cả tỉnh.")
    reporting_unit_code: str | None
    reporting_unit_name: str
    receiving_unit: str
    header: list[str] = Field(description="Các dòng đầu biểu, như trên bản Excel và PDF.")
    columns: list[ColumnOut]
    rows: list[RowOut]
    checks: list[CheckOut] = Field(description="Kiểm tra tổng bằng tổng các phần.")
    checks_ok: bool
    warnings: list[WarningOut] = Field(description="Điều số liệu chưa thể hiện được, và cách khắc phục.")


@router.get("/statistics/forms", response={200: CatalogueOut, **READ_ERRORS},
            summary="Danh sách biểu mẫu thống kê, năm thống kê và đơn vị được xem")
@decorate_view(etagged)
def statistics_forms(request):
    return statistics.catalogue(request.user)


@router.get("/statistics/forms/{form}", response={200: FormOut, **READ_ERRORS},
            summary="Số liệu một biểu mẫu thống kê theo năm và đơn vị")
@decorate_view(etagged)
def statistics_form(request, form: str, circular: str = CIRCULAR,
                    year: int | None = Query(None, ge=FIRST_STATISTICAL_YEAR, le=9998, description=(
                        "Năm thống kê (từ 01/12 năm trước đến 30/11); để trống: năm thống kê hiện tại.")),
                    unit: int | None = Query(None, description=(
                        "Mã (id) đơn vị báo cáo; để trống: cả tỉnh (chuyên viên Sở Nội vụ) hoặc đơn vị của tài "
                        "khoản. Đơn vị ngoài phạm vi: 404."))):
    try:
        return statistics.form_figures(request.user, form, year=year, unit_id=unit, circular=circular)
    except service.BadRequest as exc:
        raise ValidationError(str(exc)) from exc
