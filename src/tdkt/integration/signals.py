"""Connections made when the app is ready: the decisions app's signing signal, a person's save and merge."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from tdkt.decisions.events import decision_signed
from tdkt.integration.queueing import queue_signed, release_for_person, repoint_merged
from tdkt.people.events import person_merged
from tdkt.people.models import Person


@receiver(decision_signed, dispatch_uid="integration-queue-signed")
def _queue_signed(sender, *, decision, lines, **kwargs):
    queue_signed(decision, lines)


@receiver(post_save, sender=Person, dispatch_uid="integration-release-held")
def _release_held(sender, *, instance, raw=False, **kwargs):
    if not raw:
        release_for_person(instance)


@receiver(person_merged, dispatch_uid="integration-repoint-merged")
def _repoint_merged(sender, *, duplicate, kept, by, **kwargs):
    repoint_merged(duplicate, kept, by=by)
