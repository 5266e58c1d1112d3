"""The public postings app's part in the background jobs (tdkt.jobs autodiscovers this module): the Excel
of the notices list, which a big list writes in the worker."""

from tdkt.dossiers.postings import listsheets  # noqa: F401  (declares the list export)
