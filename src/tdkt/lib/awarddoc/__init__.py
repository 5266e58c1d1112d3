"""Reading award documents — decisions, lists and notices of nominees, tờ trình, plans — into their header,
award forms and recipients (`read_award_document`) — or, for a decision recognising initiatives, its scope and
initiatives with their authors (initiatives.py). Framework-free: matching what is read to the registry
is the callers' work (tdkt.archive, the nominee-list import, the central register)."""

from .model import (  # noqa: F401
    COLLECTIVE,
    DECISION,
    HOUSEHOLD,
    INDIVIDUAL,
    INITIATIVE_DECISION,
    NOMINATION_LIST,
    OTHER,
    PLAN,
    AwardDocument,
    Finding,
    Recipient,
)
from .reader import NotAnAwardDocumentError, read_award, read_award_bytes, read_award_document  # noqa: F401
