"""Registrations by Excel: the downloadable template, the all-or-nothing import with row-numbered
Vietnamese errors, and the export of the registered / proposed / awarded comparison.

The sheet has one row per unit: "Mã đơn vị", "Tên đơn vị" (for reading only), "Danh hiệu tập thể" (the
collective title aimed for), then one column per individual title whose heading is the title's name
("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", …, recognised by tdkt.awards.matching), and "Chỉ tiêu"."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.matching import AwardMatcher
from tdkt.lib.progress import Progress, counted
from tdkt.lib.safefiles import SheetLimitError, SheetLimits, read_sheet_rows
from tdkt.lib.sheets import XLSX_TYPE as XLSX_TYPE
from tdkt.lib.sheets import SheetWriter
from tdkt.lib.uploads import SniffedUpload
from tdkt.lib.vntext import fold
from tdkt.movements.enums import RegistrationState
from tdkt.movements.models import Registration, RegistrationItem
from tdkt.movements.models_registrations import RegistrationEntry
from tdkt.orgs.models import Unit

FIXED = {"ma don vi": "code", "ma dv": "code", "ten don vi": "name", "don vi": "name",
         "danh hieu tap the": "collective", "danh hieu tap the dang ky": "collective",
         "chi tieu": "targets", "chi tieu thi dua": "targets", "ghi chu": "note"}
TEMPLATE_TITLES = ("LDTT", "CSTD_CS")  # individual titles most units register (columns of the template)
MAX_ROWS = 3000
# What is read of the file at most (tdkt.lib.safefiles): the rows above, empty or formatted rows, a column per title.
SHEET_LIMITS = SheetLimits(max_rows=MAX_ROWS + 1_000, max_columns=100, max_cells=100_000)


@dataclass
class ImportReport:
    saved: int = 0
    errors: list[str] = field(default_factory=list)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _sheet_rows(upload: SniffedUpload) -> list[list[str]]:
    """Rows holding a value (SheetLimitError for a file refused whole)."""
    rows = read_sheet_rows(upload.data, name=upload.name, limits=SHEET_LIMITS)
    return [[_cell(v) for v in values] for _number, values in rows]


def _count(text: str) -> int | None:
    """A number of people: blank is 0; "12" or "12.0" is 12; anything else (or negative) is None."""
    if text == "":
        return 0
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    if number < 0 or not number.is_integer():
        return None
    return int(number)


def import_registrations(upload: SniffedUpload, *, by, year: int, movement=None) -> ImportReport:
    """Check every row first; save all registrations (as drafts) in one transaction only if no row has an
    error. A unit may appear once; only units the user may write for; a submitted registration stays."""
    report = ImportReport()
    if upload.kind != "xlsx":
        report.errors.append(_("The file must be an Excel workbook (.xlsx): use the template."))
        return report
    try:
        rows = [row for row in _sheet_rows(upload) if any(row)]
    except SheetLimitError as exc:
        report.errors.append(exc.message)
        return report
    if not rows:
        report.errors.append(_("The file has no rows."))
        return report
    if len(rows) - 1 > MAX_ROWS:
        report.errors.append(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
        return report
    matcher = AwardMatcher()
    columns: list[tuple[str, object]] = []  # (role, award type for count columns)
    header_errors = []
    for index, heading in enumerate(rows[0], start=1):
        role = FIXED.get(fold(heading).rstrip(":").strip())
        if role:
            columns.append((role, None))
        elif heading == "":
            columns.append(("blank", None))
        else:
            award = matcher.match(heading)
            if award is None:
                header_errors.append(_("column %(col)d: “%(text)s” is not a known title") % {"col": index,
                                                                                        "text": heading})
            elif not award.for_individual:
                header_errors.append(_("column %(col)d: “%(text)s” is not a title for individuals") % {
                    "col": index, "text": heading})
            columns.append(("count", award))
    if "code" not in [role for role, _award in columns]:
        header_errors.append(_("no “Mã đơn vị” column"))
    if header_errors:
        report.errors.append(_("Row 1: %(errors)s") % {"errors": "; ".join(header_errors)})
        return report
    scope = get_scope(by)
    codes = {row[i].upper() for row in rows[1:] for i, (role, _a) in enumerate(columns) if role == "code" and i < len(row)}
    units = {unit.code.upper(): unit for unit in Unit.objects.filter(code__in=codes)}
    existing = {reg.unit_id: reg for reg in Registration.objects.filter(year=year, movement=movement,
                                                                         unit__in=units.values())}
    named = set(RegistrationEntry.objects.filter(registration__in=existing.values()).values_list(
        "registration__unit_id", flat=True))  # registered by name: the numbers follow the names
    seen: dict[int, int] = {}
    planned = []
    for number, row in enumerate(rows[1:], start=2):
        values = {"code": "", "collective": "", "targets": ""}
        counts = {}
        row_errors = []
        for i, (role, award) in enumerate(columns):
            text = row[i] if i < len(row) else ""
            if role == "count":
                count = _count(text)
                if count is None:
                    row_errors.append(_("column “%(title)s”: “%(value)s” is not a whole number of zero or more") % {
                        "title": rows[0][i], "value": text})
                elif count:
                    counts[award] = counts.get(award, 0) + count
            elif role in values:
                values[role] = text
        unit = units.get(values["code"].upper())
        if not values["code"]:
            row_errors.append(_("column “Mã đơn vị” is empty"))
        elif unit is None:
            row_errors.append(_("“%(code)s” is not the code of a unit") % {"code": values["code"]})
        elif not scope.can_write_unit(unit.pk):
            row_errors.append(_("you may not register for “%(unit)s”") % {"unit": unit})
        elif unit.pk in seen:
            row_errors.append(_("“%(unit)s” is already on row %(row)d") % {"unit": unit, "row": seen[unit.pk]})
        elif unit.pk in existing and existing[unit.pk].state != RegistrationState.DRAFT:
            row_errors.append(_("the registration of “%(unit)s” has already been submitted") % {"unit": unit})
        elif unit.pk in named:
            row_errors.append(_("“%(unit)s” registered its people by name: change the names, not the numbers") % {
                "unit": unit})
        collective = None
        if values["collective"]:
            collective = matcher.match(values["collective"])
            if collective is None:
                row_errors.append(_("column “Danh hiệu tập thể”: “%(value)s” is not a known title") % {
                    "value": values["collective"]})
            elif not collective.for_collective:
                row_errors.append(_("column “Danh hiệu tập thể”: “%(value)s” is not a title for collectives") % {
                    "value": values["collective"]})
        if unit is not None:
            seen.setdefault(unit.pk, number)
        if row_errors:
            report.errors.append(_("Row %(row)d: %(errors)s") % {"row": number, "errors": "; ".join(row_errors)})
        else:
            planned.append((unit, collective, counts, values["targets"]))
    if report.errors:
        return report
    try:
        with transaction.atomic():
            _save_all(planned, existing, by=by, year=year, movement=movement)
    except ValidationError as exc:
        report.errors.extend(exc.messages)
        return report
    report.saved = len(planned)
    return report


def _save_all(planned, existing, *, by, year, movement) -> None:
    _bulk_save(planned, existing, by=by, year=year, movement=movement)
    record(by, AuditAction.IMPORT, movement, object_type="movements.registration",
           object_repr=f"Đăng ký thi đua năm {year}", changes={
               "year": year, "movement": movement.pk if movement else None,
               "registrations": {unit.code: {"collective": collective.code if collective else None,
                                             "items": {award.code: n for award, n in counts.items()}}
                                 for unit, collective, counts, _t in planned}})


def _bulk_save(planned, existing: dict, *, by, year: int, movement) -> None:
    """Write the checked rows in a fixed number of statements: new drafts inserted, existing drafts updated,
    their title lines replaced. Rows still drafts were checked above; a registration submitted meanwhile
    is refused by the conditional update (state=draft) and the whole import rolls back."""
    new, changed = [], []
    for unit, collective, _counts, targets in planned:
        registration = existing.get(unit.pk)
        if registration is None:
            new.append(Registration(unit=unit, year=year, movement=movement, created_by=by,
                                    collective_award=collective, targets=targets.strip()))
        else:
            registration.collective_award, registration.targets = collective, targets.strip()
            registration.updated_at = timezone.now()
            changed.append(registration)
    if changed:
        ids = [r.pk for r in changed]
        still_drafts = Registration.objects.select_for_update().filter(pk__in=ids, state=RegistrationState.DRAFT)
        if still_drafts.count() != len(ids):
            raise ValidationError(_("A registration of this file was submitted meanwhile; import the file again."))
        Registration.objects.bulk_update(changed, ["collective_award", "targets", "updated_at"], batch_size=500)
        RegistrationItem.objects.filter(registration_id__in=ids).delete()
    Registration.objects.bulk_create(new, batch_size=500)
    by_unit = {r.unit_id: r for r in new + changed}
    RegistrationItem.objects.bulk_create([
        RegistrationItem(registration=by_unit[unit.pk], award_type=award, count=count)
        for unit, _collective, counts, _targets in planned for award, count in counts.items() if count],
        batch_size=1000)


def write_template_xlsx(target, units, award_types, *, progress: Progress | None = None) -> int:
    """The import template, pre-filled with the units the user may register for, written to `target` (a path or
    a binary file); returns the number of units."""
    award_types = list(award_types)
    count = 0
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        sheet = book.sheet("Dang ky thi dua", widths=[14, 40, 30, 18, 18, 18, 18, 18, 18, 40])
        header = ["Mã đơn vị", "Tên đơn vị", "Danh hiệu tập thể"] + [a.name for a in award_types] + ["Chỉ tiêu"]
        sheet.row(header, styles=[book.style(bold=True, wrap=False, valign="")] * len(header))
        for unit in counted(units, progress):
            sheet.row([unit.code, unit.name, ""] + [None for _a in award_types] + [""])
            count += 1
    return count


def write_comparison_xlsx(target, year: int, rows, named=(), *, progress: Progress | None = None) -> int:
    """The comparison as a sheet per unit and title (unit, title, registered, proposed, awarded) and a sheet
    per name registered with its early warnings (document text: Vietnamese), written to `target` (a path or a
    binary file); returns the number of lines of the first sheet."""
    count = 0
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        bold = book.style(bold=True, wrap=False, valign="")
        sheet = book.sheet(f"So sanh {year}", widths=[40, 14, 40, 12, 12, 18])
        sheet.row([f"Đăng ký, đề nghị và khen thưởng năm {year}"], styles=[bold])
        sheet.row(["Đơn vị", "Mã đơn vị", "Danh hiệu, hình thức", "Đăng ký", "Đề nghị", "Được khen thưởng"],
                  styles=[bold] * 6)
        for unit_row in counted(rows, progress):
            for line in unit_row.lines:
                sheet.row([unit_row.unit.name, unit_row.unit.code, line.award.name, line.registered, line.proposed,
                           line.awarded])
                count += 1
        names = book.sheet(f"Theo ten {year}", widths=[36, 32, 30, 30, 30, 60])
        names.row(["Đơn vị đăng ký", "Cá nhân, tập thể", "Danh hiệu đăng ký", "Đề nghị", "Được khen thưởng",
                   "Cảnh báo sớm"], styles=[bold] * 6)
        for line in named:
            names.row([line.unit_name, line.recipient_name, line.registered.name, "; ".join(a.name for a in line.proposed),
                       "; ".join(a.name for a in line.awarded), "\n".join(line.warnings)])
    return count


def ensure_xlsx(upload: SniffedUpload) -> None:
    if upload.kind != "xlsx":
        raise ValidationError({"file": _("The file must be an Excel workbook (.xlsx): use the template.")})
