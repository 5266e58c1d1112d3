"""Choice sets of the decisions app, each declared once, with the named groups rules and queries reuse."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionState(models.TextChoices):
    """Where an award decision (quyết định khen thưởng) stands."""

    DRAFT = "draft", _("Draft")
    APPROVED_FOR_SIGNING = "approved_for_signing", _("Approved for signing")
    SIGNED = "signed", _("Signed")
    PUBLISHED = "published", _("Published")


# A signed decision is immutable: only signed → published may still change its state.
ISSUED_STATES = frozenset({DecisionState.SIGNED, DecisionState.PUBLISHED})
EDITABLE_STATES = frozenset({DecisionState.DRAFT})


class DecisionKind(models.TextChoices):
    """What the decision does: award, correct an earlier decision, or revoke (part of) one."""

    AWARD = "award", _("Award")
    CORRECTION = "correction", _("Correction")
    REVOCATION = "revocation", _("Revocation")


class SigningMode(models.TextChoices):
    """How the signer signs (Decree 30/2020 Điều 13): directly, or TM./KT./Q./TL./TUQ."""

    DIRECT = "", _("The head signs directly")
    TM = "TM", _("TM. (on behalf of the collective body)")
    KT = "KT", _("KT. (deputy signing for the head)")
    Q = "Q", _("Q. (acting head)")
    TL = "TL", _("TL. (by order of the head)")
    TUQ = "TUQ", _("TUQ. (by written delegation)")


class LineGroup(models.TextChoices):
    """Section of the annex: I. Tập thể, II. Cá nhân, III. Hộ gia đình (same codes as RecipientKind)."""

    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")
    HOUSEHOLD = "household", _("Household")


class LineKind(models.TextChoices):
    """What a line pays for: an award of the catalogue (its bonus from the coefficient, NĐ152 Đ49), or a cash
    prize for high achievement in a contest (thưởng thành tích cao tại các cuộc thi), whose amount the officer
    types from the authority's own rules: law.md fixes no amount for it."""

    AWARD = "award", _("Award")
    CONTEST_PRIZE = "contest_prize", _("Prize for high achievement in a contest")


class FundEntryKind(models.TextChoices):
    """A line of the reward fund ledger (quỹ thi đua, khen thưởng)."""

    RECEIPT = "receipt", _("Receipt")
    SPENDING = "spending", _("Spending")
