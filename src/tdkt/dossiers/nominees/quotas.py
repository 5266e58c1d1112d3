"""Provincial quotas (NominationQuota, when configured): at most N lines of an award per unit, or per
cluster/block, and year — enforced and explained at the three steps where a line can exceed one.

- **entry** (`check_entry`): adding a line (form, list import, API, movement proposals) or changing its
  award is refused when the live lines of that award for the unit (or group) and year would exceed the
  quota; an import is refused whole and the message names its rows.
- **submission** (`quota_errors`): the dossier is not sent while its unit's (or group's) live lines exceed
  a quota (a quota configured after the lines were entered).
- **appraisal** (`check_appraisal`): accepting a line, or changing its award, is refused when the lines
  accepted, approved or awarded for that unit (or group), award and year would exceed the quota.

Each check locks the quota's row (SELECT … FOR UPDATE) before counting, so two officers taking the last
place at once are served one after the other and the second is refused. Withdrawn dossiers and lines that
are rejected, withdrawn or not approved never count. A fixed number of queries whatever the lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from tdkt.audit.services import record_create, record_delete
from tdkt.dossiers.enums import LIVE_NOMINATION_STATES, DossierState, NominationState
from tdkt.dossiers.models import Dossier, Nomination, NominationQuota

# Lines that hold a place once the standing body has appraised them.
APPRAISED_STATES = frozenset({NominationState.ACCEPTED, NominationState.APPROVED, NominationState.AWARDED})
# The dossiers a message names when the lines counted lie in so few of them; beyond, it gives the count only.
FEW_DOSSIERS = 3


@dataclass
class QuotaUse:
    """One quota and how many lines count against it now."""

    quota: NominationQuota
    year: int
    used: int = 0
    dossiers: list[str] = field(default_factory=list)  # references of the dossiers holding the lines counted

    @property
    def owner(self) -> str:
        quota = self.quota
        return quota.unit.name if quota.unit_id else str(quota.group_year.group)

    @property
    def award(self) -> str:
        return self.quota.award_type.name

    @property
    def left(self) -> int:
        return max(self.quota.max_count - self.used, 0)

    def where(self) -> str:
        if not self.dossiers or len(self.dossiers) > FEW_DOSSIERS:
            return ""
        return _(" (in %(dossiers)s)") % {"dossiers": ", ".join(self.dossiers)}

    def basis(self) -> str:
        if self.quota.legal_basis:
            return _("legal basis: %(basis)s") % {"basis": self.quota.legal_basis}
        return _("no legal basis recorded for the quota")

    def params(self, **extra) -> dict:
        return {"award": self.award, "owner": self.owner, "year": self.year, "max": self.quota.max_count,
                "count": self.used, "where": self.where(), "basis": self.basis(), **extra}


def dossier_year(dossier) -> int | None:
    return dossier.year or (dossier.period_to.year if dossier.period_to else None)


def _owner_lines(dossier, year):
    """Lines counted for the dossier's owner: every dossier of the same group-year, or of the same unit
    outside any group, of that year."""
    lines = Nomination.objects.filter(Q(dossier__year=year) | Q(dossier=dossier)).exclude(
        dossier__state=DossierState.WITHDRAWN)
    if dossier.group_year_id:
        return lines.filter(dossier__group_year_id=dossier.group_year_id)
    return lines.filter(dossier__unit_id=dossier.unit_id, dossier__group_year__isnull=True)


def _quotas(dossier, year, award_ids: Iterable[int] | None = None, *, lock: bool = False) -> list[NominationQuota]:
    quotas = NominationQuota.objects.filter(year=year)
    if award_ids is not None:
        quotas = quotas.filter(award_type_id__in=set(award_ids))
    quotas = (quotas.filter(group_year_id=dossier.group_year_id) if dossier.group_year_id
              else quotas.filter(unit_id=dossier.unit_id))
    if lock:
        # Only the quota's own row: the joined award and unit stay free for others.
        quotas = quotas.select_for_update(of=("self",))
    quotas = quotas.select_related("award_type", "unit", "group_year__group")
    return sorted(quotas, key=lambda q: (q.award_type.sort_order, q.award_type.name, q.pk))


def _uses(dossier, year, quotas, states, *, exclude_line=None) -> list[QuotaUse]:
    """How many lines in `states` count against each quota (one query), with the dossiers holding them."""
    if not quotas:
        return []
    lines = _owner_lines(dossier, year).filter(award_type_id__in={q.award_type_id for q in quotas},
                                               state__in=states)
    if exclude_line is not None:
        lines = lines.exclude(pk=exclude_line)
    rows = (lines.order_by().values("award_type_id", "dossier_id", "dossier__created_at")
            .annotate(n=Count("id")).order_by("dossier_id"))
    uses = {q.award_type_id: QuotaUse(q, year) for q in quotas}
    for row in rows:
        use = uses[row["award_type_id"]]
        use.used += row["n"]
        use.dossiers.append(Dossier.reference_of(row["dossier_id"], row["dossier__created_at"]))
    return list(uses.values())


def quota_usage(dossier) -> list[QuotaUse]:
    """Every quota of the dossier's unit (or group) and year, with the live lines counted: the lines panel
    shows "used x/y". Two queries."""
    year = dossier_year(dossier)
    if not year:
        return []
    return _uses(dossier, year, _quotas(dossier, year), LIVE_NOMINATION_STATES)


def _entry_message(use: QuotaUse, adding: list[str]) -> str:
    return _("Quota exceeded: “%(award)s” for %(owner)s in %(year)s is limited to %(max)s lines (%(basis)s); "
             "%(count)s lines already count%(where)s, so adding %(adding)s (%(rows)s) would make %(total)s.") % (
        use.params(adding=len(adding), rows=", ".join(adding), total=use.used + len(adding)))


def check_entry(dossier, additions: dict[int, list[str]]) -> None:
    """Refuse adding lines of the awards in `additions` (award id -> a label of each line added: its row or
    its nominee) when the live lines of that award for the unit or group and year would exceed the quota.
    Call inside the transaction that writes the lines: it locks the quotas concerned."""
    year = dossier_year(dossier)
    additions = {award_id: labels for award_id, labels in additions.items() if labels}
    if not year or not additions:
        return
    quotas = _quotas(dossier, year, additions, lock=True)
    messages = [_entry_message(use, additions[use.quota.award_type_id])
                for use in _uses(dossier, year, quotas, LIVE_NOMINATION_STATES)
                if use.used + len(additions[use.quota.award_type_id]) > use.quota.max_count]
    if messages:
        raise ValidationError(messages)


def _submission_message(use: QuotaUse) -> str:
    return _("Quota exceeded: “%(award)s” for %(owner)s in %(year)s is limited to %(max)s lines (%(basis)s); "
             "%(count)s lines are proposed%(where)s: remove %(excess)s.") % use.params(
        excess=use.used - use.quota.max_count)


def quota_panel(dossier, lines) -> tuple[list[QuotaUse], list[str]]:
    """The lines panel: every quota of the unit (or group) and year with its use, and the messages of those
    the dossier's live `lines` (already loaded) exceed — the same as at submission. Two queries."""
    usage = quota_usage(dossier)
    awards = {line.award_type_id for line in lines if line.state in LIVE_NOMINATION_STATES}
    return usage, [_submission_message(use) for use in usage
                   if use.quota.award_type_id in awards and use.used > use.quota.max_count]


def quota_errors(dossier) -> list[str]:
    """One message per quota exceeded by the live lines of the dossier's unit (or group) for its year, for
    the awards the dossier proposes (the checks before sending)."""
    year = dossier_year(dossier)
    if not year:
        return []
    award_ids = set(Nomination.objects.filter(dossier=dossier, state__in=LIVE_NOMINATION_STATES)
                    .values_list("award_type_id", flat=True))
    if not award_ids:
        return []
    return [_submission_message(use) for use in _uses(dossier, year, _quotas(dossier, year, award_ids), LIVE_NOMINATION_STATES)
            if use.used > use.quota.max_count]


def _appraisal_message(use: QuotaUse, line) -> str:
    return _("Quota exceeded: “%(award)s” for %(owner)s in %(year)s is limited to %(max)s lines (%(basis)s); "
             "%(count)s lines are already accepted%(where)s, so line %(no)s (%(name)s) cannot be accepted for "
             "it.") % use.params(no=line.position or line.pk, name=line.recipient)


def check_appraisal(line, award_type_id: int) -> None:
    """Refuse accepting `line` for the award `award_type_id` when the lines accepted, approved or awarded
    for its unit (or group), that award and year already fill the quota. Call inside the transaction of the
    acceptance: the quota's row stays locked until it commits, so a second officer waits, then counts the
    first one's line."""
    dossier = line.dossier
    year = dossier_year(dossier)
    if not year:
        return
    quotas = _quotas(dossier, year, [award_type_id], lock=True)
    for use in _uses(dossier, year, quotas, APPRAISED_STATES, exclude_line=line.pk):
        if use.used + 1 > use.quota.max_count:
            raise ValidationError(_appraisal_message(use, line))


def split_by_quota(dossier, lines: list, *, lock: bool = False) -> tuple[list, list[tuple]]:
    """"Accept all eligible" shows which lines fit: in the dossier's order, each award's lines up to the
    places left in its quota; the others, each with the explanation, are not accepted (the officer decides
    them one by one, e.g. rejecting another line first). Two queries. `lock` (inside the transaction that
    accepts them, as the sheet's bulk accept does) holds the quotas' rows until it commits."""
    year = dossier_year(dossier)
    if not year or not lines:
        return list(lines), []
    uses = {use.quota.award_type_id: use for use in _uses(
        dossier, year, _quotas(dossier, year, {line.award_type_id for line in lines}, lock=lock), APPRAISED_STATES)}
    taken = {award_id: use.used for award_id, use in uses.items()}
    within, beyond = [], []
    for line in lines:
        use = uses.get(line.award_type_id)
        if use is None or taken[line.award_type_id] < use.quota.max_count:
            if use is not None:
                taken[line.award_type_id] += 1
            within.append(line)
        else:
            beyond.append((line, _beyond_message(use, line)))
    return within, beyond


def _beyond_message(use: QuotaUse, line) -> str:
    return _("Quota: “%(award)s” for %(owner)s in %(year)s is limited to %(max)s lines (%(basis)s); with "
             "%(count)s already accepted%(where)s and the lines above, line %(no)s (%(name)s) is left "
             "undecided.") % use.params(no=line.position or line.pk, name=line.recipient)


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
