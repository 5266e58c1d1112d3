"""The portal's home: the newest published decisions, the notices open for comment, the movements under
way and each registered section's newest items (when the section offers `latest`). A fixed number of queries:
one per portal list, plus each section's own fixed number."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from tdkt.lib.portal_sections import PortalHit, sections
from tdkt.portal import queries

HOME_LIMIT = 5


@dataclass
class SectionLatest:
    key: str
    label: str
    url: str
    hits: list[PortalHit]


def home_page() -> dict:
    today = timezone.localdate()
    running = queries.launched_movements(today).exclude(end_date__lt=today).order_by("-start_date", "name")
    return {
        "decisions": list(queries.published_decisions().order_by("-published_at", "-id")[:HOME_LIMIT]),
        "notices": list(queries.open_notices(today).order_by("ends_on", "id")[:HOME_LIMIT]),
        "movements": list(running[:HOME_LIMIT]),
        "sections": [SectionLatest(section.key, str(section.label), reverse(section.url_name),
                                   list(section.latest(HOME_LIMIT)))
                     for section in sections() if section.latest is not None],
    }
