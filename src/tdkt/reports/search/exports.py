"""The history search's result as Excel (tdkt.lib.sheets: no live formulas, dates dd/mm/yyyy), all pages."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import Scope
from tdkt.awards.enums import AwardBasis, AwardLevel, AwardSource, RecipientKind
from tdkt.lib.progress import Progress, Ticker
from tdkt.lib.sheets import SheetWriter
from tdkt.people.enums import Gender, PersonGroup
from tdkt.reports.register import with_group
from tdkt.reports.search.filters import search_records
from tdkt.reports.search.queries import RELATED, rows_of

MAX_ROWS = 200_000
CHUNK = 2_000
WIDTHS = [6, 30, 12, 36, 12, 14, 10, 10, 32, 16, 18, 8, 16, 12, 30, 24, 16]


def export_filename() -> str:
    return f"tra-cuu-khen-thuong-{timezone.localtime().strftime('%Y%m%d-%H%M')}.xlsx"


def matching(scope: Scope, criteria: dict):
    return with_group(search_records(scope, criteria)).select_related(*RELATED)[:MAX_ROWS]


def write_history_xlsx(target, scope: Scope, criteria: dict, *, total: int | None = None,
                       progress: Progress | None = None, revealed_out: list | None = None) -> int:
    """Every matching record, in the page's order, one row each; returns the number written. `revealed_out`
    receives (person id, name, fields) of each person whose birth date or full citizen ID the file holds."""
    labels = {**dict(RecipientKind.choices), **dict(AwardLevel.choices), **dict(AwardBasis.choices),
              **dict(AwardSource.choices), **dict(Gender.choices)}
    groups = {value: str(label) for value, label in PersonGroup.choices}
    ticker, count = Ticker(progress, total), 0
    with SheetWriter(target) as book:
        sheet = book.sheet(_("Award history"), widths=WIDTHS, landscape=True)
        sheet.title_row(_("AWARD HISTORY SEARCH RESULTS"), style=book.style(bold=True, size=14, align="center"))
        sheet.header([_("No."), _("Recipient"), _("Recipient kind"), _("Unit"), _("Date of birth"), _("Citizen ID"),
                      _("Gender"), _("Ethnicity"), _("Title or form"), _("Level"), _("Kind of commendation"),
                      _("Year"), _("Decision number"), _("Decision date"), _("Issued by"),
                      _("Statistical group"), _("Source")], style=book.style(bold=True, border=1))
        for row in rows_of(matching(scope, criteria).iterator(chunk_size=CHUNK), scope):
            count += 1
            record, person = row.record, row.record.person
            kind = record.recipient_kind
            sheet.row([count, row.recipient_name, str(labels[kind]), row.recipient_unit.name, row.birth,
                       row.national_id, str(labels.get(person.gender, "")) if person else "",
                       person.ethnicity if person else "", record.award_type.name,
                       str(labels[record.award_type.level]), str(labels[record.basis]), record.year,
                       record.decision_number, record.decision_date, record.decision_issuer,
                       (groups.get(record.group) or _("Not classified")) if person else "",
                       str(labels[record.source])])
            if revealed_out is not None and row.revealed:
                revealed_out.append((record.person_id, person.full_name, row.revealed))
            ticker.tick()
    ticker.finish()
    return count
