"""The `import_plan` command's work, without Django: read a plan, print JSON or a Vietnamese summary.

`manage.py import_plan` is a thin wrapper that adds the unit registry (names that must not be split,
and the match summary); `python -m tdkt.plans.importer.cli PATH --json` runs without a database.
Exit codes: 0 read (warnings included), 2 unreadable input (message on stderr).

Without --dry-run the caller's `save` function stores the plan (`manage.py import_plan` passes one that
writes the plan, its tasks and units in one transaction); run without Django (`python -m …`) there is
nothing to save into, and the run says so on stderr instead of pretending to save.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from typing import TextIO

from .errors import PlanImportError
from .parser import import_plan_file
from .resolve import resolve_units
from .result import PERIOD_LABELS, PlanImport

EXIT_OK = 0
EXIT_UNREADABLE = 2
DRY_RUN_ONLY_NOTICE = ("Lưu ý: chạy ngoài Django thì không có cơ sở dữ liệu để lưu kế hoạch — lệnh chỉ xem trước "
                       "(như --dry-run) và không ghi gì; hãy dùng «manage.py import_plan» để lưu.")
HELP = ("Read a TĐKT plan (.docx, .pdf with a text layer, .txt, .md, .html), print its header, tasks and "
        "warnings, and save it as a plan with its tasks (all or nothing) unless --dry-run is given.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="import_plan", description=HELP)
    add_arguments(parser)
    return parser


def add_arguments(parser) -> None:
    parser.add_argument("path", help="The plan document: .docx, .pdf (with a text layer), .txt, .md or .html.")
    parser.add_argument("--dry-run", action="store_true", help="Read and report without saving anything.")
    parser.add_argument("--json", action="store_true",
                        help="Print the result as JSON (the contract in docs/plan-import.md) instead of a summary.")


def run(path: str, *, as_json: bool, dry_run: bool, stdout: TextIO, stderr: TextIO,
        registry: Iterable[tuple[int, str, str]] = (),
        save: Callable[[PlanImport, str], str] | None = None) -> int:
    """Import `path` and print the result; returns the exit code. `registry`: (id, name, short_name).

    `save(result, path)` stores the plan and returns a line saying so, or raises PlanImportError (nothing
    saved); it is called unless `dry_run`."""
    registry = list(registry)
    names = [name for _, name, short in registry for name in (name, short) if name]
    try:
        result = import_plan_file(path, names)
    except PlanImportError as error:
        stderr.write(f"Không nhập được «{path}»: {error.message}\n")
        return EXIT_UNREADABLE
    saved = None
    if not dry_run:
        if save is None:
            stderr.write(DRY_RUN_ONLY_NOTICE + "\n")
        else:
            try:
                saved = save(result, path)
            except PlanImportError as error:
                stderr.write(f"Không lưu được «{path}»: {error.message}\n")
                return EXIT_UNREADABLE
    if as_json:
        stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(summary(result, registry, saved=saved) + "\n")
    if saved and as_json:
        stderr.write(saved + "\n")
    return EXIT_OK


def summary(result: PlanImport, registry: list[tuple[int, str, str]] = (), saved: str | None = None) -> str:
    """A short Vietnamese report: header fields, tasks per period, unit matches, warnings."""
    document = result.document
    lines = [
        f"Kế hoạch: {document.title or '(không rõ trích yếu)'}",
        f"Cơ quan ban hành: {document.issuer or '(không rõ)'}",
        f"Số, ký hiệu: {document.number or '(để trống)'}",
        f"Địa danh, ngày: {document.place or '(không rõ)'}, "
        f"{document.date.strftime('%d/%m/%Y') if document.date else '(chưa ghi đủ ngày)'}",
        f"Năm kế hoạch: {document.year}" + (f" ({document.period})" if document.period else ""),
        f"Số nhiệm vụ: {len(result.tasks)}",
    ]
    lines += [f"  {PERIOD_LABELS[period]}: {count}" for period, count in result.counts_by_period().items()]
    if registry:
        lines += _unit_summary(result, list(registry))
    lines.append(f"Cảnh báo: {len(result.warnings)}")
    for warning in result.warnings:
        where = f"dòng {warning.line}" if warning.line is not None else "toàn văn bản"
        lines.append(f"  - {where}: {warning.message}")
    lines.append(saved or "Chế độ xem trước: chưa lưu gì vào cơ sở dữ liệu.")
    return "\n".join(lines)


def _unit_summary(result: PlanImport, registry: list[tuple[int, str, str]]) -> list[str]:
    names = sorted({name for task in result.tasks for name in (*task.lead, *task.coordinating)})
    resolutions = resolve_units(names, registry)
    counts = {status: sum(1 for r in resolutions if r.status == status)
              for status in ("resolved", "ambiguous", "group", "unresolved")}
    lines = [f"Tên đơn vị: {len(names)} (khớp danh mục {counts['resolved']}, nhiều lựa chọn {counts['ambiguous']}, "
             f"nhóm {counts['group']}, chưa khớp {counts['unresolved']})"]
    lines += [f"  - {r.message}" for r in resolutions if r.status in ("ambiguous", "unresolved")]
    return lines


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    return run(arguments.path, as_json=arguments.json, dry_run=arguments.dry_run, stdout=sys.stdout,
               stderr=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
