"""Criteria table from Excel, all or nothing: one row per criterion with the columns
Mã | Tiêu chí | Điểm tối đa | Loại | Minh chứng | Hệ số (the first row is the header). A code's parent is the
longest code before it that prefixes it ("1.2.a" under "1.2" under "1"). Kinds: "thường", "thưởng", "trừ"
(blank = thường); "x" in Minh chứng means evidence required. Every bad row is reported; nothing is saved then."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.lib.safefiles import SheetLimitError, SheetLimits, read_sheet_rows
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.lib.vntext import fold
from tdkt.movements.scoring import services
from tdkt.movements.scoring.enums import CriterionKind

KINDS = {"": CriterionKind.NORMAL, "tru": CriterionKind.PENALTY, "diem thuong": CriterionKind.BONUS,
         "diem tru": CriterionKind.PENALTY, "normal": CriterionKind.NORMAL, "bonus": CriterionKind.BONUS,
         "penalty": CriterionKind.PENALTY}
# A criteria table has tens of rows, a few hundred at most; six columns are read.
SHEET_LIMITS = SheetLimits(max_rows=2_000, max_columns=30, max_cells=20_000)


def _kind(text: str):
    folded = fold(text or "").strip().lower()
    if folded == "thuong":  # "thường" and "thưởng" fold alike: the accents decide
        return CriterionKind.BONUS if "ưở" in (text or "").lower() else CriterionKind.NORMAL
    return KINDS.get(folded, "?")


def _decimal(value):
    try:
        return Decimal(str(value).strip().replace(",", ".")) if value not in (None, "") else None
    except InvalidOperation:
        return "?"


def read_rows(data: bytes, name: str = "") -> tuple[list[dict], list[str]]:
    try:
        sheet_rows = read_sheet_rows(data, name=name, limits=SHEET_LIMITS)
    except SheetLimitError as exc:
        return [], [exc.message]
    rows, errors = [], []
    seen = set()
    for number, values in sheet_rows:
        if number < 2:
            continue  # the header
        values = list(values) + [None] * 6
        code = str(values[0] or "").strip()
        title = str(values[1] or "").strip()
        if not code and not title:
            continue
        top, kind, weight = _decimal(values[2]), _kind(str(values[3] or "")), _decimal(values[5])
        problems = []
        if not code:
            problems.append(_("no code"))
        elif code in seen:
            problems.append(_("code %(code)s repeated") % {"code": code})
        if not title:
            problems.append(_("no title"))
        if top is None or top == "?" or top < 0:
            problems.append(_("maximum points missing or not a number ≥ 0"))
        if kind == "?":
            problems.append(_("kind must be “thường”, “thưởng” or “trừ”"))
        if weight == "?" or (weight is not None and weight <= 0):
            problems.append(_("weight must be a number > 0"))
        if problems:
            errors.append(_("Row %(row)s: %(problems)s.") % {"row": number, "problems": "; ".join(problems)})
            continue
        seen.add(code)
        rows.append({"code": code, "title": title, "max_points": top, "kind": kind, "weight": weight or Decimal(1),
                     "evidence_required": str(values[4] or "").strip().lower() in {"x", "có", "co", "1"}})
    if not rows and not errors:
        errors.append(_("The workbook has no criteria rows under its header."))
    return rows, errors


@transaction.atomic
def import_criteria(template, *, by, uploaded) -> int:
    try:
        sniffed = read_upload(uploaded, allowed={"xlsx"}, max_bytes=settings.UPLOAD_MAX_BYTES,
                              field_label=_("Criteria workbook"))
    except UploadError as exc:
        raise ValidationError(str(exc)) from exc
    rows, errors = read_rows(sniffed.data, sniffed.name)
    if errors:
        raise ValidationError(errors)
    created = {c.code: c for c in template.criteria.all()}
    for order, row in enumerate(rows, start=1):
        parent_code = max((code for code in created if row["code"].startswith(code + ".")), key=len, default=None)
        try:
            created[row["code"]] = services.add_criterion(template, by=by, parent=created.get(parent_code),
                                                          order=(len(created) + order) * 10, **row)
        except ValidationError as exc:
            raise ValidationError(_("Criterion %(code)s: %(problem)s") % {
                "code": row["code"], "problem": " ".join(exc.messages)}) from exc
    return len(rows)
