"""The reports app's kinds of background job, found by tdkt.jobs (JobsConfig.ready() autodiscovers `jobs`)."""

from tdkt.reports.search import jobs as search_jobs  # noqa: F401
