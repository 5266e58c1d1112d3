"""What the public may see: published decisions, notices open for comment, launched movements.

Each function returns a queryset of public content only; the views, the home page and the search all start
from these, so a draft never reaches a public page by a second road."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import Decision
from tdkt.decisions.signing.models import DocumentSignature
from tdkt.dossiers.postings.enums import NoticeState
from tdkt.dossiers.postings.queries import public_notices
from tdkt.movements.models import Movement


def published_decisions():
    return Decision.objects.filter(state=DecisionState.PUBLISHED).select_related("authority", "award_type")


def get_published_decision(pk) -> Decision:
    return get_object_or_404(published_decisions(), pk=pk)


def signatures_of(decision: Decision) -> list[DocumentSignature]:
    """The digital signatures found valid on the signed copy when it was recorded (tdkt.decisions.signing.verify);
    none for a decision recorded from a scan of the signed paper."""
    return list(DocumentSignature.objects.filter(decision=decision).order_by("position"))


def open_notices(today: datetime.date | None = None):
    """Notices whose comment period runs today (what tdkt.dossiers.postings.services.accepts_comments allows)."""
    today = today or timezone.localdate()
    return public_notices().filter(state=NoticeState.PUBLISHED, published_on__lte=today, ends_on__gte=today)


def launched_movements(today: datetime.date | None = None):
    """Movements are public from their start date: a movement recorded ahead of its launch stays internal."""
    today = today or timezone.localdate()
    return Movement.objects.filter(start_date__lte=today).select_related("launching_unit")


def get_launched_movement(pk) -> Movement:
    movement = launched_movements().filter(pk=pk).first()
    if movement is None:
        raise Http404
    return movement
