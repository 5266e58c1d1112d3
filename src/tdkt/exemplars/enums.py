"""States and kinds of exemplars (điển hình tiên tiến, người tốt việc tốt)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExemplarKind(models.TextChoices):
    """Whom the story is about: one person, or a collective (a unit, a team)."""

    PERSON = "person", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class ExemplarState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting the leader's confirmation")
    PROPOSED = "proposed", _("Proposed by the unit")
    RETURNED = "returned", _("Returned")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# The unit's clerk may change the text and the photo only before the leader confirms (or after a return).
EDITABLE_STATES = frozenset({ExemplarState.DRAFT, ExemplarState.RETURNED})
# What the public portal shows: an archived exemplar stays readable in its year's archive.
PUBLIC_STATES = frozenset({ExemplarState.PUBLISHED, ExemplarState.ARCHIVED})
# Confirmed by the unit's leader (and not sent back since): what counts as the unit's contribution.
CONFIRMED_STATES = frozenset({ExemplarState.PROPOSED, ExemplarState.PUBLISHED, ExemplarState.ARCHIVED})
