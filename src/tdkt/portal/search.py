"""The portal's search box: published decisions (number, title, names on the lines), public notices,
launched movements and every registered section (tdkt.lib.portal_sections), grouped by section.

Accent-free on both databases (tdkt.lib.textmatch: "nguyen van an" finds "Ông Nguyễn Văn An"). A fixed
number of queries whatever the data: one per portal group, plus what each registered section's search costs
(its own fixed number); each group is capped at LIMIT hits plus one to tell "more"."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.decisions.models import DecisionLine
from tdkt.decisions.queries import with_typed_number
from tdkt.dossiers.postings.queries import public_notices
from tdkt.lib.pickers import MIN_QUERY
from tdkt.lib.portal_sections import PortalHit, sections
from tdkt.lib.textmatch import text_match
from tdkt.lib.vntext import fold, normalize
from tdkt.portal import chrome, queries

LIMIT = 10


@dataclass
class Group:
    key: str
    label: str
    url: str  # the section's public list
    hits: list[PortalHit] = field(default_factory=list)
    more: bool = False


@dataclass
class Results:
    query: str
    searched: bool = False
    groups: list[Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(group.hits) for group in self.groups)


def search_decisions(query: str, limit: int) -> list[PortalHit]:
    published = queries.published_decisions().order_by("-published_at", "-id")
    # A number typed ("12", "12/QĐ-UBND") finds that decision first; titles and the names on the lines still count
    # ("2026" is also a year in many titles).
    by_number = with_typed_number(published, query, limit) or []
    names = DecisionLine.objects.filter(decision=OuterRef("pk")).filter(text_match("display_name", query))
    by_text = published.filter(text_match("title", query) | Q(Exists(names))).exclude(pk__in=[row.pk for row in by_number])
    rows = by_number + list(by_text[:max(0, limit - len(by_number))])
    return [PortalHit(title=_("Decision No. %(number)s") % {"number": row.number_text},
                      url=reverse("portal:decision", kwargs={"pk": row.pk}), summary=row.title,
                      date=row.decision_date) for row in rows]


def search_notices(query: str, limit: int) -> list[PortalHit]:
    # Every notice the public list shows (open or closed): a citizen looking for one he read finds it again.
    rows = public_notices().filter(text_match("title", query))[:limit]
    return [PortalHit(title=row.title, url=reverse("postings:public_detail", kwargs={"pk": row.pk}),
                      date=row.published_on) for row in rows]


def search_movements(query: str, limit: int) -> list[PortalHit]:
    condition = text_match("name", query) | Q(code__iexact=query)
    rows = queries.launched_movements().filter(condition).order_by("-start_date", "name")[:limit]
    return [PortalHit(title=row.name, url=reverse("portal:movement", kwargs={"pk": row.pk}),
                      summary=row.authority or (row.launching_unit.name if row.launching_unit else ""),
                      date=row.start_date) for row in rows]


PORTAL_SEARCHES = {"notices": search_notices, "decisions": search_decisions, "movements": search_movements}


def _group(section, hits: list[PortalHit]) -> Group:
    return Group(section.key, str(section.label), reverse(section.url_name), hits[:LIMIT], len(hits) > LIMIT)


def search(text: str) -> Results:
    query = normalize(text or "")[:100]
    folded = fold(query)
    results = Results(query)
    if len(folded) < MIN_QUERY:
        return results
    results.searched = True
    searchable = [(section, PORTAL_SEARCHES[section.key]) for section, _pages in chrome.FIXED
                  if section.key in PORTAL_SEARCHES]
    # Registered sections receive the folded text (their contract in tdkt.lib.portal_sections).
    searchable += [(section, lambda _query, limit, section=section: section.search(folded, limit))
                   for section in sections() if section.search is not None]
    searchable.sort(key=lambda pair: (pair[0].order, pair[0].key))
    for section, find in searchable:
        results.groups.append(_group(section, list(find(query, LIMIT + 1))))
    return results
