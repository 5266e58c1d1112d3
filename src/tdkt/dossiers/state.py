"""The two primitives every dossier and nomination state change goes through.

Each transition function (submit_dossier, receive_dossier, … in dossiers.workflow; the council's and
the decisions' functions) checks its own rules, then calls one of these. They update conditionally on
the state the caller saw, so two clicks or two specialists racing produce one change and one clear
refusal; they write the timeline row (who, from, to, when, why) and the audit row in the same
transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.dossiers.enums import DossierState, EventKind, NominationState
from tdkt.dossiers.models import Dossier, DossierEvent, Nomination


def actor_user(by):
    """The acting user, or None when a command (named by a string) acts."""
    return by if getattr(by, "is_authenticated", False) else None


def log_event(dossier, *, by, kind=EventKind.NOTE, nomination=None, from_state="", to_state="", reason=""):
    user = actor_user(by)
    return DossierEvent.objects.create(
        dossier=dossier, nomination=nomination, kind=kind, from_state=from_state, to_state=to_state,
        reason=reason or "", by=user, by_name=getattr(user, "username", "") or (by if isinstance(by, str) else ""))


def _label(enum, value) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return value or "—"


@transaction.atomic
def change_dossier_state(dossier: Dossier, to: str, *, by, allowed_from, reason: str = "", **fields) -> Dossier:
    """Move `dossier` to state `to` if its state is one of `allowed_from`; `fields` are saved with it.

    Raises ValidationError when the dossier is in another state, also when someone else moved it
    first (the update is conditional on the state this call was given)."""
    old = dossier.state
    if old not in allowed_from:
        raise ValidationError(_("A dossier that is “%(old)s” cannot become “%(new)s”.") % {
            "old": _label(DossierState, old), "new": _label(DossierState, to)})
    now = timezone.now()
    values = {"state": to, "state_changed_at": now, "updated_at": now, **fields}
    if not Dossier.objects.filter(pk=dossier.pk, state=old).update(**values):
        current = Dossier.objects.filter(pk=dossier.pk).values_list("state", flat=True).first()
        raise ValidationError(_("Someone else changed this dossier first: it is now “%(state)s”. "
                                "Reload the page and try again.") % {"state": _label(DossierState, current)})
    for name, value in values.items():
        setattr(dossier, name, value)
    log_event(dossier, by=by, kind=EventKind.STATE, from_state=old, to_state=to, reason=reason)
    record(by, AuditAction.UPDATE, dossier, changes={"state": [old, to], "reason": reason or ""})
    return dossier


@transaction.atomic
def change_nomination_state(nomination: Nomination, to: str, *, by, allowed_from, reason: str = "",
                            **fields) -> Nomination:
    """Move one line to state `to` if its state is one of `allowed_from` (conditional, with history)."""
    old = nomination.state
    if old not in allowed_from:
        raise ValidationError(_("A line that is “%(old)s” cannot become “%(new)s”.") % {
            "old": _label(NominationState, old), "new": _label(NominationState, to)})
    values = {"state": to, "updated_at": timezone.now(), **fields}
    if not Nomination.objects.filter(pk=nomination.pk, state=old).update(**values):
        current = Nomination.objects.filter(pk=nomination.pk).values_list("state", flat=True).first()
        raise ValidationError(_("Someone else changed this line first: it is now “%(state)s”. "
                                "Reload the page and try again.") % {"state": _label(NominationState, current)})
    for name, value in values.items():
        setattr(nomination, name, value)
    log_event(nomination.dossier, by=by, kind=EventKind.LINE, nomination=nomination, from_state=old, to_state=to,
              reason=reason)
    record(by, AuditAction.UPDATE, nomination, changes={"state": [old, to], "reason": reason or "", **{
        name: str(value) for name, value in fields.items() if name not in {"verdict_at_appraisal"}}})
    return nomination
