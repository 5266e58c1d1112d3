"""The statistical forms as data: one folder per circular (circular.json and one <number>.json per form),
found under the directories of the setting REPORT_FORM_DIRS (default: the package's reports/forms/). A new
circular is a new folder; no code changes (docs/statistical-forms.md describes the format).

Loaded at each use (a handful of small files): an edited definition takes effect at once, and a definition
that does not hold together (unknown source or filter key, a check naming a missing row) raises
DefinitionError with the file's name."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from tdkt.reports.statistics import filters
from tdkt.reports.statistics.sources import SOURCES

PACKAGE_FORMS = Path(__file__).resolve().parent.parent / "forms"
DEFAULT_CIRCULAR = "02/2023"


class DefinitionError(ValueError):
    pass


@dataclass(frozen=True)
class Column:
    number: str
    label: str
    filter: dict
    group: str = ""


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    indent: int
    filter: dict | None  # None: a heading row (no figures)
    added: bool = False  # not in the reproduced form (an "unclassified" row that keeps totals whole)
    note: str = ""


@dataclass(frozen=True)
class Check:
    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class FormDefinition:
    circular: Circular
    number: str
    code: str
    title: str
    unit_of_count: str
    source: str
    base: dict
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    row_checks: tuple[Check, ...]
    column_checks: tuple[Check, ...]

    def row(self, code: str) -> Row | None:
        return next((row for row in self.rows if row.code == code), None)

    def column(self, number: str) -> Column | None:
        return next((column for column in self.columns if column.number == number), None)

    @property
    def total_column(self) -> Column:
        return self.columns[0]

    @property
    def total_row(self) -> Row:
        return self.rows[0]


@dataclass(frozen=True)
class Circular:
    id: str
    slug: str  # the folder's name, used in URLs ("02-2023")
    title: str
    status: str
    confirmed: bool
    receiving_unit: str
    receipt_day: str  # "15/12": the receipt date's day and month, in the year after the statistical year ends
    path: Path = field(compare=False)

    def form_numbers(self) -> list[str]:
        return sorted(path.stem for path in self.path.glob("*.json") if path.stem != "circular")

    def form(self, number: str) -> FormDefinition | None:
        path = self.path / f"{number}.json"
        if number not in self.form_numbers() or not path.is_file():
            return None
        return _form(self, path)

    def forms(self) -> list[FormDefinition]:
        return [_form(self, self.path / f"{number}.json") for number in self.form_numbers()]


def form_dirs() -> list[Path]:
    return [Path(path) for path in getattr(settings, "REPORT_FORM_DIRS", None) or [PACKAGE_FORMS]]


def circulars() -> list[Circular]:
    """Every circular found, by id (the first directory that has an id wins)."""
    found: dict[str, Circular] = {}
    for directory in form_dirs():
        for path in sorted(directory.glob("*/circular.json")):
            circular = _circular(path.parent)
            found.setdefault(circular.id, circular)
    return sorted(found.values(), key=lambda circular: circular.id)


def circular(id_or_slug: str) -> Circular | None:
    return next((c for c in circulars() if id_or_slug in (c.id, c.slug)), None)


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DefinitionError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise DefinitionError(f"{path}: not a JSON object")
    return data


def _circular(folder: Path) -> Circular:
    data = _read(folder / "circular.json")
    try:
        return Circular(id=data["id"], slug=folder.name, title=data["title"], status=data["status"],
                        confirmed=bool(data.get("confirmed", False)), receiving_unit=data["receiving_unit"],
                        receipt_day=data.get("receipt_day", "15/12"), path=folder)
    except KeyError as exc:
        raise DefinitionError(f"{folder / 'circular.json'}: missing {exc}") from exc


def _form(circular: Circular, path: Path) -> FormDefinition:
    data = _read(path)
    where = str(path)
    try:
        source = data["source"]
        if source not in SOURCES:
            raise DefinitionError(f"{where}: unknown source {source!r}")
        keys = SOURCES[source].filter_keys
        columns = tuple(Column(str(c["number"]), c["label"], c.get("filter") or {}, c.get("group", ""))
                        for c in data["columns"])
        rows = tuple(Row(str(r["code"]), r["label"], int(r.get("indent", 0)),
                         None if r.get("heading") else (r.get("filter") or {}), bool(r.get("added")), r.get("note", ""))
                     for r in data["rows"])
        definition = FormDefinition(
            circular=circular, number=str(data["number"]), code=data.get("code", str(data["number"])),
            title=data["title"], unit_of_count=data.get("unit_of_count", ""), source=source,
            base=data.get("base") or {}, columns=columns, rows=rows,
            row_checks=tuple(Check(c["total"], tuple(c["parts"])) for c in data.get("row_checks", [])),
            column_checks=tuple(Check(c["total"], tuple(c["parts"])) for c in data.get("column_checks", [])))
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, DefinitionError):
            raise
        raise DefinitionError(f"{where}: {exc!r}") from exc
    _validate(definition, keys, where)
    return definition


def _validate(definition: FormDefinition, keys: set[str], where: str) -> None:
    if definition.number != Path(where).stem:
        raise DefinitionError(f"{where}: number {definition.number!r} differs from the file name")
    if not definition.columns or not definition.rows or definition.rows[0].filter is None:
        raise DefinitionError(f"{where}: a form needs columns and a first (total) row with figures")
    try:
        filters.check(definition.base, keys, f"{where} base")
        for column in definition.columns:
            filters.check(column.filter, keys, f"{where} column {column.number}")
        for row in definition.rows:
            if row.filter is not None:
                filters.check(row.filter, keys, f"{where} row {row.code}")
    except filters.FilterError as exc:
        raise DefinitionError(str(exc)) from exc
    codes = [row.code for row in definition.rows]
    numbers = [column.number for column in definition.columns]
    if len(set(codes)) != len(codes) or len(set(numbers)) != len(numbers):
        raise DefinitionError(f"{where}: row codes and column numbers must be unique")
    figure_rows = {row.code for row in definition.rows if row.filter is not None}
    for check in definition.row_checks:
        if not {check.total, *check.parts} <= figure_rows:
            raise DefinitionError(f"{where}: a row check names a row without figures: {check}")
    for check in definition.column_checks:
        if not {check.total, *check.parts} <= set(numbers):
            raise DefinitionError(f"{where}: a column check names a missing column: {check}")
