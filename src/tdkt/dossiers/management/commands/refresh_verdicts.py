"""`manage.py refresh_verdicts`: recompute the stored verdict of every open line (a daily sweep of the worker,
tdkt.jobs.schedule). A change of facts already queues the recomputation of the lines it concerns; this catches
what no change announces (time passing) and a refresh lost with a crashed worker. Idempotent."""

from django.core.management.base import BaseCommand

from tdkt.dossiers.verdicts import recompute_all


class Command(BaseCommand):
    help = "Recompute the stored eligibility verdicts of every open dossier line (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(f"{recompute_all()} line(s) refreshed.")
