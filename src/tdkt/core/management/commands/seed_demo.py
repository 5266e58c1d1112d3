"""`manage.py seed_demo --province "Lào Cai" [--scale N] [--seed S] [--year Y] [--reset]`.

Builds a realistic, deterministic demo province: the People's Committee, the real communes and
wards (vietnam-provinces), ~50 provincial departments, organisations, central agencies and
enterprises, schools, clusters and blocks with this year's heads, the provincial council,
2,000 × scale persons with plausible (also ethnic-minority) names, households and one demo
account per role. Safe to run twice: a loaded province is left alone.

`--reset` recreates the database (signed decisions and the audit log cannot be deleted row by row, by
design): on SQLite the database file is removed and migrated again; on PostgreSQL the command refuses and
says how the owner role drops and recreates the database (docs/operations.md).
"""

from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from tdkt.central import demo as central_demo
from tdkt.council import demo as council_demo
from tdkt.decisions import demo as decisions_demo
from tdkt.decisions import demo_authorities, demo_rounds
from tdkt.dossiers import calls_demo
from tdkt.dossiers import demo as dossiers_demo
from tdkt.dossiers.consultations import demo as consultations_demo
from tdkt.initiatives import demo as initiatives_demo
from tdkt.inspections import demo as inspections_demo
from tdkt.movements import demo as movements_demo
from tdkt.movements import demo_names as registrations_demo
from tdkt.movements.scoring import demo as scoring_demo
from tdkt.movements.scoring import demo_province as province_cluster_demo
from tdkt.orgs.demo.accounts import accounts_table
from tdkt.orgs.demo.builder import PERSONS_PER_SCALE, DemoBuilder, is_loaded
from tdkt.orgs.demo.province import all_provinces, find_province
from tdkt.plans import demo as plans_demo
from tdkt.training import demo as training_demo

# The apps that add demo data after the province and its people exist, in this order (wiped in reverse).
# The initiatives demo claims a line of a draft demo dossier, so it follows dossiers; the registrations by name
# follow it (a registered CSTĐ with and without a recognised initiative); inspections and training link to the
# plan's tasks.
DEMO_HOOKS = (plans_demo, calls_demo, movements_demo, scoring_demo, dossiers_demo, initiatives_demo,
              consultations_demo, council_demo, demo_authorities, decisions_demo, demo_rounds, central_demo,
              inspections_demo, training_demo, registrations_demo, province_cluster_demo)


def demo_hooks() -> tuple:
    """The hooks above, then those of the apps beside core on the top layer (reports), which core may not
    import: they are named in settings.DEMO_DATA_HOOKS, as INSTALLED_APPS names apps."""
    return DEMO_HOOKS + tuple(import_module(name) for name in settings.DEMO_DATA_HOOKS)


def _n(number: int) -> str:
    """Vietnamese thousands separator: 1.000.000."""
    return f"{number:,}".replace(",", ".")


class Command(BaseCommand):
    help = "Load a realistic, deterministic demo province (units, groups, council, people, demo accounts)."

    def add_arguments(self, parser):
        parser.add_argument("--province", default="Lào Cai", help='Province name, e.g. "Lào Cai" or "lao cai".')
        parser.add_argument("--scale", type=float, default=1,
                            help=f"Size: {PERSONS_PER_SCALE:,} persons per unit of scale (500 gives 1,000,000).")
        parser.add_argument("--seed", default="1", help="Random seed: the same seed gives the same data.")
        parser.add_argument("--year", type=int, default=None, help="Emulation year (default: this year).")
        parser.add_argument("--reset", action="store_true",
                            help="Recreate the whole database (SQLite only; everything in it, the audit log "
                                 "included, is lost), then build the demo province.")
        parser.add_argument("--persons", type=int, default=None, help="Exact number of persons (overrides --scale).")

    def handle(self, *args, **options):
        # Whatever the demo enqueues (jobs, tasks) runs inline, before the command returns: `make run` starts
        # the worker only afterwards, and the demo must be complete when the server comes up.
        with override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}):
            return self._seed(**options)

    def _seed(self, **options):
        info, suggestions = find_province(options["province"])
        if info is None:
            names = suggestions or [p.short for p in all_provinces()]
            label = "Có phải bạn muốn" if suggestions else "Các tỉnh, thành phố hiện có"
            raise CommandError(
                f'Không tìm thấy tỉnh, thành phố "{options["province"]}". {label}: {", ".join(names)}?'
                if suggestions else
                f'Không tìm thấy tỉnh, thành phố "{options["province"]}". {label}: {", ".join(names)}.'
            )
        if options["scale"] <= 0:
            raise CommandError("Tham số --scale phải lớn hơn 0.")
        persons = options["persons"]
        if persons is None:
            persons = round(PERSONS_PER_SCALE * options["scale"])
        if persons < 0:
            raise CommandError("Tham số --persons không được âm.")
        year = options["year"] or timezone.localdate().year

        if options["reset"]:
            recreate_database()
            self.stdout.write("Đã tạo lại cơ sở dữ liệu (dữ liệu cũ, kể cả nhật ký hệ thống, đã được xóa).")
        if is_loaded(info):
            self.stdout.write(f"Demo province already loaded — dữ liệu mẫu {info.name} đã có sẵn.")
            self._accounts()
            return

        self.stdout.write(f"Đang tạo dữ liệu mẫu {info.name}: {_n(persons)} người, năm {year}, seed {options['seed']}…")
        builder = DemoBuilder(info, seed=options["seed"], year=year, persons=persons, log=self.stdout.write,
                              hooks=demo_hooks())
        summary = builder.build()
        self.stdout.write(self.style.SUCCESS(
            f"Xong sau {summary.seconds:.1f} s: {summary.units} đơn vị ({summary.communes} xã, phường), "
            f"{summary.groups} cụm, khối thi đua, {_n(summary.persons)} người, {_n(summary.households)} hộ gia đình."
        ))
        self._accounts()

    def _accounts(self):
        self.stdout.write("")
        self.stdout.write("Tài khoản dùng thử (demo accounts):")
        self.stdout.write(accounts_table())


def recreate_database() -> None:
    """The demo reset: a new, migrated SQLite database file. Signed decisions and the audit log refuse row
    deletes (decisions 0006, audit 0003), so nothing is deleted row by row and nothing is chosen by name."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite":
        raise CommandError(
            "Không thể làm lại dữ liệu mẫu trên PostgreSQL bằng --reset: quyết định đã ký và nhật ký hệ thống "
            "không xóa được. Hãy dùng vai trò sở hữu cơ sở dữ liệu để xóa và tạo lại cơ sở dữ liệu (dropdb, "
            "createdb), chạy DATABASE_ROLE=owner manage.py migrate rồi chạy lại seed_demo (docs/operations.md).")
    if connection.is_in_memory_db() or not Path(name).is_file():
        raise CommandError(f"Không thể làm lại dữ liệu mẫu: cơ sở dữ liệu SQLite “{name}” không phải là một tệp.")
    connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(name + suffix).unlink(missing_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
