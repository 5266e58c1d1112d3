"""The awards app's kinds of background job, found by tdkt.jobs (JobsConfig.ready() autodiscovers `jobs`):
the award history import's validate and commit jobs (tdkt.awards.imports.jobs registers them)."""

from tdkt.awards.archive import jobs as archive_jobs  # noqa: E402, F401
from tdkt.awards.imports import jobs  # noqa: F401
