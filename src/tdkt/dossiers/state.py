"""Timeline rows of a dossier that are not state changes (a document, a note, an assignment).

State changes of a dossier and of its lines are declared in tdkt.dossiers.transitions and written only by
the one primitive (tdkt.workflow.primitive.change_state, through `DOSSIER.perform` / `NOMINATION.perform`),
which writes their history row in the same table."""

from tdkt.dossiers.enums import EventKind
from tdkt.dossiers.models import DossierEvent
from tdkt.workflow.primitive import actor_user

__all__ = ["actor_user", "log_event"]  # actor_user: kept importable here for the apps that use it


def log_event(dossier, *, by, kind=EventKind.NOTE, nomination=None, reason=""):
    """A note on the dossier's timeline (no state change: from_state and to_state stay empty)."""
    user = actor_user(by)
    return DossierEvent.objects.create(
        dossier=dossier, nomination=nomination, kind=kind, reason=reason or "", by=user,
        by_name=getattr(user, "username", "") or (by if isinstance(by, str) else ""))
