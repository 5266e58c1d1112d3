"""The people list as Excel: one row per person, full personal data only where the reader may see it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from tdkt.lib.progress import Progress, Ticker
from tdkt.lib.sheets import SheetWriter
from tdkt.people.models import Person
from tdkt.people.validators import mask_national_id

MAX_ROWS = 50000
WIDTHS = [None, 28, None, None, None, None, 40]  # Họ và tên, Đơn vị; the others keep Excel's default


def write_people_xlsx(target, people: Iterable, *, can_see_personal_data: Callable[[int], bool],
                      total: int | None = None, progress: Progress | None = None) -> int:
    """People (with their unit) to one sheet, row by row, into `target` (a path or a binary file). A reader
    not allowed the person's personal data gets the year of birth only and a masked citizen ID. Returns the
    number of people written."""
    ticker = Ticker(progress, total)
    count = 0
    # The labels of the choices, translated once (get_FOO_display hashes the choices and translates per call).
    genders = {value: str(label) for value, label in Person._meta.get_field("gender").flatchoices}
    categories = {value: str(label) for value, label in Person._meta.get_field("category").flatchoices}
    with SheetWriter(target) as book:
        sheet = book.sheet(_("People"), widths=WIDTHS)
        sheet.row([_("No."), _("Full name"), _("Gender"), _("Date of birth"), _("Ethnicity"), _("Position"),
                   _("Unit"), _("Category"), _("Citizen ID")])
        for person in people:
            count += 1
            personal = can_see_personal_data(person.unit_id)
            birth = (person.birth_date.strftime("%d/%m/%Y") if personal and person.birth_date
                     else (str(person.birth_year) if person.birth_year else ""))
            sheet.row([count, person.full_name, genders.get(person.gender, person.gender), birth, person.ethnicity,
                       person.position, person.unit.name, categories.get(person.category, person.category),
                       person.national_id if personal else mask_national_id(person.national_id or "")])
            ticker.tick()
    ticker.finish()
    return count
