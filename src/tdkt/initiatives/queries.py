"""Reads of the initiatives register, scoped by unit: a work of another unit is 404."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.awards.enums import InitiativeScope
from tdkt.dossiers.enums import LIVE_NOMINATION_STATES, UNIT_EDITABLE_STATES
from tdkt.dossiers.models import Nomination
from tdkt.initiatives.enums import WorkKind, WorkState
from tdkt.initiatives.models import Author, Claim, Work
from tdkt.lib.paging import CheapPage, cheap_page
from tdkt.lib.vntext import fold
from tdkt.people.models import Person


def works_for_user(user):
    scope = get_scope(user)
    works = Work.objects.all()
    if not scope.read_all:
        works = works.filter(unit_id__in=scope.readable_unit_ids)
    return works


def get_work_for_user(user, pk, *, write=False) -> Work:
    work = Work.objects.select_related("unit", "record__used_for__award_type").filter(pk=pk).first()
    scope = get_scope(user)
    if work is None or not (scope.read_all or (work.unit_id is not None and scope.can_read_unit(work.unit_id))):
        raise Http404
    if write and not (scope.write_all or (work.unit_id is not None and scope.can_write_unit(work.unit_id))):
        raise Http404
    return work


@dataclass(frozen=True)
class Filters:
    text: str = ""
    unit_id: int | None = None
    field: str = ""
    scope: str = ""
    year: int | None = None
    kind: str = ""
    state: str = ""


def search(user, filters: Filters):
    """Works matching the filters, newest first, with their unit and authors (three queries per page)."""
    works = works_for_user(user)
    folded = fold(filters.text).strip()
    for word in folded.split():
        works = works.filter(search_text__contains=word)
    if filters.unit_id:
        works = works.filter(unit_id=filters.unit_id)
    if filters.field:
        works = works.filter(Q(field__icontains=filters.field))
    if filters.scope:
        works = works.filter(scope=filters.scope)
    if filters.year:
        works = works.filter(year=filters.year)
    if filters.kind:
        works = works.filter(kind=filters.kind)
    if filters.state:
        works = works.filter(state=filters.state)
    return works.select_related("unit").prefetch_related(
        Prefetch("authors", queryset=Author.objects.select_related("person")))


@dataclass(frozen=True)
class Row:
    """One line of the register's list: plain values, labels already translated."""

    pk: int
    title: str
    kind: str
    authors: str
    unit: str
    field: str
    state: str
    scope: str
    year: int | None


ROW_FIELDS = ("pk", "title", "kind", "unit__name", "field", "state", "scope", "year")


def search_page(user, filters: Filters, page_param, per_page: int) -> CheapPage:
    """One page of `search` as plain rows, in three queries whatever the page: the works' columns with their
    unit's name (no model built), the authors' shares of those works, then their names. Measured on 50,000 works
    (bench/bench_initiatives.py): building model instances and looking up each choice's label per row cost
    more than the search itself."""
    page = cheap_page(search(user, filters).prefetch_related(None).values_list(*ROW_FIELDS), page_param, per_page)
    ids = [values[0] for values in page.items]
    shares = list(Author.objects.filter(work_id__in=ids).order_by("work_id", "position", "id")
                  .values_list("work_id", "person_id", "share"))
    # The names by primary key: joined to the shares, the planner hashes the whole person registry.
    names = dict(Person.objects.filter(pk__in={person_id for _work, person_id, _share in shares})
                 .values_list("pk", "full_name"))
    authors: dict[int, list[str]] = {}
    for work_id, person_id, share in shares:
        authors.setdefault(work_id, []).append(f"{names.get(person_id, '')} ({share}%)")
    kinds, states = dict(WorkKind.choices), dict(WorkState.choices)
    scopes = dict(InitiativeScope.choices)
    rows = [Row(pk=pk, title=title, kind=str(kinds.get(kind, kind)), authors="; ".join(authors.get(pk, [])),
                unit=unit or "", field=field, state=str(states.get(state, state)),
                scope=str(scopes[scope]) if scope in scopes else "", year=year)
            for pk, title, kind, unit, field, state, scope, year in page.items]
    return CheapPage(items=rows, number=page.number, has_next=page.has_next)


def open_claim(work) -> Claim | None:
    return work.claims.filter(released_at__isnull=True).select_related(
        "nomination__dossier", "nomination__person").first()


def claimable_nominations(user, work):
    """Live lines, in dossiers the user may still change, of the work's authors (the claim form's choices)."""
    scope = get_scope(user)
    if work.state != WorkState.RECOGNISED or not scope.roles:
        return Nomination.objects.none()
    lines = Nomination.objects.filter(
        person_id__in=work.authors.values("person_id"), state__in=LIVE_NOMINATION_STATES,
        dossier__state__in=UNIT_EDITABLE_STATES).select_related("dossier", "person")
    if not scope.write_all:
        lines = lines.filter(Q(dossier__unit_id__in=scope.writable_unit_ids)
                             | Q(dossier__unit_id__in=scope.group_head_unit_ids, dossier__group_year__isnull=False))
    return lines.order_by("dossier_id", "id")
