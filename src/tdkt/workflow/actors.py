"""Who acted in a history (the timeline of a dossier, a decision's processing history): the actor's name with
the role they held, "Nguyễn Văn An (Chuyên viên Sở Nội vụ)".

The role is the one the actor's memberships record as valid on the day of the event (a membership's
valid_from / valid_to), a role held in the object's own unit first; when no membership was valid then (or its
dates were never recorded), the role the actor holds now. One query for all the actors of a history."""

from collections import defaultdict

from django.utils import timezone

from tdkt.accounts.models import Membership
from tdkt.audit.readable import held_on
from tdkt.lib.names import display_name


def with_actor_roles(events, prefer_units=()) -> list:
    """The events, each with `actor_label`: the name and, in brackets, the role (just the name for a command)."""
    events = list(events)
    user_ids = {event.by_id for event in events if event.by_id}
    memberships = defaultdict(list)
    if user_ids:
        for membership in Membership.objects.filter(user_id__in=user_ids).select_related(
                "unit", "council", "emulation_group"):
            memberships[membership.user_id].append(membership)
    today = timezone.localdate()
    for event in events:
        if event.by_id is None:
            event.actor_label = event.by_name
            continue
        held = memberships[event.by_id]
        role = held_on(held, timezone.localtime(event.at).date(), prefer_units) or held_on(held, today, prefer_units)
        name = display_name(event.by)
        event.actor_label = f"{name} ({role})" if role else name
    return events
