"""The ratings sheet of a unit and a year (tdkt.awards.ratings_sheet): the table of the unit's people, editable
per row, and the "paste from Excel" box, previewed before it is saved. The unit's clerk and leader for their
units (another unit: 404), the province specialists."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required
from tdkt.accounts.enums import Role
from tdkt.awards import queries
from tdkt.awards import ratings_sheet as sheet
from tdkt.awards.enums import RatingLevel
from tdkt.awards.models import FIRST_YEAR

EDITORS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK, Role.UNIT_LEADER)
PASTE_LIMIT = 200_000  # characters: a few thousand rows


def _saved_message(result) -> str:
    return _("Ratings saved: %(created)s recorded, %(updated)s changed, %(unchanged)s already so.") % {
        "created": result.created, "updated": result.updated, "unchanged": result.unchanged}


def _table_levels(request, rows) -> dict[int, str]:
    """The rows whose rating the table changes (a blank choice leaves a row as it is)."""
    levels = {}
    for row in rows:
        level = request.POST.get(f"level_{row.person.pk}", "")
        if level and level != row.level:
            levels[row.person.pk] = level
    return levels


@roles_required(*EDITORS)
def ratings_sheet(request, pk, year):
    unit = queries.get_unit_for_history(request.user, pk, write=True)
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    rows = sheet.sheet_rows(unit, year)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    pasted = request.POST.get("pasted", "")[:PASTE_LIMIT] if request.method == "POST" else ""
    preview, errors = None, []
    if action in {"preview", "save_paste"}:
        preview = sheet.parse_paste(pasted, [row.person for row in rows])
        if not preview.rows and not preview.errors:
            errors.append(_("Nothing to read: paste the rows copied from the spreadsheet (full name or citizen ID, "
                            "and the rating)."))
        errors += preview.errors
    levels = {}
    if action == "save_table":
        levels = _table_levels(request, rows)
    elif action == "save_paste" and preview is not None and not errors:
        levels = {row.person.pk: row.level for row in preview.rows}
    if action in {"save_table", "save_paste"} and not errors:
        try:
            result = sheet.save_ratings(unit, year, levels, by=request.user)
        except ValidationError as exc:
            errors += exc.messages
        else:
            messages.success(request, _saved_message(result))
            return redirect("awards:ratings_sheet", pk=unit.pk, year=year)
    current = {row.person.pk: row.level for row in rows}
    return render(request, "awards/ratings_sheet.html", {
        "unit": unit, "year": year, "rows": rows, "levels": RatingLevel.choices, "pasted": pasted, "errors": errors,
        "preview": [(row, current.get(row.person.pk, "")) for row in preview.rows] if preview else [],
        "can_save_paste": preview is not None and preview.rows and not errors,
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < timezone.localdate().year else None,
    })
