"""The audit log as an officer reads it: what happened in Vietnamese, the object as a link with its title, who
acted (name in Vietnamese order and role), and the recorded details as labelled fields.

Nothing here queries the database per row: labels come from the models' field definitions (django.apps, no
import of other apps), links are reversed from a table of detail pages, and the actors' roles are prefetched by
the caller. What an administrator must never be shown (a file's hash, a stored secret, a storage path, a
username) is replaced by what it means."""

import datetime
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from tdkt.lib.names import display_name

# object_type (model label) -> the URL name of its page (one `pk` argument).
DETAIL_PAGES = {
    "dossiers.dossier": "dossiers:detail",
    "decisions.decision": "decisions:detail",
    "orgs.unit": "orgs:detail",
    "people.person": "people:detail",
    "plans.plan": "plans:detail",
    "movements.movement": "movements:detail",
    "inspections.inspection": "inspections:detail",
    "initiatives.work": "initiatives:detail",
    "training.training": "training:detail",
    "council.meeting": "council:meeting",
    "jobs.job": "jobs:detail",
}
# Keys services write into `changes` that are not fields of the object's model.
LABELS = {
    "reason": gettext_lazy("Reason"),
    "note": pgettext_lazy("audit detail", "Note"),
    "year": pgettext_lazy("audit detail", "Year"),
    "unit": pgettext_lazy("audit detail", "Unit"),
    "rows": pgettext_lazy("audit detail", "Rows"),
    "lines": pgettext_lazy("audit detail", "Lines"),
    "line": pgettext_lazy("audit detail", "Line"),
    "file": pgettext_lazy("audit detail", "File"),
    "fields": pgettext_lazy("audit detail", "Data shown"),
    "via": pgettext_lazy("audit detail", "Through"),
    "where": pgettext_lazy("audit detail", "Where"),
    "kind": pgettext_lazy("audit detail", "Kind"),
    "code": pgettext_lazy("audit detail", "Code"),
    "title": pgettext_lazy("audit detail", "Title"),
    "state": pgettext_lazy("audit detail", "State"),
    "states": pgettext_lazy("audit detail", "States"),
    "minutes": pgettext_lazy("audit detail", "Minutes"),
    "username": pgettext_lazy("audit detail", "Account"),
    "password": pgettext_lazy("audit detail", "Password"),
    "dossier": pgettext_lazy("audit detail", "Dossier"),
    "decision": pgettext_lazy("audit detail", "Decision"),
    "format": pgettext_lazy("audit detail", "File format"),
    "size": pgettext_lazy("audit detail", "Size"),
    "query": pgettext_lazy("audit detail", "Search"),
    "recipient": pgettext_lazy("audit detail", "Recipient"),
    "award": pgettext_lazy("audit detail", "Award"),
    "amount": pgettext_lazy("audit detail", "Amount"),
    "counts": pgettext_lazy("audit detail", "Counts"),
    "second_factor": pgettext_lazy("audit detail", "Authenticator"),
    "signer": pgettext_lazy("audit detail", "Signed by"),
    "signed_at": pgettext_lazy("audit detail", "Signed at"),
    "serial": pgettext_lazy("audit detail", "Certificate serial"),
    "timestamped": pgettext_lazy("audit detail", "Time-stamped"),
    "digital_signatures": pgettext_lazy("audit detail", "Digital signatures"),
    "authors": pgettext_lazy("audit detail", "Authors"),
    "created_at": pgettext_lazy("audit detail", "Created at"),
    "created_by": pgettext_lazy("audit detail", "Created by"),
    "submitted_by": pgettext_lazy("audit detail", "Sent by"),
    "signed_by": pgettext_lazy("audit detail", "Signed by"),
    "record": pgettext_lazy("audit detail", "Record"),
    "milestone": pgettext_lazy("audit detail", "Milestone"),
    "agenda": pgettext_lazy("audit detail", "Agenda"),
    "attendance": pgettext_lazy("audit detail", "Attendance"),
    "award_records": pgettext_lazy("audit detail", "Award records"),
    "claimed_by_nomination": pgettext_lazy("audit detail", "Claimed by the nomination"),
    "date": pgettext_lazy("audit detail", "Date"),
    "document": pgettext_lazy("audit detail", "Document"),
    "from": pgettext_lazy("audit detail", "From"),
    "to": pgettext_lazy("audit detail", "To"),
    "leader": pgettext_lazy("audit detail", "Head of the team"),
    "members": pgettext_lazy("audit detail", "Members"),
    "names": pgettext_lazy("audit detail", "Names"),
    "persons": pgettext_lazy("audit detail", "Persons"),
    "province": pgettext_lazy("audit detail", "Province"),
    "provinces": pgettext_lazy("audit detail", "Provinces"),
    "results": pgettext_lazy("audit detail", "Results"),
    "seed": pgettext_lazy("audit detail", "Sample data seed"),
    "total": pgettext_lazy("audit detail", "Total"),
    "trainees_added": pgettext_lazy("audit detail", "Trainees added"),
    "units": pgettext_lazy("audit detail", "Units"),
    "voucher": pgettext_lazy("audit detail", "Voucher"),
    "findings": pgettext_lazy("audit detail", "Findings"),
    "failures": pgettext_lazy("audit detail", "Failed sign-ins"),
    "locked": pgettext_lazy("audit detail", "Sign-in locked"),
}
# Values of the personal-data access log (tdkt.audit.access) and of a few service keys.
VALUES = {
    "national_id": pgettext_lazy("audit value", "citizen ID"),
    "birth_date": pgettext_lazy("audit value", "birth date"),
    "page": pgettext_lazy("audit value", "page"),
    "export": pgettext_lazy("audit value", "export"),
    "api": pgettext_lazy("audit value", "API"),
    "command": pgettext_lazy("audit value", "command"),
    "enrolled": pgettext_lazy("audit value", "registered"),
}
# Short role names put before the unit's name ("Chuyên viên Sở Nội vụ").
ROLE_NAMES = {
    "system_admin": pgettext_lazy("role before a unit", "Administrator"),
    "province_specialist": pgettext_lazy("role before a unit", "Specialist"),
    "unit_clerk": pgettext_lazy("role before a unit", "Emulation clerk"),
    "unit_leader": pgettext_lazy("role before a unit", "Leader"),
    "council_member": pgettext_lazy("role before a unit", "Council member"),
    "council_secretary": pgettext_lazy("role before a unit", "Council secretary"),
    "signer": pgettext_lazy("role before a unit", "Signing leader"),
    "group_head": pgettext_lazy("role before a unit", "Head of the emulation group"),
}
ROLE_ORDER = list(ROLE_NAMES)  # when an actor holds several roles, the first of this order names them
HIDDEN = "***"
HEX = re.compile(r"^[0-9a-f]{32,}$", re.IGNORECASE)
STORED_FILE = re.compile(r"^[\w-]+/(?:[\w.-]+/)*([\w.-]+\.\w{2,5})$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
SECRET_KEYS = re.compile(r"secret|token|password", re.IGNORECASE)
FINGERPRINT_KEYS = re.compile(r"hash|sha\d*|digest|fingerprint", re.IGNORECASE)


@dataclass
class Detail:
    label: str
    value: str
    code: str = ""  # a key with no label yet: shown as the machine wrote it, marked as not Vietnamese


@dataclass
class Row:
    event: object
    actor: str
    role: str
    action: str
    object_kind: str
    object_title: str
    object_url: str
    details: list[Detail] = field(default_factory=list)


def role_label(membership) -> str:
    """"Chuyên viên Sở Nội vụ": the role's short name and where it is held."""
    name = str(ROLE_NAMES.get(membership.role, membership.get_role_display()))
    place = {"council_member": membership.council, "council_secretary": membership.council,
             "group_head": membership.emulation_group}.get(membership.role) or membership.unit
    return f"{name} {place}" if place else name


def held_on(memberships, day: datetime.date, prefer_units=()) -> str:
    """The role label of the membership valid on `day` (one held in `prefer_units` first), or ""."""
    valid = [m for m in memberships if (m.valid_from is None or m.valid_from <= day)
             and (m.valid_to is None or m.valid_to >= day)]
    if not valid:
        return ""
    valid.sort(key=lambda m: (m.unit_id not in prefer_units, ROLE_ORDER.index(m.role) if m.role in ROLE_ORDER
                              else len(ROLE_ORDER)))
    return role_label(valid[0])


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _lookup(model, key: str):
    """The model's field or reverse relation named `key`, or None."""
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _field(model, key: str):
    found = _lookup(model, key)
    return found if hasattr(found, "verbose_name") else None  # a reverse relation: see label_of


def _reverse(model, key: str):
    """The model on the other side of a reverse relation (`findings` of an inspected unit), or None."""
    found = _lookup(model, key)
    return found.related_model if found is not None and not hasattr(found, "verbose_name") else None


def _choices_of(model) -> dict:
    """Every choice label of a model's fields (the rows of a reverse relation are recorded as bare lists)."""
    if model is None:
        return {}
    return {value: label for f in model._meta.concrete_fields if f.choices for value, label in f.flatchoices}


def plain(value, model_field=None, choices=None) -> str:
    """One recorded value as words: choices by their label, dates dd/mm/yyyy, yes/no, nothing internal."""
    if value is None or value in ("", "None") or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return pgettext("audit value", "yes") if value else pgettext("audit value", "no")
    if isinstance(value, list):
        return ", ".join(plain(item, model_field, choices) for item in value)
    if isinstance(value, dict):
        labelled = ((label_of(None, key), plain(item, None, choices)) for key, item in value.items())
        return "; ".join(f"{label}: {shown}" if label else shown for label, shown in labelled)
    if value == HIDDEN:
        return _("(changed, not shown)")
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if choices and isinstance(value, str) and value in choices:
        return str(choices[value])
    text = str(value)
    if ISO_DATE.match(text):
        return date_format(datetime.date.fromisoformat(text), "d/m/Y")
    if ISO_DATETIME.match(text):
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return date_format(moment, "d/m/Y H:i")
    if HEX.match(text):
        return _("(fingerprint recorded, not shown)")
    stored = STORED_FILE.match(text)
    if stored and "/" in text and not text.startswith("/"):
        return stored.group(1)
    return str(VALUES.get(text, text))


def label_of(model, key: str) -> str:
    model_field = _field(model, key)
    # A field declared without a label gets its name as one ("submitted by"): not a word for the page.
    if model_field is not None and str(model_field.verbose_name) != key.replace("_", " "):
        return str(model_field.verbose_name)
    if key in LABELS:
        return str(LABELS[key])
    related = _reverse(model, key)
    if related is not None and str(related._meta.verbose_name_plural) != f"{related._meta.model_name}s":
        return str(related._meta.verbose_name_plural)
    return ""


_LABEL_RANK = {key: index for index, key in enumerate(LABELS)}


def _detail_rank(model, key: str) -> tuple:
    """Details in a fixed order whatever the database did to the JSON's key order (PostgreSQL's jsonb sorts keys
    by length): the model's fields as declared, then the service keys as LABELS declares them, then the rest."""
    names = [f.name for f in model._meta.get_fields()] if model is not None else []
    model_field = _field(model, key)
    if model_field is not None and model_field.name in names:
        return (0, names.index(model_field.name), key)
    return (1, _LABEL_RANK.get(key, len(_LABEL_RANK)), key)


def _is_flag(value) -> bool:
    """A yes/no (or a change of one) is never a secret: "must change the password: no → yes" is shown."""
    return isinstance(value, bool) or (isinstance(value, list) and bool(value)
                                       and all(isinstance(item, bool) for item in value))


def details(event) -> list[Detail]:
    """The recorded `changes` as labelled fields: before → after for an update, the values for a creation or a
    deletion (their `after` / `before` snapshot), the service's own keys otherwise."""
    model = _model(event.object_type)
    changes = event.changes if isinstance(event.changes, dict) else {"": event.changes}
    flat = {}
    for key, value in changes.items():
        if key in ("after", "before") and isinstance(value, dict):
            flat.update(value)
        else:
            flat[key] = value
    out = []
    for key in sorted(flat, key=lambda key: _detail_rank(model, key)):
        value = flat[key]
        model_field = _field(model, key)
        if key == "id" or (model_field is not None and model_field.name in ("id", "updated_at")):
            continue
        if SECRET_KEYS.search(key) and value not in (None, "", HIDDEN) and not _is_flag(value):
            value = HIDDEN
        elif FINGERPRINT_KEYS.search(key) and value not in (None, ""):
            value = "0" * 32  # shown as "fingerprint recorded" whatever its encoding
        if isinstance(model_field, models.ForeignKey) and not isinstance(value, list):
            value = _("record no. %(number)s") % {"number": value} if value is not None else None
        if model_field is not None and isinstance(value, list) and len(value) == 2:
            shown = f"{plain(value[0], model_field)} → {plain(value[1], model_field)}"
        else:
            shown = plain(value, model_field, choices=_choices_of(_reverse(model, key)))
        label = label_of(model, key)
        out.append(Detail(label=label or _("Other detail"), value=shown, code="" if label else key))
    return out


def object_link(event) -> tuple[str, str, str]:
    """(kind of object, its title, its page or "")."""
    model = _model(event.object_type)
    kind = str(model._meta.verbose_name).capitalize() if model is not None else ""
    url = ""
    if event.object_type in DETAIL_PAGES and event.object_id.isdigit():
        try:
            url = reverse(DETAIL_PAGES[event.object_type], kwargs={"pk": int(event.object_id)})
        except NoReverseMatch:
            url = ""
    return kind, event.object_repr, url


def readable(events) -> list[Row]:
    """Rows of a page of events whose actors come with their memberships prefetched (no query per row)."""
    rows = []
    for event in events:
        actor = event.actor
        name = display_name(actor) if actor is not None else ""
        role = held_on(list(actor.memberships.all()), timezone.localtime(event.at).date()) if actor else ""
        kind, title, url = object_link(event)
        rows.append(Row(event=event, actor=name or _("the system"), role=role, action=event.get_action_display(),
                        object_kind=kind, object_title=title, object_url=url, details=details(event)))
    return rows
