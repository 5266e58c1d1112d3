"""Import of a unit's staff list from Excel or CSV: all rows or none, with errors by row and column."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.lib.forms import EARLIEST_YEAR
from tdkt.lib.safefiles import SheetLimitError, SheetLimits, read_sheet_rows
from tdkt.lib.uploads import SniffedUpload, UploadError, csv_rows
from tdkt.lib.vndates import CellError, cell_text, read_date, read_year
from tdkt.lib.vntext import fold
from tdkt.people.enums import Gender, PersonCategory
from tdkt.people.models import Person

# Header (folded) -> field. The usual headings of provincial staff lists.
HEADERS = {
    "ho va ten": "full_name", "ho ten": "full_name",
    "gioi tinh": "gender",
    "ngay sinh": "birth", "nam sinh": "birth", "ngay thang nam sinh": "birth",
    "dan toc": "ethnicity",
    "chuc vu": "position", "chuc vu, don vi": "position",
    "doi tuong": "category",
    "so cccd": "national_id", "cccd": "national_id", "so dinh danh": "national_id",
}
GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE}
CATEGORIES = {fold(str(label)): value for value, label in PersonCategory.choices} | {
    "lanh dao": PersonCategory.LEADER, "lanh dao, quan ly": PersonCategory.LEADER,
    "cong chuc": PersonCategory.CIVIL_SERVANT, "vien chuc": PersonCategory.PUBLIC_EMPLOYEE,
    "nguoi lao dong": PersonCategory.WORKER, "cong nhan": PersonCategory.WORKER,
    "nong dan": PersonCategory.FARMER, "chien si": PersonCategory.SOLDIER, "khac": PersonCategory.OTHER,
}
MAX_ROWS = 5000
# What is read of the file at most (tdkt.lib.safefiles): the rows above plus a title block and empty or formatted
# rows, the columns of a wide staff list.
SHEET_LIMITS = SheetLimits(max_rows=MAX_ROWS + 1_000, max_columns=60, max_cells=150_000)


@dataclass
class ImportReport:
    created: int = 0
    errors: list[str] = field(default_factory=list)


def _rows(upload: SniffedUpload) -> list[list[str]]:
    """The file's rows; SheetLimitError or UploadError (the message shown as is) for a file refused whole."""
    if upload.kind == "xlsx":
        rows = read_sheet_rows(upload.data, name=upload.name, limits=SHEET_LIMITS)
        # cell_text: the cell's text without control or invisible characters (tdkt.lib.hygiene)
        return [[v if isinstance(v, datetime.date) else cell_text(v) for v in values] for _number, values in rows]
    return [[cell_text(cell) for cell in row] for row in csv_rows(upload.data, name=upload.name,
                                                                max_rows=SHEET_LIMITS.max_rows,
                                                                max_columns=SHEET_LIMITS.max_columns)]


class BeforeEarliestYear(CellError):
    """A birth date or year before 1900: read, but no one the system records was born then."""


def _parse_birth(value) -> tuple[datetime.date | None, int | None]:
    """A birth date (any Vietnamese date form, see tdkt.lib.vndates) or a bare year; CellError otherwise."""
    try:
        day = read_date(value, timezone.localdate())
        year = day.year if day else None
    except CellError:
        day = None
        year, school_year = read_year(value)  # a bare year, or CellError again
        if school_year:  # "2023-2024" is a school year, not a birth year
            raise CellError(school_year) from None
    if year is not None and year < EARLIEST_YEAR:
        raise BeforeEarliestYear(cell_text(value))
    return day, year


def import_people(upload: SniffedUpload, *, unit, by) -> ImportReport:
    """Validate every row first; create all persons in one transaction only when no row has an error."""
    report = ImportReport()
    try:
        rows = [row for row in _rows(upload) if any(str(cell).strip() for cell in row)]
    except (SheetLimitError, UploadError) as exc:
        report.errors.append(str(exc))
        return report
    if not rows:
        report.errors.append(_("The file has no rows."))
        return report
    header = [HEADERS.get(fold(str(cell)).rstrip(":")) for cell in rows[0]]
    if "full_name" not in header:
        report.errors.append(_("Row 1: no “Họ và tên” column was found in the header."))
        return report
    if len(rows) - 1 > MAX_ROWS:
        report.errors.append(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
        return report
    people: list[Person] = []
    seen_ids: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        values = {name: row[i] if i < len(row) else "" for i, name in enumerate(header) if name}
        person = Person(unit=unit, full_name=str(values.get("full_name", "")), category=PersonCategory.OTHER)
        row_errors = []
        if values.get("gender"):
            gender = GENDERS.get(fold(str(values["gender"])))
            if gender is None:
                row_errors.append(_("column “Giới tính”: “%(value)s” is not Nam or Nữ") % {"value": values["gender"]})
            person.gender = gender or ""
        try:
            person.birth_date, person.birth_year = _parse_birth(values.get("birth", ""))
        except BeforeEarliestYear:
            row_errors.append(_("column “Ngày sinh”: “%(value)s” is before %(year)d") % {
                "value": values["birth"], "year": EARLIEST_YEAR})
        except ValueError:
            row_errors.append(_("column “Ngày sinh”: “%(value)s” is not a date dd/mm/yyyy or a year") % {"value": values["birth"]})
        person.ethnicity = str(values.get("ethnicity", ""))
        person.position = str(values.get("position", ""))
        if values.get("category"):
            category = CATEGORIES.get(fold(str(values["category"])))
            if category is None:
                row_errors.append(_("column “Đối tượng”: “%(value)s” is not a known category") % {"value": values["category"]})
            person.category = category or PersonCategory.OTHER
        person.national_id = str(values.get("national_id", "")).strip() or None
        if person.national_id:
            if person.national_id in seen_ids:
                row_errors.append(_("column “Số CCCD”: the same citizen ID is on row %(row)d") % {"row": seen_ids[person.national_id]})
            seen_ids[person.national_id] = number
        try:
            person.full_clean(exclude=["name_folded", "unit"])
            person.check_national_id_against_birth()
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                label = Person._meta.get_field(field_name).verbose_name if field_name != "__all__" else ""
                row_errors.extend(f"{label}: {m}" if label else m for m in messages)
        if row_errors:
            report.errors.append(_("Row %(row)d: %(errors)s") % {"row": number, "errors": "; ".join(row_errors)})
        people.append(person)
    if report.errors:
        return report
    with transaction.atomic():
        for person in people:
            person.save()
        record(by, AuditAction.IMPORT, unit, changes={"people_created": len(people)})
    report.created = len(people)
    return report
