"""The one clock of the news app: an approved article is public once its publication time has come (read by
query, no scheduled job). Tests move time by replacing `now` (monkeypatch.setattr(clock, "now", …)); callers
always write `clock.now()` so the replacement is seen."""

from django.utils import timezone


def now():
    return timezone.now()
