"""Reading the history search: one page of results (one query, whatever the page size), the export's rows, and
the people whose birth date or citizen ID a page shows (for the access log)."""

from __future__ import annotations

from dataclasses import dataclass

from tdkt.accounts.scope import Scope
from tdkt.audit.access import revealed
from tdkt.awards.models import AwardRecord
from tdkt.lib.paging import CheapPage, cheap_page
from tdkt.people.validators import mask_national_id
from tdkt.reports.search.filters import search_records

PAGE_SIZE = 50
RELATED = ("award_type", "person__unit", "unit__parent", "household__unit")


@dataclass(frozen=True)
class Row:
    """One result as the page and the export show it."""

    record: object
    personal: bool  # the reader may see this person's birth date and citizen ID

    @property
    def recipient_name(self) -> str:
        record = self.record
        if record.person_id:
            return record.person.full_name
        if record.unit_id:
            return record.unit.name
        return record.household.head_name

    @property
    def recipient_unit(self):
        """The unit the recipient belongs to (a collective: its parent unit, or itself at the top)."""
        record = self.record
        if record.person_id:
            return record.person.unit
        if record.household_id:
            return record.household.unit
        return record.unit.parent or record.unit

    @property
    def birth(self) -> str:
        person = self.record.person
        if person is None:
            return ""
        if self.personal and person.birth_date:
            return person.birth_date.strftime("%d/%m/%Y")
        return str(person.birth_year) if person.birth_year else ""

    @property
    def national_id(self) -> str:
        person = self.record.person
        if person is None or not person.national_id:
            return ""
        return person.national_id if self.personal else mask_national_id(person.national_id)

    @property
    def revealed(self) -> tuple[str, ...]:
        person = self.record.person
        if person is None or not self.personal:
            return ()
        return revealed(person.national_id, person.birth_date)


def rows_of(records, scope: Scope) -> list[Row]:
    return [Row(record, bool(record.person_id) and scope.can_see_personal_data(record.person.unit_id))
            for record in records]


def search_page(scope: Scope, criteria: dict, page_param, per_page: int = PAGE_SIZE) -> CheapPage:
    """One page of results, no COUNT: the page's ids first (the records joined only to the recipients' names
    the order needs), then those records with their type, recipient and units. Joining every candidate to
    all of those before taking the page cost more than the search itself."""
    page = cheap_page(search_records(scope, criteria).values_list("id", flat=True), page_param, per_page)
    records = AwardRecord.objects.select_related(*RELATED).in_bulk(page.items)
    return CheapPage(items=rows_of([records[pk] for pk in page.items], scope), number=page.number,
                     has_next=page.has_next)


def personal_access(rows) -> list[tuple[int, str, tuple[str, ...]]]:
    """(person id, name, fields) of each person whose birth date or full citizen ID the rows show."""
    return [(row.record.person_id, row.record.person.full_name, row.revealed) for row in rows if row.revealed]
