"""Persona matrix rows of the jobs app (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world) returning the object (its pk is the URL kwarg) or a kwargs dict.
A job is its owner's alone: anyone else gets 404. The download of a finished job: tests/jobs/test_views.py."""


def _job_of_clerk_a(world):
    from tdkt.jobs.models import Job

    return Job.objects.create(kind="tests.matrix", title="Bản PDF", created_by=world.users["clerk_a"])


MATRIX = [
    ("jobs:list", None, [200, 200, 200, 200, 302]),
    ("jobs:detail", "job_of_clerk_a", [404, 200, 404, 404, 302]),
    ("jobs:download", "job_of_clerk_a", [404, 404, 404, 404, 302]),  # still queued: nothing to download
]
OBJECTS = {"job_of_clerk_a": _job_of_clerk_a}
