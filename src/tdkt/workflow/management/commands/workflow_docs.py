"""Rewrite the transition tables in docs/ from the declared state machines (`--check`: only report)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tdkt.workflow import docs


class Command(BaseCommand):
    help = "Rewrite the generated transition tables of the docs (or check them with --check)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail when a table is stale")

    def handle(self, *args, check=False, **options):
        docs_dir = Path(settings.BASE_DIR) / "docs"
        if check:
            problems = docs.stale(docs_dir)
            if problems:
                raise CommandError("\n".join(problems))
            self.stdout.write("transition tables are up to date")
            return
        for name in docs.write(docs_dir):
            self.stdout.write(f"rewrote {name}")
