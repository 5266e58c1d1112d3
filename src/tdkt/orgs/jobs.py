"""The orgs app's part in the background jobs (tdkt.jobs autodiscovers this module): the Excel of the unit
tree, which a big tree writes in the worker."""

from tdkt.orgs import listsheets  # noqa: F401  (declares the list export)
