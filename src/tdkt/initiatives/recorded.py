"""Initiative records entered in bulk below this app (the history import, the archive's commit of a decision
recognising initiatives: tdkt.awards.signals.initiatives_recorded) become recognised entries of the register
in the same transaction, so a history import's initiatives are in the register at once, not at the next
daily `adopt_initiatives` — which then finds them held and adds nothing.

A fixed number of queries whatever the number of records: the records already held (1), the authors of the
records that came without details (≤ 1), the units' names (≤ 1), then one insert each of the works, their
authors, their history rows and their audit rows (one CREATE each)."""

from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.awards.models import Initiative
from tdkt.awards.signals import initiatives_recorded
from tdkt.initiatives.enums import WorkKind, WorkState
from tdkt.initiatives.models import Author, Work, WorkStateChange
from tdkt.initiatives.shares import equal_shares
from tdkt.lib.request_context import current_ip
from tdkt.lib.vntext import fold
from tdkt.orgs.models import Unit
from tdkt.workflow.primitive import actor_user

REASON = gettext_lazy("Entered from the award history (%(source)s).")


def _linked_authors(record_ids) -> dict[int, dict]:
    """{record pk: {"authors": [(person, equal share)], "unit_id", "names"}} from the records' linked authors,
    ordered by person as adopt_initiatives orders them."""
    rows = (Initiative.authors.through.objects.filter(initiative_id__in=record_ids)
            .values_list("initiative_id", "person_id", "person__unit_id", "person__full_name").order_by("person_id"))
    found: dict[int, list] = {}
    for record_id, person_id, unit_id, name in rows:
        found.setdefault(record_id, []).append((person_id, unit_id, name))
    details = {}
    for record_id, persons in found.items():
        details[record_id] = {
            "authors": list(zip([p for p, _u, _n in persons], equal_shares(len(persons)), strict=True)),
            "unit_id": next((unit for _p, unit, _n in persons if unit), None), "field": "",
            "names": [name for _p, _u, name in persons]}
    return details


def enter_records(records, details: dict | None = None, *, by, source: str) -> list[Work]:
    """Recognised register entries for `records` that no entry holds yet (see the module)."""
    records = [record for record in records if record.pk]
    held = set(Work.objects.filter(record__in=[r.pk for r in records]).values_list("record_id", flat=True))
    records = [record for record in records if record.pk not in held]
    if not records:
        return []
    details = dict(details or {})
    missing = [record.pk for record in records if record.pk not in details]
    if missing:
        details |= _linked_authors(missing)
    units = dict(Unit.objects.filter(pk__in={d.get("unit_id") for d in details.values()} - {None})
                 .values_list("pk", "name"))
    now, user = timezone.now(), actor_user(by)
    works, authors = [], []
    for record in records:
        detail = details.get(record.pk) or {"authors": []}
        unit_id = detail.get("unit_id")
        field = (detail.get("field") or "")[:200]
        works.append(Work(
            kind=WorkKind.INITIATIVE, title=record.title, field=field, unit_id=unit_id, state=WorkState.RECOGNISED,
            state_changed_at=now, scope=record.scope, decision_number=record.decision_number,
            decision_date=record.decision_date, recognised_by=record.recognised_by, year=record.year, record=record,
            search_text=fold(" ".join([record.title, *detail.get("names", []), units.get(unit_id, ""), field])),
            created_by=user))
    Work.objects.bulk_create(works)
    for work, record in zip(works, records, strict=True):
        written = details.get(record.pk, {}).get("authors", [])
        shares = [share for _person, share in written]
        if None in shares or sum(shares) != 100:  # no share written (or not usable): equal shares
            shares = equal_shares(len(written))
        authors += [Author(work=work, person_id=person_id, share=share, position=index)
                    for index, ((person_id, _written), share) in enumerate(zip(written, shares, strict=True))]
    Author.objects.bulk_create(authors)
    by_name = getattr(user, "username", "") or (by if isinstance(by, str) else "")
    WorkStateChange.objects.bulk_create([
        WorkStateChange(work=work, from_state="", to_state=WorkState.RECOGNISED, by=user, by_name=by_name,
                        reason=str(REASON) % {"source": source}, extra={"record": work.record_id})
        for work in works])
    ip = current_ip()
    AuditEvent.objects.bulk_create([
        AuditEvent(actor=user, actor_name=by_name, action=AuditAction.CREATE, object_type=work._meta.label_lower,
                   object_id=str(work.pk), object_repr=str(work)[:255], ip_address=ip,
                   changes={"after": {"title": work.title, "state": work.state, "scope": work.scope,
                                      "record": work.record_id, "source": str(source)}})
        for work in works])
    return works


@receiver(initiatives_recorded, dispatch_uid="initiatives-enter-records")
def _on_recorded(sender, *, records, details=None, by, source="", **kwargs):
    return enter_records(records, details, by=by, source=source)
