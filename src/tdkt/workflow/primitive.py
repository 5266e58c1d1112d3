"""The one transition primitive: nothing else writes a state field (a test walks the source to check).

`change_state` moves one object from one of `allowed_from` to `to`, conditionally on the state the caller
saw — so two clicks, or two officers racing, give one change and one clear refusal ("someone else acted
first") — and, in the same transaction, writes the history row (the machine's StateChange table), the
audit row and the notifications the transition declares. Notification rows are written here; their
delivery (the in-app list reads them; mail is queued by the outbox) happens after commit.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.audit.services import record
from tdkt.lib.request_context import current_ip
from tdkt.notifications.services import notify
from tdkt.workflow.signals import state_changed


def actor_user(by):
    """The acting user, or None when a command (named by a string) acts."""
    return by if getattr(by, "is_authenticated", False) else None


def write_history(machine, obj, *, by, from_state: str, to_state: str, reason: str = "",
                  extra: dict | None = None, history: dict | None = None):
    """One row of the machine's history table (also used for a creation: from_state empty)."""
    user = actor_user(by)
    values = {machine.history_owner: obj, "from_state": from_state or "", "to_state": to_state or "",
              "reason": reason or "", "by": user, "extra": extra or {},
              "by_name": getattr(user, "username", "") or (by if isinstance(by, str) else "")}
    if machine.history_defaults is not None:
        values |= machine.history_defaults(obj)
    values |= history or {}
    return machine.history_model.objects.create(**values)


def _plain(value) -> str | None:
    if value is None:
        return None
    return str(value.pk if isinstance(value, models.Model) else value)


def check_source(machine, old: str, to: str, allowed_from) -> None:
    """Refuse the move when the object's state `old` is not one of `allowed_from` (the machine's own message)."""
    if old not in allowed_from:
        message = machine.refused_message or _("A %(noun)s that is “%(old)s” cannot become “%(new)s”.")
        raise ValidationError(message % {"noun": machine.label, "old": machine.state_label(old),
                                         "new": machine.state_label(to)})


@transaction.atomic
def change_state(machine, obj, to: str, *, by, allowed_from, reason: str = "", transition=None,
                 extra: dict | None = None, history: dict | None = None, **fields):
    """Move `obj` to `to` if its state is one of `allowed_from`; `fields` are saved with it.

    Raises ValidationError when the object is in another state, also when someone else moved it first."""
    field = machine.field_name
    old = getattr(obj, field)
    check_source(machine, old, to, allowed_from)
    now = timezone.now()
    values = {field: to, **dict.fromkeys(machine.timestamps, now), **fields}
    if not machine.model.objects.filter(pk=obj.pk, **{field: old}).update(**values):
        current = machine.model.objects.filter(pk=obj.pk).values_list(field, flat=True).first()
        message = machine.raced_message or _("Someone else changed this %(noun)s first: it is now “%(state)s”. "
                                             "Reload the page and try again.")
        raise ValidationError(message % {"noun": machine.label, "state": machine.state_label(current)})
    for name, value in values.items():
        setattr(obj, name, value)
    write_history(machine, obj, by=by, from_state=old, to_state=to, reason=reason, extra=extra, history=history)
    audit_fields = {name: _plain(value) for name, value in fields.items()
                    if machine.audit_fields and name not in machine.audit_exclude}
    record(by, AuditAction.UPDATE, obj, changes={field: [old, to], "reason": reason or "", **audit_fields})
    if transition is not None and transition.notifies is not None:
        for notice in transition.notifies(obj, transition):
            notify(notice.users, text=notice.text, url=notice.url, kind=notice.kind, subject=notice.subject,
                   key=notice.key or f"{machine.name}:{obj.pk}:{transition.name}:{now.isoformat()}")
    state_changed.send(sender=machine.model, machine=machine, objects=[obj],
                       transition=getattr(transition, "name", ""), to=to, by=by)
    return obj


class _Raced(Exception):
    """Someone else moved an object of the batch between its reading and the conditional update."""


@transaction.atomic
def change_states(machine, objs, to: str, *, by, allowed_from, transition=None, reasons: dict | None = None,
                  extras: dict | None = None, fields: dict | None = None):
    """The bulk form of `change_state` for a batch of one machine's objects: each moves from the state it was
    read in (one of `allowed_from`) to `to`, with its own reason (`reasons`: pk -> text), history `extras`
    (pk -> dict) and saved `fields` (name -> {pk: value}). A fixed number of queries whatever the batch's
    size: one conditional UPDATE (each object's condition is the state it was read in; per-object values by
    CASE), one insert of the history rows, one of the audit rows. All or nothing: when one object is not in
    an allowed state, or was moved by someone else meanwhile, nothing of the batch moves and the message
    names it, as change_state's. Notifications, if the transition declares them, are written per object."""
    objs = list(objs)
    if not objs:
        return objs
    field = machine.field_name
    reasons, extras, fields = reasons or {}, extras or {}, fields or {}
    for obj in objs:
        check_source(machine, getattr(obj, field), to, allowed_from)
    now = timezone.now()
    by_old: dict[str, list] = {}
    for obj in objs:
        by_old.setdefault(getattr(obj, field), []).append(obj.pk)
    condition = Q()
    for old, pks in by_old.items():
        condition |= Q(pk__in=pks, **{field: old})
    values = {field: to, **dict.fromkeys(machine.timestamps, now)}
    for name, per_object in fields.items():
        output = machine.model._meta.get_field(name)
        values[name] = Case(*[When(pk=pk, then=Value(value, output_field=output))
                              for pk, value in per_object.items()], default=models.F(name), output_field=output)
    try:
        with transaction.atomic():  # a savepoint: on a race the lines it did move are moved back first
            if machine.model.objects.filter(condition).update(**values) != len(objs):
                raise _Raced
    except _Raced:
        moved = dict(machine.model.objects.filter(pk__in=[obj.pk for obj in objs]).values_list("pk", field))
        first = next(obj for obj in objs if moved.get(obj.pk) != getattr(obj, field))
        message = machine.raced_message or _("Someone else changed this %(noun)s first: it is now “%(state)s”. "
                                             "Reload the page and try again.")
        raise ValidationError(message % {"noun": machine.label, "state": machine.state_label(moved.get(first.pk))}) from None
    user = actor_user(by)
    by_name = getattr(user, "username", "") or (by if isinstance(by, str) else "")
    histories, audits = [], []
    ip = current_ip()
    for obj in objs:
        old = getattr(obj, field)
        own = {name: per_object[obj.pk] for name, per_object in fields.items() if obj.pk in per_object}
        for name, value in {field: to, **dict.fromkeys(machine.timestamps, now), **own}.items():
            setattr(obj, name, value)
        reason = reasons.get(obj.pk, "") or ""
        row = {machine.history_owner: obj, "from_state": old, "to_state": to, "reason": reason, "by": user,
               "extra": extras.get(obj.pk) or {}, "by_name": by_name}
        if machine.history_defaults is not None:
            row |= machine.history_defaults(obj)
        histories.append(machine.history_model(**row))
        audit_fields = {name: _plain(value) for name, value in own.items()
                        if machine.audit_fields and name not in machine.audit_exclude}
        audits.append(AuditEvent(
            actor=user, actor_name=by_name, action=AuditAction.UPDATE, object_type=obj._meta.label_lower,
            object_id=str(obj.pk), object_repr=str(obj)[:255], ip_address=ip,
            changes={field: [old, to], "reason": reason, **audit_fields}))
    machine.history_model.objects.bulk_create(histories, batch_size=1000)
    AuditEvent.objects.bulk_create(audits, batch_size=1000)
    if transition is not None and transition.notifies is not None:
        for obj in objs:
            for notice in transition.notifies(obj, transition):
                notify(notice.users, text=notice.text, url=notice.url, kind=notice.kind, subject=notice.subject,
                       key=notice.key or f"{machine.name}:{obj.pk}:{transition.name}:{now.isoformat()}")
    state_changed.send(sender=machine.model, machine=machine, objects=objs,
                       transition=getattr(transition, "name", ""), to=to, by=by)
    return objs
