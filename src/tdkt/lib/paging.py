"""Pagination without COUNT(*): fetch one row more than the page to know whether a next page exists.

Counting millions of matching rows on every search costs more than the search itself.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CheapPage:
    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def cheap_page(queryset, page_param, per_page: int, max_page: int = 1000) -> CheapPage:
    try:
        number = min(max(int(page_param or 1), 1), max_page)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return CheapPage(items=rows[:per_page], number=number, has_next=len(rows) > per_page)
