"""The portal's identity and menu, built in one place for every public page (base_portal.html).

The menu is the portal's own entries (notices for comment, decisions, certificate verification, movements)
merged by order with the sections other apps register (tdkt.lib.portal_sections: exemplars at 40, news at 50),
so a publishing app adds its menu entry without touching the portal. The current entry is found from the
page's view name: a fixed entry lists its pages, a registered section owns every page of its URL namespace
(the public pages of an app share its namespace; its officers' pages do not use this layout)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from tdkt.lib.portal_sections import Section, sections

# The portal's own entries: (section, the view names of its pages). Orders leave room for registered sections.
FIXED: tuple[tuple[Section, frozenset[str]], ...] = (
    (Section("notices", pgettext_lazy("portal menu", "Nominees for public comment"), "postings:public_list", 10),
     frozenset({"postings:public_list", "postings:public_detail"})),
    (Section("decisions", pgettext_lazy("portal menu", "Award decisions"), "portal:decisions", 20),
     frozenset({"portal:decisions", "portal:decision"})),
    (Section("verify", pgettext_lazy("portal menu", "Certificate verification"), "portal:verify", 30),
     frozenset({"portal:verify", "portal:verify_code"})),
    (Section("movements", pgettext_lazy("portal menu", "Emulation movements"), "portal:movements", 60),
     frozenset({"portal:movements", "portal:movement"})),
)
HOME = Section("home", pgettext_lazy("portal menu", "Home"), "portal:index", 0)


@dataclass(frozen=True)
class MenuEntry:
    key: str
    label: str
    url: str
    current: str  # "" (not current), "page" (this very page), "true" (a page inside this entry)


def _current(view_name: str, entry_url_name: str, pages: frozenset[str] | None) -> str:
    if view_name == entry_url_name:
        return "page"
    if pages is not None:
        return "true" if view_name in pages else ""
    namespace = entry_url_name.split(":", 1)[0]
    return "true" if view_name.split(":", 1)[0] == namespace and ":" in view_name else ""


def menu(view_name: str) -> list[MenuEntry]:
    """The menu in order, the entry of the page `view_name` ("portal:decision") marked current."""
    entries = [(HOME, frozenset({HOME.url_name}))] + list(FIXED) + [(section, None) for section in sections()]
    entries.sort(key=lambda pair: (pair[0].order, pair[0].key))
    return [MenuEntry(section.key, str(section.label), reverse(section.url_name),
                      _current(view_name, section.url_name, pages)) for section, pages in entries]


def identity() -> dict:
    """Who publishes the portal (settings PORTAL_*): shown in the header and the footer."""
    return {"agency_name": settings.PORTAL_AGENCY_NAME, "agency_parent": settings.PORTAL_AGENCY_PARENT,
            "emblem": settings.PORTAL_EMBLEM, "contact": settings.PORTAL_CONTACT}
