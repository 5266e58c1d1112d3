"""The people list as Excel: one row per person, full personal data only where the reader may see it."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from tdkt.audit.access import revealed
from tdkt.lib.progress import Progress, Ticker
from tdkt.lib.sheets import SheetWriter
from tdkt.people.models import Person
from tdkt.people.validators import mask_national_id

MAX_ROWS = 50000
WIDTHS = [None, 28, None, None, None, None, 40]  # Họ và tên, Đơn vị; the others keep Excel's default


def write_people_xlsx(target, people, *, can_see_personal_data: Callable[[int], bool], total: int | None = None,
                      progress: Progress | None = None, revealed_out: list | None = None) -> int:
    """People (a queryset, possibly sliced) to one sheet, row by row, into `target` (a path or a binary file). A
    reader not allowed the person's personal data gets the year of birth only and a masked citizen ID. Rows
    are read as tuples in chunks (no model instances: 50,000 people stay small and fast). Returns the number
    of people written. `revealed_out` receives (person id, name, fields) of each person whose full citizen ID
    or birth date the file holds, for the access log (tdkt.audit.access)."""
    ticker = Ticker(progress, total)
    count = 0
    # The labels of the choices, translated once (get_FOO_display hashes the choices and translates per call).
    genders = {value: str(label) for value, label in Person._meta.get_field("gender").flatchoices}
    categories = {value: str(label) for value, label in Person._meta.get_field("category").flatchoices}
    rows = people.values_list("unit_id", "full_name", "gender", "birth_date", "birth_year", "ethnicity", "position",
                              "unit__name", "category", "national_id", "pk")
    with SheetWriter(target) as book:
        sheet = book.sheet(_("People"), widths=WIDTHS)
        sheet.row([_("No."), _("Full name"), _("Gender"), _("Date of birth"), _("Ethnicity"), _("Position"),
                   _("Unit"), _("Category"), _("Citizen ID")])
        for (unit_id, full_name, gender, birth_date, birth_year, ethnicity, position, unit_name, category,
             national_id, pk) in rows.iterator(chunk_size=2000):
            count += 1
            personal = can_see_personal_data(unit_id)
            birth = (birth_date.strftime("%d/%m/%Y") if personal and birth_date
                     else (str(birth_year) if birth_year else ""))
            sheet.row([count, full_name, genders.get(gender, gender), birth, ethnicity, position, unit_name,
                       categories.get(category, category),
                       national_id if personal else mask_national_id(national_id or "")])
            if personal and revealed_out is not None and (fields := revealed(national_id, birth_date)):
                revealed_out.append((pk, full_name, fields))
            ticker.tick()
    ticker.finish()
    return count
