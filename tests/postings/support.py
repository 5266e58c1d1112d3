"""Factories for the công khai tests: a notice published (through the service) for unit A's dossier."""

import datetime

from django.utils import timezone

from tdkt.dossiers.postings import services
from tests.consultations.support import dossier_with_two_lines


def published_notice(world, *, published_on=None):
    """Unit A's dossier published: only person A's CSTĐTQ line requires posting (the Bằng khen does not)."""
    dossier, _first, _second = dossier_with_two_lines(world)
    return services.publish_notice(dossier, by=world.users["specialist"],
                                   published_on=published_on or timezone.localdate())


def comment_on(notice, *, nomination=None, ip="203.0.113.7", name="Trần Văn Bình", text="Ông An chưa gương mẫu."):
    return services.submit_comment(notice, name=name, contact="0912 345 678", text=text,
                                   nomination=nomination or notice.nominations.first(), ip=ip)


def days_ago(count):
    return timezone.localdate() - datetime.timedelta(days=count)
