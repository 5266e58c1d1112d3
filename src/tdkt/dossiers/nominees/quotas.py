"""Provincial quotas (NominationQuota, when configured): at most N live lines of an award per unit, or per
cluster/block, and year.

`quota_errors(dossier)` lists every quota the dossier's lines exceed (counting the lines of all the
unit's dossiers of that year, or of all the group's dossiers), one precise message each; the lines
panel shows them and the workflow may refuse a submission on them. Withdrawn dossiers and lines that are
rejected or withdrawn do not count. Three queries whatever the number of lines.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from tdkt.audit.services import record_create, record_delete
from tdkt.dossiers.enums import LIVE_NOMINATION_STATES, DossierState
from tdkt.dossiers.models import Nomination, NominationQuota


def _year(dossier) -> int | None:
    return dossier.year or (dossier.period_to.year if dossier.period_to else None)


def _live(queryset):
    return queryset.filter(state__in=LIVE_NOMINATION_STATES).exclude(dossier__state=DossierState.WITHDRAWN)


def quota_errors(dossier) -> list[str]:
    """One message per quota exceeded by the lines of the dossier's unit (or group) for its year."""
    year = _year(dossier)
    if not year:
        return []
    award_ids = set(_live(Nomination.objects.filter(dossier=dossier)).values_list("award_type_id", flat=True))
    if not award_ids:
        return []
    quotas = NominationQuota.objects.filter(year=year, award_type_id__in=award_ids).select_related(
        "award_type", "unit", "group_year__group")
    if dossier.group_year_id:
        quotas = quotas.filter(group_year_id=dossier.group_year_id)
    else:
        quotas = quotas.filter(unit_id=dossier.unit_id)
    quotas = list(quotas)
    if not quotas:
        return []
    lines = _live(Nomination.objects.filter(award_type_id__in={q.award_type_id for q in quotas},
                                            dossier__year=year))
    lines = (lines.filter(dossier__group_year_id=dossier.group_year_id) if dossier.group_year_id
             else lines.filter(dossier__unit_id=dossier.unit_id, dossier__group_year__isnull=True))
    counts = dict(lines.order_by().values("award_type_id").annotate(n=Count("id")).values_list("award_type_id", "n"))
    messages = []
    for quota in sorted(quotas, key=lambda q: (q.award_type.sort_order, q.award_type.name)):
        count = counts.get(quota.award_type_id, 0)
        if count > quota.max_count:
            owner = quota.unit.name if quota.unit_id else str(quota.group_year.group)
            messages.append(_("“%(award)s”: %(count)s lines proposed for %(owner)s in %(year)s, more than the quota "
                              "of %(max)s%(basis)s; remove %(excess)s.") % {
                "award": quota.award_type.name, "count": count, "owner": owner, "year": year,
                "max": quota.max_count, "excess": count - quota.max_count,
                "basis": f" ({quota.legal_basis})" if quota.legal_basis else ""})
    return messages


def quota_warnings(dossier) -> list[str]:
    """What the lines panel shows: the quotas exceeded (same messages as quota_errors)."""
    return quota_errors(dossier)


# --- configuration (specialists) ---------------------------------------------------------------------------


@transaction.atomic
def add_quota(*, by, year, award_type, max_count, unit=None, group_year=None, legal_basis="") -> NominationQuota:
    if (unit is None) == (group_year is None):
        raise ValidationError(_("Choose either a unit or a cluster/block."))
    quota = NominationQuota(year=year, award_type=award_type, unit=unit, group_year=group_year,
                            max_count=max_count, legal_basis=legal_basis or "")
    try:
        with transaction.atomic():
            quota.save()
    except IntegrityError as error:
        raise ValidationError(_("A quota of this award for this unit or group and year already exists.")) from error
    record_create(by, quota)
    return quota


@transaction.atomic
def remove_quota(quota: NominationQuota, *, by) -> None:
    record_delete(by, quota)
    quota.delete()
