"""Which column holds what: the fields of each import kind, the usual Vietnamese headings, and the
mappings remembered by header signature (ImportMapping)."""

import hashlib
import json
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.awards.imports.models import ImportKind, ImportMapping
from tdkt.lib.vntext import fold

_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Field:
    name: str
    label: object  # lazy translation
    required: bool = False


PERSON_FIELDS = (
    Field("full_name", gettext_lazy("Full name"), required=True),
    Field("birth", gettext_lazy("Date or year of birth")),
    Field("unit", gettext_lazy("Unit (name or code)")),
)
FIELDS = {
    ImportKind.AWARDS: PERSON_FIELDS + (
        Field("award", gettext_lazy("Title or form"), required=True),
        Field("year", gettext_lazy("Achievement year")),
        Field("basis", gettext_lazy("Kind of commendation")),
        Field("person_group", gettext_lazy("Person group (statistics)")),
        Field("decision_number", gettext_lazy("Decision number")),
        Field("decision_date", gettext_lazy("Decision date")),
        Field("decision_issuer", gettext_lazy("Issued by")),
        Field("note", gettext_lazy("Note")),
    ),
    ImportKind.RATINGS: PERSON_FIELDS + (
        Field("year", gettext_lazy("Year"), required=True),
        Field("level", gettext_lazy("Rating"), required=True),
        Field("note", gettext_lazy("Note")),
    ),
    ImportKind.INITIATIVES: PERSON_FIELDS + (
        Field("title", gettext_lazy("Initiative title"), required=True),
        Field("year", gettext_lazy("Year recognised"), required=True),
        Field("scope", gettext_lazy("Scope of effect"), required=True),
        Field("decision_number", gettext_lazy("Decision number")),
        Field("decision_date", gettext_lazy("Decision date")),
        Field("recognised_by", gettext_lazy("Recognised by")),
    ),
}

# Folded heading (punctuation dropped) -> field. The headings of provincial archive lists.
HEADINGS = {
    "ho va ten": "full_name", "ho ten": "full_name", "ten": "full_name", "ca nhan": "full_name",
    "ho va ten ca nhan": "full_name", "tac gia": "full_name", "ho ten tac gia": "full_name",
    "ngay sinh": "birth", "nam sinh": "birth", "ngay thang nam sinh": "birth",
    "don vi": "unit", "don vi cong tac": "unit", "co quan don vi": "unit", "ma don vi": "unit",
    "chuc vu don vi": "unit", "noi cong tac": "unit",
    "danh hieu": "award", "hinh thuc khen thuong": "award", "danh hieu hinh thuc": "award",
    "danh hieu hinh thuc khen thuong": "award", "khen thuong": "award", "danh hieu thi dua": "award",
    "nam": "year", "nam thanh tich": "year", "nam hoc": "year", "nam khen thuong": "year",
    "nam cong nhan": "year", "nam danh gia": "year", "nam xep loai": "year",
    "loai hinh": "basis", "loai hinh khen thuong": "basis", "loai khen thuong": "basis",
    "phuong thuc khen thuong": "basis", "khen thuong theo": "basis",
    "doi tuong": "person_group", "doi tuong thong ke": "person_group", "nhom doi tuong": "person_group",
    "doi tuong khen thuong": "person_group", "thanh phan": "person_group",
    "so quyet dinh": "decision_number", "so qd": "decision_number", "quyet dinh so": "decision_number",
    "so ky hieu": "decision_number", "so ky hieu quyet dinh": "decision_number",
    "ngay quyet dinh": "decision_date", "ngay qd": "decision_date", "ngay ky": "decision_date",
    "ngay ban hanh": "decision_date",
    "co quan ban hanh": "decision_issuer", "cap khen": "decision_issuer", "nguoi ky": "decision_issuer",
    "co quan cong nhan": "recognised_by", "cap cong nhan": "recognised_by",
    "xep loai": "level", "muc do hoan thanh nhiem vu": "level", "xep loai danh gia": "level",
    "ket qua xep loai": "level", "danh gia xep loai": "level",
    "ten sang kien": "title", "sang kien": "title", "ten de tai sang kien": "title", "ten de tai": "title",
    "pham vi": "scope", "pham vi anh huong": "scope", "pham vi anh huong hieu qua": "scope",
    "ghi chu": "note",
}


def folded_heading(text) -> str:
    return _NON_WORD.sub(" ", fold(str(text or ""))).strip()


def header_signature(kind: str, header: list[str]) -> tuple[str, list[str]]:
    folded = [folded_heading(cell) for cell in header]
    digest = hashlib.sha256(json.dumps([kind, folded], ensure_ascii=False).encode()).hexdigest()
    return digest, folded


def fields_of(kind: str) -> tuple[Field, ...]:
    return FIELDS[kind]


def field_label(kind: str, name: str) -> str:
    return next((str(field.label) for field in FIELDS[kind] if field.name == name), name)


def guess_mapping(kind: str, header: list[str]) -> dict[str, int]:
    """The remembered mapping for these headings, else one guessed from the usual headings."""
    signature, _folded = header_signature(kind, header)
    remembered = ImportMapping.objects.filter(kind=kind, signature=signature).values_list("mapping", flat=True).first()
    if remembered:
        return clean_mapping(kind, remembered, len(header))
    wanted = {field.name for field in FIELDS[kind]}
    mapping: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = HEADINGS.get(folded_heading(cell))
        if name in wanted and name not in mapping:
            mapping[name] = index
    return mapping


def clean_mapping(kind: str, mapping: dict, width: int) -> dict[str, int]:
    """Only known fields and existing columns."""
    wanted = {field.name for field in FIELDS[kind]}
    cleaned = {}
    for name, index in (mapping or {}).items():
        try:
            index = int(index)
        except (TypeError, ValueError):
            continue
        if name in wanted and 0 <= index < width:
            cleaned[name] = index
    return cleaned


def mapping_errors(kind: str, mapping: dict[str, int], header: list[str]) -> list[str]:
    errors = []
    for field in FIELDS[kind]:
        if field.required and field.name not in mapping:
            errors.append(_("Choose the column of “%(field)s”.") % {"field": field.label})
    used: dict[int, str] = {}
    for field in FIELDS[kind]:
        index = mapping.get(field.name)
        if index is None:
            continue
        if index in used:
            errors.append(_("The column “%(column)s” is chosen for both “%(first)s” and “%(second)s”.") % {
                "column": header[index], "first": field_label(kind, used[index]), "second": field.label})
        used[index] = field.name
    return errors


def remember_mapping(kind: str, header: list[str], mapping: dict[str, int]) -> None:
    signature, folded = header_signature(kind, header)
    ImportMapping.objects.update_or_create(kind=kind, signature=signature,
                                           defaults={"headers": folded, "mapping": mapping})


def recognised_headings(row: list[str]) -> int:
    """How many cells of a row read as known headings (to find the header under a title block)."""
    return sum(1 for cell in row if folded_heading(cell) in HEADINGS)
