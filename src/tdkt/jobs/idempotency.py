"""Idempotent import commits: a retried commit adds nothing and shows the first commit's result.

Every import commit carries a key: a UUID4 in a hidden field of the form that commits (generated when the
form is rendered, `KeyField`), or a key derived from the staged import's id (`staged_key`) when the flow
keeps its rows on the server between the upload and the commit. The first commit writes an `ImportCommit`
row (key, who, kind, where its result is shown, a one-line summary) in the import's own transaction; a
retry finds it, and two commits racing with one key are decided by the unique constraint: the loser's
transaction (its import included) rolls back and it shows the winner's result."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.jobs.models import ImportCommit

FIELD = "idempotency_key"
# Fixed namespace of the keys derived from a staged import's id (uuid5: the same id gives the same key).
_STAGED = uuid.UUID("6f1d9a52-3c4e-4d0b-9a8e-2b7f0c5e1d34")


class KeyField(forms.UUIDField):
    """The hidden idempotency key of a commit form: a fresh UUID4 each time the form is rendered unbound."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("initial", uuid.uuid4)
        kwargs.setdefault("label", gettext_lazy("Idempotency key"))
        kwargs.setdefault("error_messages", {"required": gettext_lazy(
            "The form has expired (its submission key is missing); open the page again and resend the file.")})
        super().__init__(**kwargs)


def staged_key(kind: str, staged_id) -> uuid.UUID:
    """The key of a commit of a staged import (a batch, a draft): one staged import is committed once."""
    return uuid.uuid5(_STAGED, f"{kind}:{staged_id}")


def earlier(key: uuid.UUID | None) -> ImportCommit | None:
    return None if key is None else ImportCommit.objects.filter(key=key).first()


def remember(key: uuid.UUID, *, by, kind: str, result_url: str, summary: str = "") -> ImportCommit:
    """Call inside the import's transaction: the row commits or rolls back with the import. A second commit
    with the same key raises IntegrityError here, which rolls the second import back."""
    return ImportCommit.objects.create(key=key, kind=kind, by=by if getattr(by, "pk", None) else None,
                                       result_url=result_url[:500], summary=summary[:500])


@dataclass
class Once:
    """What `commit_once` did: `value` is the import's own return value; `earlier` is set when the key had
    been committed already (then nothing was imported this time)."""

    value: Any = None
    earlier: ImportCommit | None = None


def commit_once(key: uuid.UUID | None, *, by, kind: str, run: Callable[[], tuple[Any, str | None, str]]) -> Once:
    """Run an import commit once per key. `run()` imports and returns (value, result_url, summary);
    result_url None means nothing was imported (the file had errors), and nothing is remembered then, so the
    corrected file can be sent again with the same form. Without a key (API calls, commands) it just runs."""
    if key is None:
        return Once(value=run()[0])
    if (prior := earlier(key)) is not None:
        return Once(earlier=prior)
    try:
        with transaction.atomic():
            value, result_url, summary = run()
            if result_url is not None:
                remember(key, by=by, kind=kind, result_url=result_url, summary=summary)
    except IntegrityError:
        if (prior := earlier(key)) is None:  # another constraint than the key's: not a retry
            raise
        return Once(earlier=prior)
    return Once(value=value)


def repeated_message(commit: ImportCommit) -> str:
    return _("This list was already imported at %(at)s — result of the earlier import: %(summary)s") % {
        "at": timezone.localtime(commit.at).strftime("%H:%M %d/%m/%Y"), "summary": commit.summary}


def show_earlier(request, commit: ImportCommit):
    """The response to a retried commit: the first result, with a message saying so."""
    messages.info(request, repeated_message(commit))
    return redirect(commit.result_url)
