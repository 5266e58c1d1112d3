from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    """What a consulted agency checks (cơ quan được lấy ý kiến hiệp y)."""

    POLICE = "police", _("Police")
    TAX = "tax", _("Tax")
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance")
    INSPECTORATE = "inspectorate", _("Inspectorate")
    ENVIRONMENT = "environment", _("Agriculture and environment")
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    OTHER = "other", _("Other")


class RequestState(models.TextChoices):
    """Where one consultation request (văn bản đề nghị hiệp y) stands."""

    SENT = "sent", _("Awaiting an answer")
    OVERDUE = "overdue", _("Overdue, no answer")
    ANSWERED = "answered", _("Answered")


# Requests still waiting for the agency (an overdue request may still be answered late).
OPEN_REQUEST_STATES = frozenset({RequestState.SENT, RequestState.OVERDUE})


class Answer(models.TextChoices):
    """The agency's opinion."""

    NO_OBJECTION = "no_objection", _("No objection")
    OBJECTION = "objection", _("Objection")


class InboundState(models.TextChoices):
    """Where a consultation request another body sent the province stands (hiệp y đến)."""

    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned to a specialist")
    ANSWERED = "answered", _("Answer drafted")
    SENT = "sent", _("Answer sent")


# Requests the province has still to answer (the queue, the due-date reminders).
OPEN_INBOUND_STATES = frozenset({InboundState.RECEIVED, InboundState.ASSIGNED, InboundState.ANSWERED})


class SubjectKind(models.TextChoices):
    """Whom the requesting body asks about."""

    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class SubjectAnswer(models.TextChoices):
    """The province's answer about one person or collective."""

    AGREE = "agree", _("Agree")
    OBJECTION = "objection", _("Objection")
