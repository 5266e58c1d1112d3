"""A central decision's list read from the decision itself (.pdf with text, .docx, .txt/.md/.html) by the award
document reader (tdkt.lib.awarddoc), as the register's ListRows: each recipient a row numbered by the line it
is written on, with the award it names (or the decision's one award form), its position and unit. The
decision's number and date come along, to fill in the register entry and to check the file is the decision
recorded. Scans are not read here: OCR takes minutes a file and runs in the archive digitisation wizard."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt.lib.awarddoc import AwardDocument, NotAnAwardDocumentError, read_award_bytes
from tdkt.lib.docparse import DocumentError, NoTextLayerError
from tdkt.lib.vntext import fold


@dataclass(frozen=True)
class ListRow:
    row: int
    name: str
    award: str = ""
    position: str = ""


@dataclass
class ReadList:
    rows: list[ListRow]
    number: str | None = None  # as the decision writes it, when read from a document
    signed_on: datetime.date | None = None
    notes: list[str] = field(default_factory=list)  # the reader's warnings, each naming its line


def number_key(number: str | None) -> str:
    """Numbers compared without spaces, case or diacritics: "812/QĐ-TTg" = "812 / qđ-ttg"."""
    return re.sub(r"\s+", "", fold(number or ""))


def _position(position: str, unit: str) -> str:
    parts = [part.strip() for part in (position, unit) if part and part.strip()]
    return parts[0] if len(parts) == 2 and parts[1] in parts[0] else ", ".join(parts)


def document_rows(document: AwardDocument) -> ReadList:
    # One award form for the whole decision is every recipient's when the reader gave none; with two or more,
    # a recipient without one is left without (the Matcher then asks for the award of the whole list).
    only_award = document.award_forms[0] if len(document.award_forms) == 1 else ""
    rows = [ListRow(recipient.line, recipient.name, recipient.award or only_award,
                    _position(recipient.position, recipient.unit)[:500]) for recipient in document.recipients]
    notes = [_("Line %(line)s: %(message)s") % {"line": finding.line, "message": finding.message}
             if finding.line is not None else finding.message for finding in document.warnings]
    return ReadList(rows, number=document.number, signed_on=document.date, notes=notes)


def read_decision(data: bytes, *, name: str) -> ReadList:
    """The decision's list, number and date; ValidationError with the Vietnamese message when the file is a
    scan, cannot be read or names nobody."""
    try:
        document = read_award_bytes(data, name, ocr=False)
    except NoTextLayerError as error:
        raise ValidationError(_(
            "%(name)s is a scan (an image with no text layer): scans are read in the archive digitisation wizard. "
            "Here, upload the decision's list as Excel, Word, a PDF exported from Word or a text file.") % {
            "name": name}) from error
    except NotAnAwardDocumentError as error:
        raise ValidationError(_("%(name)s is not a decision: %(why)s") % {"name": name, "why": error.message}) \
            from error
    except DocumentError as error:
        raise ValidationError(_("%(name)s cannot be read: %(why)s") % {"name": name, "why": error.message}) \
            from error
    read = document_rows(document)
    if not read.rows:
        raise ValidationError(_(
            "%(name)s names nobody: neither a table with a “Họ và tên” column nor a list of names was found in "
            "it.") % {"name": name})
    return read
