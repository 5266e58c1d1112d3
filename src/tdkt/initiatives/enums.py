"""States and kinds of the initiatives register (sáng kiến, đề tài, công trình)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkKind(models.TextChoices):
    """What is registered: an initiative, a research topic or a research work (Luật Đ21–23)."""

    INITIATIVE = "initiative", _("Initiative")
    RESEARCH_TOPIC = "research_topic", _("Research topic")
    RESEARCH_WORK = "research_work", _("Research work")


class WorkState(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    EVALUATED = "evaluated", _("Evaluated by the council")
    RECOGNISED = "recognised", _("Recognised")
    NOT_RECOGNISED = "not_recognised", _("Not recognised")


FINAL_STATES = frozenset({WorkState.RECOGNISED, WorkState.NOT_RECOGNISED})


class Vote(models.TextChoices):
    FOR = "for", _("For recognition")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")
