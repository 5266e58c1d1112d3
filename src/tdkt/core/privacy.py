"""A person's data on request (docs/privacy.md): everything held about one person, and the pseudonymisation
of what the law lets us erase.

`person_data` walks every relation that points at the person (Django's model meta, so a new app's table is
included without touching this module) and the audit rows about the person; `pseudonymise_person` blanks
the identifying fields of a person who is in no issued decision and no award history, because those are
records the authority must keep (docs/privacy.md, "Erasure")."""

import datetime
import decimal
import json
import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from tdkt.audit.access import COMMAND, record_personal_access, revealed
from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.audit.services import record
from tdkt.decisions.enums import ISSUED_STATES
from tdkt.decisions.models import DecisionLine
from tdkt.lib.private_files import open_private
from tdkt.lib.sheets import SheetWriter
from tdkt.people.models import Person

# The fields pseudonymisation blanks; the name becomes "Người đã xóa dữ liệu #<id>".
ERASABLE = ("full_name", "gender", "birth_date", "birth_year", "ethnicity", "position", "national_id")


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal | uuid.UUID):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _row(obj: models.Model) -> dict:
    return {field.name: _plain(getattr(obj, field.attname)) for field in obj._meta.concrete_fields}


def person_data(person: Person) -> dict[str, list[dict]]:
    """Section name → rows: the person, each table that refers to them (one query per relation), the audit
    rows about them."""
    data = {"people.person": [_row(person)]}
    for relation in Person._meta.related_objects:
        model = relation.related_model
        if relation.many_to_many:
            rows = model.objects.filter(**{relation.field.name: person})
        elif relation.field.model is Person:  # merged_into: other person rows merged into this one
            rows = Person.objects.filter(merged_into=person)
        else:
            rows = model.objects.filter(**{relation.field.name: person})
        found = [_row(obj) for obj in rows.order_by("pk")]
        if found:
            data[model._meta.label_lower] = found
    audit = AuditEvent.objects.filter(object_type="people.person", object_id=str(person.pk)).order_by("at", "id")
    data["audit.auditevent"] = [_row(event) for event in audit]
    return data


def export_person_data(person: Person, out: Path, *, by) -> Path:
    """Write everything held about the person to `out` (.json, or .xlsx with one sheet per section), created
    mode 0600, and log the export (the audit log and the personal-data access log)."""
    data = person_data(person)
    out = Path(out)
    if out.suffix.lower() == ".xlsx":
        with open_private(out) as handle, SheetWriter(handle) as book:
            for section, rows in data.items():
                sheet = book.sheet(section[:31])
                columns = sorted({key for row in rows for key in row})
                sheet.row(columns)
                for row in rows:
                    sheet.row([json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                               for v in (row.get(c) for c in columns)])
    elif out.suffix.lower() == ".json":
        with open_private(out, "w") as handle:
            json.dump({"person_id": person.pk, "sections": data}, handle, ensure_ascii=False, indent=1)
    else:
        raise ValidationError(_("The output file must end in .json or .xlsx."))
    record(by, AuditAction.EXPORT, person, changes={"file": out.name, "sections": sorted(data)})
    record_personal_access(by, [(person.pk, person.full_name, revealed(person.national_id, person.birth_date))],
                           via=COMMAND, where=out.name)
    return out


def erasure_refusal(person: Person) -> str | None:
    """Why the person's data must be kept, or None when it may be pseudonymised."""
    lines = (DecisionLine.objects.filter(person=person, decision__state__in=ISSUED_STATES)
             .select_related("decision").order_by("decision__signed_at", "decision_id")[:5])
    if issued := [line.decision.number_text or f"#{line.decision_id}" for line in lines]:
        return _("“%(name)s” (#%(id)s) is in issued decisions (%(numbers)s): an issued decision is a record that "
                 "must be kept, so this person's data cannot be erased.") % {
            "name": person.full_name, "id": person.pk, "numbers": ", ".join(issued)}
    if person.award_records.exists():
        return _("“%(name)s” (#%(id)s) has award history: the award history is a record that must be kept, so "
                 "this person's data cannot be erased.") % {"name": person.full_name, "id": person.pk}
    return None


def pseudonymise_person(person: Person, *, by) -> Person:
    """Blank the identifying fields (ERASABLE); the row stays, so the lines and records pointing at it stay
    whole. Refused with the reason when the person is in an issued decision or has award history. The audit
    row names the fields erased, never their old values."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if (reason := erasure_refusal(person)) is not None:
            raise ValidationError(reason)
        person.full_name = _("Person whose data was erased #%(id)s") % {"id": person.pk}
        person.gender = person.ethnicity = person.position = ""
        person.birth_date = person.birth_year = person.national_id = None
        person.save(update_fields=list(ERASABLE))
        record(by, AuditAction.UPDATE, person, changes={"pseudonymised": list(ERASABLE)},
               object_repr=person.full_name)
    return person
