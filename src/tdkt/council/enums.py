from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingState(models.TextChoices):
    """Where a council meeting (phiên họp Hội đồng) stands."""

    PLANNED = "planned", _("Planned")
    OPEN = "open", _("In session")
    CLOSED = "closed", _("Closed")
    MINUTES_LOCKED = "minutes_locked", _("Minutes locked")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    WRITTEN_OPINION = "written_opinion", _("Absent with a written opinion")


class BallotState(models.TextChoices):
    """draft → open (members vote) → counting (voting closed, ballots still sealed) → closed (counted: the
    totals and outcomes are final)."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Voting open")
    COUNTING = "counting", _("Voting closed, awaiting the count")
    CLOSED = "closed", _("Counted")


class BallotMode(models.TextChoices):
    ELECTRONIC = "electronic", _("Electronic secret ballot")
    PAPER = "paper", _("Paper ballot (tallies entered by the secretary)")


class Choice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    ABSTAIN = "abstain", _("Abstain")


class ParticipationKind(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    WRITTEN = "written", _("Written opinion")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    NOT_APPROVED = "not_approved", _("Not approved")


# A meeting whose narrative can still be edited.
MINUTES_EDITABLE_STATES = frozenset({MeetingState.PLANNED, MeetingState.OPEN, MeetingState.CLOSED})
