"""Jobs as their owner sees them: only one's own jobs; any other job answers 404."""

from django.http import Http404

from tdkt.jobs.models import Job


def jobs_for_user(user):
    return Job.objects.filter(created_by=user).order_by("-created_at", "-id")


def get_job_for_user(user, pk) -> Job:
    job = Job.objects.filter(pk=pk, created_by=user).first() if user.is_authenticated else None
    if job is None:
        raise Http404
    return job
