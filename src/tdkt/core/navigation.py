"""The grouped main menu, declared once and filtered by the access map.

An entry is shown only when the user's roles pass the access decision of the view its URL resolves to
(`view.access`, set by tdkt.accounts.access), so a link never leads to "Không có quyền truy cập". A few
entries also carry a `when` condition where the same label has a different page per kind of officer
(the province's dossier queue, a unit's dossier inbox).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.access import PUBLIC, SIGNED_IN
from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, UNIT_ROLES


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    when: str = ""  # "" always; "province": province-wide roles; "not_province"; "unit_officer"
    also: tuple[str, ...] = ()  # URL namespaces whose pages count as this entry's (the current page mark)
    dom_id: str = ""  # the link's id; by default "menu-" and the URL's namespace

    @property
    def link_id(self) -> str:
        return self.dom_id or "menu-" + self.url_name.split(":")[0]


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    entries: tuple[Entry, ...]


MENU: tuple[Group, ...] = (
    Group("work", _("Work"), (
        Entry("core:dashboard", _("Dashboard"), dom_id="menu-dashboard"),
        Entry("core:my_workspace", _("Unit commendation"), when="unit_officer", dom_id="menu-unit-workspace"),
        Entry("workcalendar:year", _("Calendar and deadlines")),
    )),
    Group("dossiers", _("Dossiers and decisions"), (
        Entry("dossiers:queue", _("Dossiers"), when="province", also=("nominees",)),
        Entry("dossiers:inbox", _("Dossiers"), when="not_province", also=("nominees",)),
        Entry("consultations:queue", _("Consultations (hiệp y)")),
        Entry("consultations:inbox", _("Consultations (hiệp y)")),
        Entry("postings:staff_list", _("Public postings (công khai)")),
        Entry("council:meetings", _("Meetings")),
        Entry("decisions:list", _("Decisions"), also=("certificates", "signing")),
        Entry("central:index", _("State-level awards (khen cao)"), when="province"),
    )),
    Group("movements", _("Movements"), (
        Entry("plans:list", _("Plans")),
        Entry("movements:list", _("Movements")),
        Entry("scoring:index", _("Scoring")),
        Entry("initiatives:list", _("Initiatives")),
        Entry("inspections:list", _("Inspections")),
        Entry("training:list", _("Training")),
        Entry("exemplars:list", _("Exemplars")),
        Entry("news:list", _("News")),
    )),
    Group("catalogues", _("Catalogues"), (
        Entry("orgs:tree", _("Units")),
        Entry("people:list", _("People")),
        Entry("orgs:groups", _("Clusters and blocks")),
        Entry("orgs:councils", _("Councils")),
        Entry("awards:types", _("Titles and forms")),
    )),
    Group("reports", _("Reports"), (
        Entry("reports:index", _("Reports and statistics")),
    )),
    Group("admin", _("System administration"), (
        Entry("users:list", _("Users")),
        Entry("audit:list", _("Audit log")),
        Entry("integration:outbox", _("Sync to the cadre database")),
    )),
)


@cache
def _target(url_name: str):
    """(path, access decision) of an entry's page, resolved once per process."""
    path = reverse(url_name)
    return path, getattr(resolve(path).func, "access", None)


def allowed(access, roles) -> bool:
    """The same decision AccessDecisionMiddleware takes, for a signed-in user holding `roles`."""
    if access in (PUBLIC, SIGNED_IN):
        return True
    return isinstance(access, frozenset) and bool(access & roles)


def _condition_holds(when: str, roles) -> bool:
    province = bool(roles & PROVINCE_WIDE_ROLES)
    return {"": True, "province": province, "not_province": not province,
            "unit_officer": bool(roles & UNIT_ROLES)}[when]


@dataclass(frozen=True)
class Link:
    url: str
    label: str
    url_name: str
    element: str  # the link's HTML id
    current: bool = False


@dataclass(frozen=True)
class MenuGroup:
    key: str
    label: str
    links: tuple[Link, ...]
    current: bool


def _is_current(entry: Entry, namespace: str) -> bool:
    entry_namespace = entry.url_name.split(":")[0]
    # Any page of the entry's app (a dossier, a plan) marks the entry, except the dashboard's "core".
    return bool(namespace) and namespace != "core" and (namespace == entry_namespace or namespace in entry.also)


def menu_for(roles, namespace: str = "", url_name: str = "") -> list[MenuGroup]:
    """The groups and links a user holding `roles` may open; the link of the current page marked."""
    view_name = f"{namespace}:{url_name}"
    groups = []
    for group in MENU:
        links, seen = [], set()
        for entry in group.entries:
            path, access = _target(entry.url_name)
            if not (allowed(access, roles) and _condition_holds(entry.when, roles)):
                continue
            if str(entry.label) in seen:  # two pages under one label (a queue and an inbox): the first that fits
                continue
            seen.add(str(entry.label))
            links.append(Link(path, str(entry.label), entry.url_name, entry.link_id))
        # Mark one link only: the exact page if it is in the menu, else the first entry of the page's app.
        current_index = next((i for i, link in enumerate(links) if link.url_name == view_name), None)
        if current_index is None:
            entries = {e.url_name: e for e in group.entries}
            current_index = next((i for i, link in enumerate(links)
                                  if _is_current(entries[link.url_name], namespace)), None)
        if current_index is not None:
            links[current_index] = replace(links[current_index], current=True)
        if links:
            groups.append(MenuGroup(group.key, str(group.label), tuple(links), current_index is not None))
    return groups
