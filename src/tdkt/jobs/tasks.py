"""The worker's tasks (django.tasks): one runs any job by id, one runs a daily sweep command. Thin: they
take ids or names and call the services."""

from django.core.management import call_command
from django.tasks import task


@task
def run_job_task(job_id: int) -> None:
    from tdkt.jobs.services import run_job

    run_job(job_id, heartbeat=True)


@task
def run_sweep_task(command: str) -> None:
    from tdkt.jobs.schedule import SWEEPS

    if command not in SWEEPS:  # only the scheduled commands, whatever the queue holds
        raise ValueError(f"{command!r} is not a scheduled sweep")
    call_command(command)
