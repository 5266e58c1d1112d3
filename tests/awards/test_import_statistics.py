"""History import, the statistical columns: "Đối tượng" (the five person groups, AwardRecord.person_group) and
"Loại khen thưởng" (the seven methods, AwardRecord.basis), read from files as units write them."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.styles import Alignment, Font

from tdkt.awards.imports import services
from tdkt.awards.imports.models import BatchState
from tdkt.awards.imports.parsing import CellError, read_basis, read_person_group
from tdkt.awards.models import AwardRecord
from tdkt.people.enums import PersonGroup
from tdkt.people.models import Person
from tests.awards.import_support import check, row, uploaded

G = PersonGroup

GROUP_LABELS = [
    ("Lãnh đạo cấp tỉnh", G.PROVINCE_LEADER),
    ("LĐ cấp bộ, tỉnh", G.PROVINCE_LEADER),
    ("Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", G.PROVINCE_LEADER),
    ("LÃNH ĐẠO CẤP TỈNH", G.PROVINCE_LEADER),
    ("lanh dao cap tinh", G.PROVINCE_LEADER),
    ("Lãnh đạo cấp Sở", G.DEPARTMENT_LEADER),
    ("LĐ cấp vụ, sở", G.DEPARTMENT_LEADER),
    ("Lãnh đạo cấp vụ, sở và tương đương", G.DEPARTMENT_LEADER),
    ("Doanh nhân", G.BUSINESS),
    ("DOANH NHAN", G.BUSINESS),
    ("Cán bộ quản lý", G.MANAGER),
    ("Quản lý từ phó trưởng phòng", G.MANAGER),
    ("Cán bộ quản lý khác từ phó trưởng phòng trở lên", G.MANAGER),
    ("Trực tiếp lao động", G.DIRECT_WORKER),
    ("Người trực tiếp công tác", G.DIRECT_WORKER),
    ("Người trực tiếp lao động, công tác", G.DIRECT_WORKER),
    ("Công nhân, nông dân", G.DIRECT_WORKER),
    ("cong nhan nong dan.", G.DIRECT_WORKER),
    ("direct_worker", G.DIRECT_WORKER),
]
BASIS_LABELS = [
    ("Thường xuyên", "merit"), ("THUONG XUYEN", "merit"), ("Khen thưởng thường xuyên", "merit"),
    ("Chuyên đề", "thematic"), ("Theo đợt", "thematic"), ("theo chuyên đề", "thematic"),
    ("Đột xuất", "adhoc"), ("Khen thưởng đột xuất.", "adhoc"), ("Đối ngoại", "foreign"),
    ("Cống hiến", "dedication"), ("Quá trình cống hiến", "dedication"), ("Niên hạn", "seniority"),
    ("Kháng chiến", "resistance"), ("khang chien", "resistance"),
]


@pytest.mark.parametrize(("label", "expected"), GROUP_LABELS)
def test_group_labels_are_read_tolerantly(label, expected):
    assert read_person_group(label) == expected


@pytest.mark.parametrize(("label", "expected"), BASIS_LABELS)
def test_kind_labels_are_read_tolerantly(label, expected):
    assert read_basis(label) == expected


@pytest.mark.parametrize("label", ["Lãnh đạo", "Cán bộ", "Khác", "Hưu trí", "x"])
def test_a_label_that_names_no_group_is_refused_as_written(label):
    with pytest.raises(CellError, match=rf"^{label}$"):
        read_person_group(label)


@pytest.mark.parametrize("label", ["Thường niên", "Khen thưởng", "Công trạng khác"])
def test_a_label_that_names_no_kind_is_refused_as_written(label):
    with pytest.raises(CellError, match=rf"^{label}$"):
        read_basis(label)


BASIS_VALUES = {value for _label, value in BASIS_LABELS}


def _read_or_error(reader, value):
    try:
        return reader(value)
    except CellError:
        return "error"


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none()))
def test_the_readers_give_a_known_value_or_a_cell_error(value):
    assert _read_or_error(read_person_group, value) in {*PersonGroup.values, None, "error"}
    assert _read_or_error(read_basis, value) in {*BASIS_VALUES, None, "error"}


@given(st.sampled_from(GROUP_LABELS), st.sampled_from(["", " ", ".", "  "]), st.booleans())
def test_a_known_group_label_reads_the_same_in_any_case_and_spacing(labelled, padding, upper):
    label, expected = labelled
    written = f"{padding}{label.upper() if upper else label.lower()}{padding}"
    assert read_person_group(written) == expected


def unit_file(rows) -> bytes:
    """A list as a unit sends it: the province and the title merged above the header, a column "STT"."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ỦY BAN NHÂN DÂN TỈNH LÀO CAI"])
    sheet.append(["DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG (số hóa từ hồ sơ lưu trữ)"])
    sheet.append([])
    sheet.merge_cells("A1:D1")
    sheet.merge_cells("A2:I2")
    sheet["A2"].font = Font(bold=True)
    sheet["A2"].alignment = Alignment(horizontal="center")
    sheet.append(["STT", "Họ và tên", "Năm sinh", "Đơn vị", "Đối tượng", "Hình thức khen thưởng", "Loại khen thưởng",
                  "Năm", "Số quyết định"])
    for number, cells in enumerate(rows, start=1):
        sheet.append([number, *cells])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _check(user, unit, rows):
    batch = services.create_batch(by=user, kind="awards", unit=unit, uploaded=uploaded(unit_file(rows)),
                                  field_label="Tệp")
    return services.map_columns(batch, batch.mapping, by=user)


def test_the_group_and_the_kind_are_recorded_on_the_awards(world):
    specialist = world.users["specialist"]
    batch = _check(specialist, world.unit_a, [
        ["Ông Nguyễn Văn An", 1985, "Sở Y tế", "Lãnh đạo cấp Sở", "Bằng khen của Chủ tịch UBND tỉnh", "Thường xuyên",
         2023, "10/QĐ-UBND"],
        ["Bà Lò Thị Mai", 1990, "Sở Y tế", "Trực tiếp lao động", "BK tỉnh", "Đột xuất", 2024, "11/QĐ-UBND"],
        ["Đ/c Trần Văn Bình", "", "SYT", "", "Giấy khen", "", 2024, "12/QĐ-SYT"],
        ["Vàng A Sình", 1970, "Sở Y tế", "LĐ cấp bộ, tỉnh", "Bằng khen bộ, ban, ngành, tỉnh", "Theo đợt", 2024, "13/QĐ"],
    ])
    assert batch.state == BatchState.VALIDATED
    assert batch.mapping["person_group"] == 4 and batch.mapping["basis"] == 6
    batch = services.start_commit(batch, by=specialist)
    assert batch.state == BatchState.COMMITTED, batch.error
    records = {(r.person.full_name, r.award_type.code, r.basis, r.person_group) for r in
               AwardRecord.objects.select_related("person", "award_type")}
    assert records == {
        ("Nguyễn Văn An", "BK_TINH", "merit", "department_leader"),
        ("Lò Thị Mai", "BK_TINH", "adhoc", "direct_worker"),
        ("Trần Văn Bình", "GK", "merit", ""),
        ("Vàng A Sình", "BK_TINH", "thematic", "province_leader"),
    }
    assert AwardRecord.objects.get(decision_number="10/QĐ-UBND").person_id == world.person_a.pk  # "Ông" taken off
    # The record keeps the group as read; the person's own group is still for an officer to confirm.
    assert set(Person.objects.values_list("statistical_group", flat=True)) == {""}


def test_unknown_labels_are_row_errors_naming_the_column_and_nothing_is_recorded(world):
    specialist = world.users["specialist"]
    with translation.override("vi"):
        batch = _check(specialist, world.unit_a, [
            ["Nguyễn Văn An", 1985, "Sở Y tế", "Lãnh đạo", "BK tỉnh", "Thường xuyên", 2023, "1/QĐ"],
            ["Lò Thị Mai", 1990, "Sở Y tế", "Doanh nhân", "BK tỉnh", "Thường niên", 2023, "2/QĐ"],
            ["Lê Văn Cường", 1980, "Sở Y tế", "Doanh nhân", "BK tỉnh", "Đối ngoại", 2023, "3/QĐ"],
        ])
        assert row(batch, 5).messages == [
            "Cột “Đối tượng”: “Lãnh đạo” không phải đối tượng thống kê (lãnh đạo cấp bộ, tỉnh; lãnh đạo cấp vụ, sở; "
            "doanh nhân; cán bộ quản lý từ phó trưởng phòng; người trực tiếp lao động, công tác)."]
        assert row(batch, 6).messages == [
            "Cột “Loại khen thưởng”: “Thường niên” không phải loại khen thưởng (thường xuyên, chuyên đề, đột xuất, "
            "đối ngoại, cống hiến, niên hạn, kháng chiến)."]
        assert row(batch, 7).messages == ["Sẽ tạo cá nhân mới."]  # a valid row: only its outcome
    with pytest.raises(ValidationError, match=r"2 rows with errors"):
        services.start_commit(batch, by=specialist)
    assert AwardRecord.objects.count() == 0


def test_a_group_on_a_collective_title_is_refused(world):
    specialist = world.users["specialist"]
    with translation.override("vi"):
        batch = _check(specialist, world.unit_a, [
            ["Nguyễn Văn An", 1985, "Sở Y tế", "Doanh nhân", "Tập thể lao động tiên tiến", "", 2023, "1/QĐ"]])
        assert row(batch, 5).messages == [
            "“Tập thể lao động tiên tiến” không dùng để tặng cá nhân.",
            "Cột “Đối tượng”: đối tượng thống kê chỉ ghi cho cá nhân; “Tập thể lao động tiên tiến” dùng để tặng tập "
            "thể hoặc hộ gia đình."]


def test_files_without_the_columns_import_as_before(world):
    specialist = world.users["specialist"]
    batch = check(specialist, world.unit_a, [["Họ và tên", "Năm sinh", "Danh hiệu", "Năm"],
                                             ["Nguyễn Văn An", "1985", "LĐTT", 2023]])
    batch = services.start_commit(batch, by=specialist)
    assert batch.state == BatchState.COMMITTED, batch.error
    assert AwardRecord.objects.values_list("basis", "person_group").get() == ("merit", "")
