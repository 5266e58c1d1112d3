"""When "Việc của tôi" must be read again: a version of everything it reads.

A user's agenda (tdkt.workflow.agenda) is read from a dozen state machines and their actor predicates
(memberships, delegations, councils, teams…): two thirds of the home page's time at provincial scale, on the page
officers open most. It is kept per user in the cache under two numbers, and read again as soon as either moves:

- the shared version (AgendaVersion, one row), raised once after every commit that saved or deleted a row of any
  model but IGNORED_MODELS, or moved a state through the primitive (whose signal covers its bulk form too);
- this process's own number, raised at once by the same signals: a test's transaction never commits, and the
  process that acted sees its change before the commit is over.

The version is read before the agenda is computed, so an agenda computed while another transaction commits is
kept under a number that is already out of date. What no model signal sees — `QuerySet.update` or `bulk_create`
outside the primitive, raw SQL — is seen at the next change that is, or when the kept agenda expires
(KEPT_SECONDS): the only staleness left, bounded."""

from __future__ import annotations

import itertools

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from tdkt.workflow.signals import state_changed

# How long a kept agenda lives at most (the bound on a change no signal saw).
KEPT_SECONDS = 60

# Rows written as a side effect of reading, signing in, or background progress: they never change what waits for
# anyone, and raising the version for them would empty every kept agenda on every page (sessions are saved once a
# minute, each read of personal data is logged, a job reports its progress many times a second).
IGNORED_MODELS = frozenset({
    "sessions.session", "audit.auditevent", "admin.logentry", "jobs.job", "jobs.scheduledrun",
    "notifications.notification", "notifications.outboxmail", "axes.accessattempt", "axes.accesslog",
    "axes.accessfailurelog", "axes.accessattemptexpiration", "django_tasks_database.dbtaskresult",
    "workflow.agendaversion",
    # A vote: read only by the "vote" source, which is asked every time (tdkt.workflow.agenda); and a vote must move
    # no counter an observer of the database could follow (tests/security/test_ballot_secrecy.py).
    "council.ballotparticipation", "council.sealedballot",
    # The staging rows of an import and of a digitised register, re-made in bulk when a file is checked again (up to
    # the whole file at once): a delete listener would make Django load every row to delete it, not one DELETE. What
    # waits is the batch (its own model, listened to).
    "awards.importrow", "awards.archivedline",
})
# A save of only these fields is no change either (the sign-in stamps the user).
IGNORED_UPDATES = frozenset({"last_login"})

_numbers = itertools.count(1)
_local = 0


def _version_model():
    return apps.get_model("workflow", "AgendaVersion")


def _raise_shared() -> None:
    """After a commit (or at once outside a transaction): the shared number, one short UPDATE."""
    AgendaVersion = _version_model()  # noqa: N806 - the model class
    if not AgendaVersion.objects.filter(pk=1).update(value=F("value") + 1):
        try:
            with transaction.atomic():
                AgendaVersion.objects.create(pk=1, value=1)
        except IntegrityError:  # another process made the row meanwhile: raise it
            AgendaVersion.objects.filter(pk=1).update(value=F("value") + 1)


def changed(using: str = "default") -> None:
    """Something an agenda may read was written: this process's number now, the shared one after the commit
    (once per transaction, however many rows it writes)."""
    global _local
    _local = next(_numbers)
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(func is _raise_shared for _sids, func, _robust in connection.run_on_commit):
        return  # already due at this transaction's commit (a rolled-back savepoint takes its callback with it)
    # Robust: the commit is done, and a failed raise (a lock timeout) must not turn the user's request into an
    # error; it is logged, and the other processes' kept agendas expire within KEPT_SECONDS.
    transaction.on_commit(_raise_shared, using=using, robust=True)


def _on_save(sender, using="default", update_fields=None, **_kwargs):
    if update_fields is not None and frozenset(update_fields) <= IGNORED_UPDATES:
        return
    changed(using)


def _on_change(sender, using="default", **_kwargs):
    changed(using)


def connect() -> None:
    """Listen to every model but the ignored ones (each by name: a listener on every model would stop Django's fast
    deletes of the ignored ones, the sessions' among them), to m2m changes and to the primitive."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in IGNORED_MODELS:
            continue
        post_save.connect(_on_save, sender=model, weak=False, dispatch_uid=f"agenda-save-{model._meta.label_lower}")
        post_delete.connect(_on_change, sender=model, weak=False,
                            dispatch_uid=f"agenda-delete-{model._meta.label_lower}")
    m2m_changed.connect(_on_change, weak=False, dispatch_uid="agenda-m2m")
    state_changed.connect(_on_change, weak=False, dispatch_uid="agenda-state")


def shared_version() -> int:
    """The shared number (0 before the first raise): one query."""
    return _version_model().objects.filter(pk=1).values_list("value", flat=True).first() or 0


def current(user, today) -> str:
    """The cache key of `user`'s kept agenda today: one query (the shared number)."""
    return f"tdkt.agenda:{user.pk}:{today.isoformat()}:{get_language()}:{shared_version()}:{_local}"
