"""Plan importer: a provincial TĐKT plan document (.docx, .pdf, .txt, .md, .html) to tasks.

Framework-free (no Django): `import_plan_file(path)` → `PlanImport` (header, tasks, warnings; its
`as_json()` is the contract of `manage.py import_plan --json`, see docs/plan-import.md), and
`resolve_units(names, registry)` to match the unit names it found against the unit registry.
"""

from .errors import MergedCellsError, PlanImportError, UnreadableDocumentError, YearNotFoundError
from .parser import import_plan_bytes, import_plan_file, parse_plan
from .resolve import Resolution, resolve_units
from .result import PERIODS, Due, PlanHeader, PlanImport, Task, Warning

__all__ = [
    "PERIODS", "Due", "MergedCellsError", "PlanHeader", "PlanImport", "PlanImportError", "Resolution", "Task",
    "UnreadableDocumentError", "Warning", "YearNotFoundError", "import_plan_bytes", "import_plan_file", "parse_plan",
    "resolve_units",
]
