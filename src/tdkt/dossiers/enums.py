from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierState(models.TextChoices):
    """Where a nomination dossier (hồ sơ đề nghị khen thưởng) stands in the workflow."""

    DRAFT = "draft", _("Draft")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the leader's approval")
    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    RETURNED = "returned", _("Returned for completion")
    IN_APPRAISAL = "in_appraisal", _("In appraisal")
    CONSULTATION = "consultation", _("In consultation")
    PUBLIC_POSTING = "public_posting", _("Publicly posted")
    READY_FOR_COUNCIL = "ready_for_council", _("Ready for the council")
    CONSIDERED = "considered", _("Considered by the council")
    DECIDED = "decided", _("Decided")
    ON_HOLD = "on_hold", _("On hold")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Named groups of states (the machines in tdkt.dossiers.transitions use them as sources).
UNIT_EDITABLE_STATES = frozenset({DossierState.DRAFT, DossierState.RETURNED})  # the unit may change lines, files
PROVINCE_STATES = frozenset({  # the standing body holds the dossier
    DossierState.SUBMITTED, DossierState.RECEIVED, DossierState.IN_APPRAISAL, DossierState.CONSULTATION,
    DossierState.PUBLIC_POSTING, DossierState.READY_FOR_COUNCIL, DossierState.ON_HOLD,
})
CLOSED_STATES = frozenset({DossierState.CONSIDERED, DossierState.DECIDED, DossierState.WITHDRAWN})
# The unit holds the dossier: being prepared, or waiting for its leader's approval (then nothing in it changes:
# what the leader reads is what he sends).
UNIT_STATES = UNIT_EDITABLE_STATES | {DossierState.AWAITING_APPROVAL}
BEFORE_COUNCIL = UNIT_STATES | PROVINCE_STATES  # the unit may still withdraw
APPRAISAL_STATES = frozenset({  # lines are decided here
    DossierState.IN_APPRAISAL, DossierState.CONSULTATION, DossierState.PUBLIC_POSTING})
HOLDABLE_STATES = frozenset({DossierState.RECEIVED, DossierState.READY_FOR_COUNCIL}) | APPRAISAL_STATES
ASSIGNABLE_STATES = PROVINCE_STATES
POSTABLE_STATES = APPRAISAL_STATES  # posted from appraisal or consultation; a second notice while one runs
DECIDABLE_STATES = frozenset(DossierState) - {DossierState.DECIDED, DossierState.WITHDRAWN}


class NominationState(models.TextChoices):
    """Where one line (one nominee) of a dossier stands; lines move individually."""

    PROPOSED = "proposed", _("Proposed")
    NEEDS_FIX = "needs_fix", _("To be completed")
    ACCEPTED = "accepted", _("Accepted at appraisal")
    REJECTED = "rejected", _("Rejected")
    ON_HOLD = "on_hold", _("On hold")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    APPROVED = "approved", _("Approved by the council")
    NOT_APPROVED = "not_approved", _("Not approved by the council")
    AWARDED = "awarded", _("Awarded")


# Lines still in the running (counted in quotas, listed for the council).
LIVE_NOMINATION_STATES = frozenset({NominationState.PROPOSED, NominationState.NEEDS_FIX, NominationState.ACCEPTED,
                                    NominationState.ON_HOLD, NominationState.APPROVED, NominationState.AWARDED})
# Lines a consulted agency's objection or a public comment may put on hold.
OBJECTABLE_LINE_STATES = frozenset({NominationState.PROPOSED, NominationState.ACCEPTED})
# Lines the standing body may return to the unit with a fix request.
RETURNABLE_LINE_STATES = frozenset({NominationState.PROPOSED, NominationState.ACCEPTED, NominationState.NEEDS_FIX})


class DossierKind(models.TextChoices):
    """Why the dossier is sent (loại hồ sơ)."""

    YEAR_END = "year_end", _("Year-end merit")
    MOVEMENT_REVIEW = "movement_review", _("Movement review")
    THEMATIC = "thematic", _("Thematic")
    ADHOC = "adhoc", _("Ad-hoc achievement")
    DEDICATION = "dedication", _("Process of dedication")
    SCHOOL_YEAR = "school_year", _("School year")
    FOREIGN = "foreign", _("Foreign relations")
    OTHER = "other", _("Other")


class DocumentType(models.TextChoices):
    """Kinds of documents in a dossier (thành phần hồ sơ, Luật TĐKT 2022 Đ84)."""

    COVER_LETTER = "cover_letter", _("Cover letter (tờ trình)")
    NOMINEE_LIST = "nominee_list", _("List of nominees")
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    COUNCIL_MINUTES = "council_minutes", _("Minutes of the unit's council with the vote result")
    CONFIRMATION = "confirmation", _("Confirmation by the competent body")
    INITIATIVE_CERTIFICATE = "initiative_certificate", _("Certificate of initiatives or science works")
    JUSTIFICATION = "justification", _("Written justification")
    OTHER = "other", _("Other document")


class EventKind(models.TextChoices):
    """What a timeline row records."""

    STATE = "state", _("State change")
    LINE = "line", _("Line decision")
    DOCUMENT = "document", _("Document")
    NOTE = "note", _("Note")
