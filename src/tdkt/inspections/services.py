"""Operations on the inspections register; one function owns each change, in one transaction. Views, tests
and the demo call these. Refusals are ValidationErrors (Vietnamese through the catalogue) naming the field
or the row; nothing is half-saved."""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.inspections import notices, rules
from tdkt.inspections.checklist import checklist
from tdkt.inspections.enums import Assessment, RecommendationState
from tdkt.inspections.models import Finding, InspectedUnit, Inspection, Recommendation, TeamMember
from tdkt.inspections.transitions import RECOMMENDATION_MACHINE
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.plans.enums import TaskKind
from tdkt.workflow.primitive import write_history

FILE_KINDS = {"pdf", "docx", "xlsx", "image"}


def _require_team(by, inspection) -> None:
    if not rules.is_team(by, inspection):
        raise PermissionDenied(_("Only the inspection team or the standing body records findings."))


@transaction.atomic
def plan_inspection(*, by, year: int, title: str, starts_on, ends_on, units, leader, members=(),
                    plan_task=None, team_users=None) -> Inspection:
    """A new inspection of the year's plan with its units (a record each, the checklist copied in) and its
    team (`leader` and `members`: persons; `team_users`: {person pk: user} of members who record)."""
    if not rules.can_manage(by):
        raise PermissionDenied(_("Only the standing body plans inspections."))
    title = (title or "").strip()
    units = list(units)
    members = [person for person in members if leader is None or person.pk != leader.pk]
    errors = {}
    if not title:
        errors["title"] = _("Give the title of the inspection.")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end date is before the start date.")
    if starts_on and starts_on.year != year:
        errors["starts_on"] = _("The inspection starts in %(start)s, not in the year %(year)s.") % {
            "start": starts_on.year, "year": year}
    if not units:
        errors["units"] = _("Choose at least one unit to inspect.")
    if leader is None:
        errors["leader"] = _("Choose the team leader.")
    if plan_task is not None and plan_task.kind != TaskKind.INSPECTION:
        errors["plan_task"] = _("The plan task “%(task)s” is not an inspection task.") % {
            "task": plan_task.content[:80]}
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(year=year, title=title, starts_on=starts_on, ends_on=ends_on,
                                           plan_task=plan_task, created_by=by)
    team_users = team_users or {}
    TeamMember.objects.bulk_create(
        [TeamMember(inspection=inspection, person=leader, is_leader=True, user=team_users.get(leader.pk))]
        + [TeamMember(inspection=inspection, person=person, user=team_users.get(person.pk)) for person in members])
    for unit in units:
        _add_record(inspection, unit)
    record(by, AuditAction.CREATE, inspection, changes={"after": {
        "title": title, "year": year, "units": [unit.pk for unit in units], "leader": leader.pk,
        "members": [person.pk for person in members], "plan_task": plan_task.pk if plan_task else None}})
    return inspection


def _add_record(inspection, unit) -> InspectedUnit:
    item = InspectedUnit.objects.create(inspection=inspection, unit=unit)
    Finding.objects.bulk_create([Finding(record=item, code=code, item=text, position=i)
                                 for i, (code, text) in enumerate(checklist())])
    return item


@transaction.atomic
def record_findings(record_obj: InspectedUnit, *, by, findings: dict, summary: str = "", visited_on=None,
                    conclusion_number: str = "", conclusion_date=None) -> InspectedUnit:
    """The team's findings on the checklist (`findings`: {finding pk: (assessment, note)}) and the record's
    general conclusion."""
    _require_team(by, record_obj.inspection)
    rows = {row.pk: row for row in record_obj.findings.all()}
    errors = []
    for pk, (assessment, _note) in findings.items():
        if pk not in rows:
            errors.append(_("Item %(pk)s is not on this record's checklist.") % {"pk": pk})
        elif assessment and assessment not in Assessment.values:
            errors.append(_("%(item)s: unknown assessment.") % {"item": rows[pk].item})
    inspection = record_obj.inspection
    if visited_on and not inspection.starts_on <= visited_on <= inspection.ends_on:
        errors.append(_("The inspection date must fall between %(start)s and %(end)s.") % {
            "start": f"{inspection.starts_on:%d/%m/%Y}", "end": f"{inspection.ends_on:%d/%m/%Y}"})
    if errors:
        raise ValidationError(errors)
    changed = []
    for pk, (assessment, note) in findings.items():
        row = rows[pk]
        row.assessment, row.note = assessment or "", (note or "").strip()
        changed.append(row)
    Finding.objects.bulk_update(changed, ["assessment", "note"])
    record_obj.summary = (summary or "").strip()
    record_obj.visited_on = visited_on
    record_obj.conclusion_number = (conclusion_number or "").strip()
    record_obj.conclusion_date = conclusion_date
    record_obj.save(update_fields=["summary", "visited_on", "conclusion_number", "conclusion_date"])
    record(by, AuditAction.UPDATE, record_obj, changes={
        "findings": {str(row.pk): [row.assessment, row.note] for row in changed}, "summary": record_obj.summary,
        "conclusion_number": record_obj.conclusion_number})
    return record_obj


@transaction.atomic
def add_recommendation(record_obj: InspectedUnit, *, by, content: str, due_on) -> Recommendation:
    """A recommendation to the inspected unit, open until the unit reports and the team accepts."""
    _require_team(by, record_obj.inspection)
    content = (content or "").strip()
    errors = {}
    if not content:
        errors["content"] = _("Write the recommendation.")
    if due_on is None:
        errors["due_on"] = _("Give the due date.")
    elif due_on < record_obj.inspection.starts_on:
        errors["due_on"] = _("The due date is before the inspection started (%(start)s).") % {
            "start": f"{record_obj.inspection.starts_on:%d/%m/%Y}"}
    if errors:
        raise ValidationError(errors)
    item = Recommendation.objects.create(record=record_obj, content=content, due_on=due_on,
                                         state=RecommendationState.OPEN, created_by=by)
    write_history(RECOMMENDATION_MACHINE, item, by=by, from_state="", to_state=item.state)
    record(by, AuditAction.CREATE, item, changes={"after": {"content": content, "due_on": due_on.isoformat(),
                                                             "record": record_obj.pk}})
    notices.recommended(item)
    return item


@RECOMMENDATION_MACHINE.implements("report", reason=None)
@transaction.atomic
def report_follow_up(item: Recommendation, *, by, response: str = "", uploaded=None, today=None) -> Recommendation:
    """Open → reported: what the unit did, with an optional file."""
    locked = Recommendation.objects.select_for_update().select_related("record__inspection").get(pk=item.pk)
    RECOMMENDATION_MACHINE.check_actor(locked, RECOMMENDATION_MACHINE["report"], by)
    response = (response or "").strip()
    if not response:
        raise ValidationError({"response": _("Say what the unit did on this recommendation.")})
    fields = {"response": response, "reported_on": today or timezone.localdate()}
    if uploaded is not None:
        try:
            upload = read_upload(uploaded, allowed=FILE_KINDS, max_bytes=settings.UPLOAD_MAX_BYTES,
                                 field_label=_("File"))
        except UploadError as exc:
            raise ValidationError({"file": str(exc)}) from exc
        locked.response_sha256 = hashlib.sha256(upload.data).hexdigest()
        name = (getattr(uploaded, "name", "") or "tep")[:255]
        locked.response_file.save(name, ContentFile(upload.data), save=False)
        fields |= {"response_file": locked.response_file.name, "response_name": name,
                   "response_sha256": locked.response_sha256}
    RECOMMENDATION_MACHINE.perform(locked, "report", by=by, **fields)
    item.__dict__.update({name: getattr(locked, name) for name in ("state", "response", "reported_on",
                                                                   "response_name", "response_sha256")})
    return locked


@RECOMMENDATION_MACHINE.implements("accept", reason=None)
def accept_follow_up(item: Recommendation, *, by) -> Recommendation:
    """Reported → closed: the team accepts the follow-up."""
    return RECOMMENDATION_MACHINE.perform(item, "accept", by=by)


@RECOMMENDATION_MACHINE.implements("return")
def return_follow_up(item: Recommendation, *, by, reason: str = "") -> Recommendation:
    """Reported → open: the team returns it with the reason; it is overdue again once past its due date."""
    return RECOMMENDATION_MACHINE.perform(item, "return", by=by, reason=reason)
