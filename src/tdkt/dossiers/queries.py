"""Dossiers as a user may see them. Unit users see their units' dossiers (and sub-units'); the standing
body, the council and signers see all. Another unit's dossier is a 404, never a 403."""

from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.dossiers.models import Dossier, Nomination


def dossiers_for_user(user):
    scope = get_scope(user)
    queryset = Dossier.objects.all()
    if not scope.read_all:
        queryset = queryset.filter(unit_id__in=scope.readable_unit_ids)
    return queryset


def get_dossier_for_user(user, pk, *, write=False) -> Dossier:
    """The dossier if the user may read it (write=True: may act on it for its unit or as the province)."""
    scope = get_scope(user)
    dossier = Dossier.objects.select_related("unit", "group_year__group", "assignee", "movement", "call").filter(
        pk=pk).first()
    if dossier is None or not scope.can_read_unit(dossier.unit_id):
        raise Http404
    if write and not scope.can_write_unit(dossier.unit_id):
        raise Http404
    return dossier


def get_nomination_for_user(user, pk, *, write=False) -> Nomination:
    nomination = Nomination.objects.select_related("dossier", "person", "unit", "household", "award_type").filter(
        pk=pk).first()
    if nomination is None:
        raise Http404
    get_dossier_for_user(user, nomination.dossier_id, write=write)
    return nomination
