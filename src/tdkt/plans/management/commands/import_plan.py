"""`manage.py import_plan PATH [--dry-run] [--json]`: a thin wrapper over tdkt.plans.importer.cli.

The wrapper adds what needs Django: the active units of the registry (names never split when unit
cells are read, and matched in the summary), and, without --dry-run, saving the plan with its tasks
and units in one transaction (tdkt.plans.importing.save_imported_plan); see docs/plan-import.md.
"""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import DatabaseError

from tdkt.orgs.models import Unit
from tdkt.plans.enums import Resolution
from tdkt.plans.importer import PlanImportError, cli
from tdkt.plans.importing import save_imported_plan
from tdkt.plans.models import PlanTaskUnit

ACTOR = "import_plan"


def registry_units() -> list[tuple[int, str, str]]:
    return list(Unit.objects.active().values_list("id", "name", "short_name"))


def save(result, path: str) -> str:
    """Store the plan read from `path`; a refusal becomes a PlanImportError (exit 2, nothing saved)."""
    source = Path(path)
    try:
        plan = save_imported_plan(result, source_bytes=source.read_bytes(), filename=source.name, by=ACTOR)
    except ValidationError as error:
        raise PlanImportError(" ".join(error.messages)) from error
    flagged = PlanTaskUnit.objects.filter(task__plan=plan).exclude(resolution=Resolution.RESOLVED).count()
    return (f"Đã lưu kế hoạch số {plan.pk} với {plan.tasks.count()} nhiệm vụ; "
            f"{flagged} tên đơn vị chưa khớp danh mục, chờ người dùng chọn.")


class Command(BaseCommand):
    help = cli.HELP

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, path, dry_run=False, json=False, **options):
        try:
            registry = registry_units()
        except DatabaseError:
            if not dry_run:
                self.stderr.write("Không đọc được danh mục đơn vị (cơ sở dữ liệu chưa sẵn sàng): không lưu được "
                                  "kế hoạch. Hãy chạy «manage.py migrate» trước.")
                sys.exit(cli.EXIT_UNREADABLE)
            # A database that is not migrated yet must not stop a preview: units are then read
            # with the built-in name patterns only.
            registry = []
            self.stderr.write("Không đọc được danh mục đơn vị (cơ sở dữ liệu chưa sẵn sàng): tách tên đơn vị theo "
                              "mẫu có sẵn.")
        code = cli.run(path, as_json=json, dry_run=dry_run, stdout=self.stdout, stderr=self.stderr,
                       registry=registry, save=save)
        if code:
            sys.exit(code)
