"""State sets and kinds of the plans app, each declared once with its named groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.TextChoices):
    """The period a task belongs to: the importer's codes (docs/plan-import.md)."""

    Q1 = "Q1", _("Quarter I")
    Q2 = "Q2", _("Quarter II")
    Q3 = "Q3", _("Quarter III")
    Q4 = "Q4", _("Quarter IV")
    H1 = "H1", _("First half of the year")
    H2 = "H2", _("Second half of the year")
    YEAR = "YEAR", _("Whole year")
    MONTHLY = "MONTHLY", _("Every month")
    QUARTERLY = "QUARTERLY", _("Every quarter")
    AS_REQUIRED = "AS_REQUIRED", _("As the rules require")
    M01 = "M01", _("January")
    M02 = "M02", _("February")
    M03 = "M03", _("March")
    M04 = "M04", _("April")
    M05 = "M05", _("May")
    M06 = "M06", _("June")
    M07 = "M07", _("July")
    M08 = "M08", _("August")
    M09 = "M09", _("September")
    M10 = "M10", _("October")
    M11 = "M11", _("November")
    M12 = "M12", _("December")


QUARTER_PERIODS = ("Q1", "Q2", "Q3", "Q4")
YEAR_ROUND_COLUMN = "ALL"
# Board columns: the four quarters, then everything that is not tied to one quarter.
BOARD_COLUMNS = (*QUARTER_PERIODS, YEAR_ROUND_COLUMN)


def board_column(period: str) -> str:
    """The board column of a period: a quarter, a month's quarter, H1 → Q2 and H2 → Q4 (where they
    end), and the whole-year, recurring and as-required tasks in the year-round column."""
    if period in QUARTER_PERIODS:
        return period
    if period.startswith("M") and period[1:].isdigit():
        return f"Q{(int(period[1:]) - 1) // 3 + 1}"
    return {"H1": "Q2", "H2": "Q4"}.get(period, YEAR_ROUND_COLUMN)


def periods_of_column(column: str) -> tuple[str, ...]:
    return tuple(value for value in Period.values if board_column(value) == column)


class Recurrence(models.TextChoices):
    NONE = "", _("Not recurring")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class TaskState(models.TextChoices):
    """Where a plan task stands (tình trạng thực hiện)."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    OVERDUE = "overdue", _("Overdue")
    CANCELLED = "cancelled", _("Cancelled")


# Named groups reused by services, queries, templates and the reminder command.
OPEN_STATES = frozenset({TaskState.NOT_STARTED, TaskState.IN_PROGRESS, TaskState.OVERDUE})
FINAL_STATES = frozenset({TaskState.DONE, TaskState.CANCELLED})
# States the daily sweep moves to OVERDUE once the last due date has passed.
SWEEPABLE_STATES = frozenset({TaskState.NOT_STARTED, TaskState.IN_PROGRESS})
# The transitions are declared once, in tdkt.plans.transitions (TASK_MACHINE).


class TaskKind(models.TextChoices):
    """What a task is; the special kinds carry their own data (tdkt.plans.kinds)."""

    ORDINARY = "ordinary", _("Ordinary task")
    COUNCIL_MEETING = "council_meeting", _("Council meeting")
    INSPECTION = "inspection", _("Inspection of emulation work")
    TRAINING = "training", _("Training class")
    REPORT = "report", _("Report")
    COMMENDATION_ROUND = "commendation_round", _("Commendation round")


class UnitRole(models.TextChoices):
    LEAD = "lead", _("Lead unit")
    COORDINATING = "coordinating", _("Coordinating unit")


class Resolution(models.TextChoices):
    """How a unit name written in the plan was matched to the unit registry."""

    RESOLVED = "resolved", _("Matched")
    AMBIGUOUS = "ambiguous", _("Several possible units")
    GROUP = "group", _("A group of units")
    UNRESOLVED = "unresolved", _("Not found in the registry")


FLAGGED_RESOLUTIONS = frozenset({Resolution.AMBIGUOUS, Resolution.GROUP, Resolution.UNRESOLVED})


class DraftState(models.TextChoices):
    OPEN = "open", _("Being checked")
    SAVED = "saved", _("Saved as a plan")
    DISCARDED = "discarded", _("Discarded")


class DeadlineKind(models.TextChoices):
    FIXED_DATE = "fixed_date", _("By a fixed date")
    WORKING_DAYS = "working_days", _("Within working days after the plan is issued")


class SubmissionState(models.TextChoices):
    """Computed state of a unit's own plan (not stored): from the deadline and the upload."""

    PENDING = "pending", _("Not sent yet")
    LATE = "late", _("Late: not sent")
    SENT = "sent", _("Sent on time")
    SENT_LATE = "sent_late", _("Sent late")


class ReminderKind(models.TextChoices):
    TASK_DUE_SOON = "task_due_soon", _("Task due soon")
    TASK_OVERDUE = "task_overdue", _("Task overdue")
    UNIT_PLAN_DUE_SOON = "unit_plan_due_soon", _("Unit plan due soon")
    UNIT_PLAN_MISSING = "unit_plan_missing", _("Unit plan missing")
