"""The consultations app's part in the background jobs (tdkt.jobs autodiscovers this module): the Excel of
its lists, which a big list writes in the worker."""

from tdkt.dossiers.consultations import listsheets  # noqa: F401  (declares the list exports)
