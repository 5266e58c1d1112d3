"""The movements app's part in the background jobs (tdkt.jobs autodiscovers this module): the Excel of the
movements list, which a big list writes in the worker."""

from tdkt.movements import listsheets  # noqa: F401  (declares the list export)
