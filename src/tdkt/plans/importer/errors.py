"""Errors of the plan importer: each carries a Vietnamese message for the specialist.

The base class is `PlanImportError`. It deliberately does not subclass Python's built-in
`ImportError`, which means "a module could not be imported" and is caught by import machinery.
"""

from __future__ import annotations


class PlanImportError(Exception):
    """The file cannot be imported at all; nothing of it is kept."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnreadableDocumentError(PlanImportError):
    """The document reader refused the file (format, encoding, scan, size): see tdkt.lib.docparse."""


class YearNotFoundError(PlanImportError):
    """Neither the title, the date nor the annex says which year the plan is for."""


class MergedCellsError(PlanImportError):
    """A merged cell in the task table makes a row ambiguous (which task does it belong to?)."""
