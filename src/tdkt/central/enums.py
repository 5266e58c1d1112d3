"""States and choices of the central level (khen cao): what the province sends up, how, and where it stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalState(models.TextChoices):
    """Where a State-level proposal stands (declared once in tdkt.central.transitions)."""

    DRAFT = "draft", _("Draft")
    COUNCIL_VOTED = "council_voted", _("Voted by the provincial council")
    SENT = "sent", _("Sent to the central level")
    RETURNED = "returned", _("Returned with requests")
    RESENT = "resent", _("Sent again")
    DECIDED = "decided", _("Decided")


# A proposal the central level has in hand: a decision coming back may answer its lines.
AT_CENTRAL_STATES = frozenset({ProposalState.SENT, ProposalState.RETURNED, ProposalState.RESENT})


class SendingMethod(models.TextChoices):
    """How the package went up (law.md §4.7: paper originals plus the electronic files)."""

    DMS = "dms", _("Document-management system of the Ministry of Home Affairs")
    POST = "post", _("By post")
    HAND = "hand", _("By hand")
