"""Reads of exemplars: the staff's, scoped by unit (another unit's exemplar is a 404), and the public's,
published only. Searches match the folded text (no diacritics), so "nguyen van an" finds "Nguyễn Văn An"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.scope import get_scope
from tdkt.exemplars import rules
from tdkt.exemplars.enums import CONFIRMED_STATES, PUBLIC_STATES
from tdkt.exemplars.models import Exemplar
from tdkt.lib.portal_sections import PortalHit
from tdkt.lib.vntext import fold

# The decisions app sits in the same layer (tdkt.decisions may not be imported here): its published state is
# read through the award record's link to the signed line (decisions.LineAwardRecord) by name.
DECISION_PUBLISHED = "published"
LIST_RELATED = ("unit", "person", "collective")


def exemplars_for_user(user):
    scope = get_scope(user)
    exemplars = Exemplar.objects.all()
    if not scope.read_all:
        exemplars = exemplars.filter(unit_id__in=scope.readable_unit_ids)
    return exemplars


def get_exemplar_for_user(user, pk, *, write=False) -> Exemplar:
    """The exemplar if the user may read it (write: act for its unit or as the standing body), else 404."""
    exemplar = Exemplar.objects.select_related(*LIST_RELATED).filter(pk=pk).first()
    if exemplar is None or not rules.can_read(user, exemplar):
        raise Http404
    if write and not (rules.is_clerk(user, exemplar) or rules.is_leader(user, exemplar)
                      or rules.is_standing_body(user)):
        raise Http404
    return exemplar


@dataclass(frozen=True)
class Filters:
    text: str = ""
    unit_id: int | None = None
    year: int | None = None
    quarter: int | None = None
    kind: str = ""
    state: str = ""


def _matching(exemplars, text: str):
    for word in fold(text or "").split():
        exemplars = exemplars.filter(search_text__contains=word)
    return exemplars


def search(user, filters: Filters):
    """The staff list: exemplars the user may read matching the filters, newest first (one query a page)."""
    exemplars = _matching(exemplars_for_user(user), filters.text)
    if filters.unit_id:
        exemplars = exemplars.filter(unit_id=filters.unit_id)
    if filters.year:
        exemplars = exemplars.filter(year=filters.year)
    if filters.quarter:
        exemplars = exemplars.filter(quarter=filters.quarter)
    if filters.kind:
        exemplars = exemplars.filter(kind=filters.kind)
    if filters.state:
        exemplars = exemplars.filter(state=filters.state)
    return exemplars.select_related(*LIST_RELATED).order_by("-year", "-id")


# --- the public's ---------------------------------------------------------------------------------------------

def published():
    return Exemplar.objects.filter(state__in=PUBLIC_STATES)


def public_search(text: str = "", year: int | None = None):
    exemplars = _matching(published(), text)
    if year:
        exemplars = exemplars.filter(year=year)
    return exemplars.select_related(*LIST_RELATED).order_by("-year", "-published_at", "-id")


def public_years() -> list[int]:
    return list(published().order_by("-year").values_list("year", flat=True).distinct())


def get_public_exemplar(pk) -> Exemplar:
    exemplar = published().select_related(*LIST_RELATED).filter(pk=pk).first()
    if exemplar is None:
        raise Http404
    return exemplar


@dataclass(frozen=True)
class LinkedAward:
    """An award of the exemplar's person or collective, with its published decision if the portal has one."""

    name: str
    year: int
    decision: str  # "125/QĐ-UBND, 10/06/2025"
    decision_id: int | None  # a published decision's pk (portal:decision), else None


def linked_awards(exemplar) -> list[LinkedAward]:
    """The linked award records in one query, each with the decision that created it when that decision is
    published on the portal (a decision still unpublished, or an award recorded from history, has no link)."""
    rows = exemplar.awards.order_by("-year", "id").values_list(
        "award_type__name", "year", "decision_number", "decision_date", "decision_link__line__decision_id",
        "decision_link__line__decision__state")
    awards = []
    for name, year, number, date, decision_id, decision_state in rows:
        label = ", ".join(part for part in (number, f"{date:%d/%m/%Y}" if date else "") if part)
        awards.append(LinkedAward(name=name, year=year, decision=label,
                                  decision_id=decision_id if decision_state == DECISION_PUBLISHED else None))
    return awards


def _portal_hits(exemplars, limit: int) -> list[PortalHit]:
    rows = exemplars.values_list("pk", "headline", "person__full_name", "collective__name", "unit__name",
                                 "published_at")[:limit]
    return [PortalHit(title=f"{person or collective} — {headline}", url=reverse("exemplars:public_detail", args=[pk]),
                      summary=unit or "", date=timezone.localtime(at).date() if at else None)
            for pk, headline, person, collective, unit, at in rows]


def portal_search(folded: str, limit: int) -> list[PortalHit]:
    """The portal-wide search's hits (tdkt.lib.portal_sections): published exemplars only, one query."""
    return _portal_hits(public_search(folded), limit)


def portal_latest(limit: int) -> list[PortalHit]:
    """The portal home's newest published exemplars (tdkt.lib.portal_sections), one query."""
    return _portal_hits(published().order_by("-published_at", "-id"), limit)


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.datetime, datetime.datetime]:
    first = datetime.date(year, 3 * quarter - 2, 1)
    after = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    zone = timezone.get_current_timezone()
    return (datetime.datetime.combine(first, datetime.time(), zone),
            datetime.datetime.combine(after, datetime.time(), zone))


def confirmed_counts(year: int, quarter: int) -> dict[int, int]:
    """{unit id: exemplars its leader confirmed in that quarter and nobody sent back since} — one query."""
    start, end = quarter_bounds(year, quarter)
    rows = (Exemplar.objects.filter(state__in=CONFIRMED_STATES, confirmed_at__gte=start, confirmed_at__lt=end)
            .values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n"))
    return dict(rows)

