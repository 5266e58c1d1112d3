"""My background jobs: the list, a job's page (refreshes itself while the job is queued or running) and
its result file, served only to its owner while they may still see what it was made from."""

from django.http import Http404
from django.shortcuts import render

from tdkt.accounts.access import signed_in
from tdkt.jobs import queries, registry, services
from tdkt.jobs.enums import JobState
from tdkt.lib.downloads import send_stored
from tdkt.lib.paging import cheap_page

PER_PAGE = 50
REFRESH_SECONDS = 2


@signed_in
def job_list(request):
    page = cheap_page(queries.jobs_for_user(request.user), request.GET.get("page"), PER_PAGE)
    return render(request, "jobs/list.html", {"page": page})


@signed_in
def job_detail(request, pk):
    job = queries.get_job_for_user(request.user, pk)
    return render(request, "jobs/detail.html", {"job": job, "refresh": REFRESH_SECONDS if job.is_active else 0})


@signed_in
def job_download(request, pk):
    job = queries.get_job_for_user(request.user, pk)
    spec = registry.find(job.kind)
    # Asked again now: a user who lost access to what the job was made from gets nothing.
    if job.state != JobState.SUCCEEDED or not job.result_file or spec is None \
            or not spec.can_access(request.user, job.params):
        raise Http404
    return send_stored(job.result_file, services.result_filename(job))
