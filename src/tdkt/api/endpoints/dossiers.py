"""Dossier operations for the province's document system: the same domain functions as the screens.

Every object is fetched through the scoped helpers (another unit's dossier is a 404); every change goes
through the workflow function that owns it (history, audit, conditional updates)."""

import datetime
import json
import uuid

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from tdkt.api.auth import TokenAuth
from tdkt.api.labels import codes_description
from tdkt.api.scopes import READ_DOSSIERS, WRITE_DOSSIERS
from tdkt.awards.models import AwardType
from tdkt.dossiers import line_decisions, verdicts, workflow
from tdkt.dossiers.authority import receiver_name
from tdkt.dossiers.checklist import checklist_status
from tdkt.dossiers.documents import add_document, get_document_for_user
from tdkt.dossiers.enums import DossierKind, DossierState, EventKind, NominationState
from tdkt.dossiers.line_decisions import VERDICT_LABELS, verdict_label
from tdkt.dossiers.movement_link import movement_by_id
from tdkt.dossiers.nominees.importing import import_list
from tdkt.dossiers.nominees.services import add_nomination, remove_nomination
from tdkt.dossiers.queries import dossiers_for_user, get_dossier_for_user, get_nomination_for_user
from tdkt.lib.downloads import send_stored
from tdkt.orgs.enums import AuthorityKind
from tdkt.orgs.models import IssuingAuthority
from tdkt.orgs.queries import get_unit_for_user
from tdkt.people.queries import get_person_for_user

router = Router(tags=["Hồ sơ đề nghị khen thưởng"], auth=TokenAuth(READ_DOSSIERS, write=WRITE_DOSSIERS))
PAGE_LIMIT = 100


# --- schemas ------------------------------------------------------------------------------------------------

KIND_DESCRIPTION = codes_description("Loại hồ sơ (mã).", DossierKind.choices)
AUTHORITY_DESCRIPTION = codes_description("Cấp trình khen (mã).", AuthorityKind.choices)
DOSSIER_STATE_DESCRIPTION = codes_description("Trạng thái của hồ sơ (mã).", DossierState.choices)
LINE_STATE_DESCRIPTION = codes_description("Trạng thái của dòng đề nghị (mã).", NominationState.choices)
VERDICT_DESCRIPTION = codes_description(
    "Kết quả kiểm tra điều kiện đã lưu của dòng (mã; null khi chưa kiểm tra).", VERDICT_LABELS.items())
EVENT_KIND_DESCRIPTION = codes_description("Loại sự kiện trong lịch sử hồ sơ (mã).", EventKind.choices)
LABEL = "Tên gọi tiếng Việt của mã bên cạnh."
# The list's filters, described like the fields they filter on.
STATE_FILTER = Query(None, description=DOSSIER_STATE_DESCRIPTION)
KIND_FILTER = Query(None, description=KIND_DESCRIPTION)


class DossierOut(Schema):
    id: int
    reference: str
    title: str
    unit_id: int
    unit: str
    kind: str = Field(description=KIND_DESCRIPTION)
    kind_label: str = Field(description=LABEL)
    authority: str = Field(description=AUTHORITY_DESCRIPTION)
    authority_label: str = Field(description=LABEL)
    receiving_authority_id: int | None = Field(description="Cơ quan, người có thẩm quyền tiếp nhận (mã); null: tỉnh.")
    receiving_authority: str = Field(description="Tên cơ quan, người có thẩm quyền tiếp nhận.")
    state: str = Field(description=DOSSIER_STATE_DESCRIPTION)
    state_label: str = Field(description=LABEL)
    year: int | None
    movement_id: int | None = Field(description="Phong trào thi đua của hồ sơ (mã); null: không gắn phong trào.")
    movement: str | None = Field(description="Tên phong trào thi đua.")
    cover_letter_number: str
    cover_letter_date: datetime.date | None
    step_due_on: datetime.date | None
    assignee: str | None
    submitted_at: datetime.datetime | None


class NominationOut(Schema):
    id: int
    position: int
    recipient: str
    person_id: int | None
    unit_id: int | None
    position_and_unit: str
    proposed_award: str
    award: str
    state: str = Field(description=LINE_STATE_DESCRIPTION)
    state_label: str = Field(description=LABEL)
    fix_request: str
    decision_reason: str
    verdict: str | None = Field(description=VERDICT_DESCRIPTION)
    verdict_label: str = Field(description=LABEL)
    verdict_computed_at: datetime.datetime | None  # when the stored verdict was computed (None: older frozen one)


class DocumentOut(Schema):
    id: int
    document_type: str
    nomination_id: int | None
    original_name: str
    content_type: str
    size: int


class EventOut(Schema):
    at: datetime.datetime
    kind: str = Field(description=EVENT_KIND_DESCRIPTION)
    kind_label: str = Field(description=LABEL)
    from_state: str = Field(description="Trạng thái trước (mã trạng thái của hồ sơ, hoặc của dòng khi sự kiện "
                                        "là quyết định về một dòng; rỗng với ghi chú).")
    from_state_label: str = Field(description=LABEL)
    to_state: str = Field(description="Trạng thái sau (như from_state).")
    to_state_label: str = Field(description=LABEL)
    reason: str
    by: str


class ChecklistOut(Schema):
    document: str
    mandatory: bool
    satisfied: bool


class DossierDetailOut(DossierOut):
    nominations: list[NominationOut]
    documents: list[DocumentOut]
    events: list[EventOut]
    checklist: list[ChecklistOut]


class DossierIn(Schema):
    unit_id: int
    title: str
    kind: DossierKind = Field(DossierKind.YEAR_END, description=KIND_DESCRIPTION)
    authority: AuthorityKind = Field(AuthorityKind.PROVINCE_CHAIR, description=AUTHORITY_DESCRIPTION)
    receiving_authority_id: int | None = Field(
        None, description="Cơ quan, người có thẩm quyền tiếp nhận (mã); bỏ trống: gửi tỉnh. Khen thưởng thuộc thẩm "
                          "quyền của thủ trưởng đơn vị, Chủ tịch UBND cấp xã gửi đến thẩm quyền của đơn vị.")
    year: int | None = None
    movement_id: int | None = Field(
        None, description="Phong trào thi đua (mã); chỉ phong trào đơn vị tham gia và còn nhận hồ sơ; bỏ trống: "
                          "không gắn phong trào.")
    cover_letter_number: str = ""
    cover_letter_date: datetime.date | None = None


class NominationIn(Schema):
    award_code: str
    person_id: int | None = None
    unit_id: int | None = None
    position_and_unit: str = ""
    achievement_summary: str = ""


class ReasonIn(Schema):
    reason: str = ""


class AcceptIn(Schema):
    reason: str = ""
    confirmed: bool = False  # required (with a reason) when the line's stored verdict is not "eligible"


class SubmitIn(Schema):
    late_justification: str = ""


class ReturnIn(Schema):
    reason: str
    line_fixes: dict[int, str] = {}


class AssignIn(Schema):
    specialist_id: int


class ChangeAwardIn(Schema):
    award_code: str
    reason: str


class ImportOut(Schema):
    batch: str
    lines: int
    persons_created: int


# --- helpers ------------------------------------------------------------------------------------------------

def _dossier_out(dossier) -> dict:
    return {
        "id": dossier.pk, "reference": dossier.reference, "title": dossier.title, "unit_id": dossier.unit_id,
        "unit": str(dossier.unit), "kind": dossier.kind, "kind_label": str(dossier.get_kind_display()),
        "authority": dossier.authority, "authority_label": str(dossier.get_authority_display()),
        "receiving_authority_id": dossier.receiving_authority_id, "receiving_authority": receiver_name(dossier),
        "state": dossier.state, "state_label": str(dossier.get_state_display()), "year": dossier.year,
        "movement_id": dossier.movement_id, "movement": dossier.movement.name if dossier.movement_id else None,
        "cover_letter_number": dossier.cover_letter_number, "cover_letter_date": dossier.cover_letter_date,
        "step_due_on": dossier.step_due_on, "assignee": dossier.assignee.username if dossier.assignee else None,
        "submitted_at": dossier.submitted_at,
    }


def _verdict(line) -> str | None:
    """The stored verdict's code (no rule runs)."""
    return verdicts.current_code(line) or None


def _computed_at(line) -> datetime.datetime | None:
    when = verdicts.computed_at(line)
    return when if isinstance(when, datetime.datetime) else None


def _label(choices, code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


def _state_label(event, code: str) -> str:
    return _label(NominationState if event.nomination_id else DossierState, code)


def _detail(dossier) -> dict:
    lines = dossier.nominations.select_related("person", "unit", "household", "award_type", "proposed_award_type")
    return _dossier_out(dossier) | {
        "nominations": [{
            "id": line.pk, "position": line.position, "recipient": str(line.recipient), "person_id": line.person_id,
            "unit_id": line.unit_id, "position_and_unit": line.position_and_unit,
            "proposed_award": line.proposed_award_type.code, "award": line.award_type.code, "state": line.state,
            "state_label": str(line.get_state_display()), "fix_request": line.fix_request,
            "decision_reason": line.decision_reason, "verdict": _verdict(line),
            "verdict_label": verdict_label(_verdict(line) or ""), "verdict_computed_at": _computed_at(line),
        } for line in lines],
        "documents": list(dossier.documents.values("id", "document_type", "nomination_id", "original_name",
                                                   "content_type", "size")),
        "events": [{"at": e.at, "kind": e.kind, "kind_label": _label(EventKind, e.kind),
                    "from_state": e.from_state, "from_state_label": _state_label(e, e.from_state),
                    "to_state": e.to_state, "to_state_label": _state_label(e, e.to_state),
                    "reason": e.reason, "by": e.by.username if e.by else e.by_name}
                   for e in dossier.events.select_related("by")],
        "checklist": [{"document": str(row.requirement.get_document_type_display()),
                       "mandatory": row.requirement.mandatory, "satisfied": row.satisfied}
                      for row in checklist_status(dossier)],
    }


def _award(code: str) -> AwardType:
    award = AwardType.objects.filter(code=code, active=True).first()
    if award is None:
        raise Http404
    return award


def _act(request, pk, action, *args, write=True, **kwargs):
    dossier = get_dossier_for_user(request.user, pk, write=write)
    action(dossier, *args, by=request.user, **kwargs)
    return _detail(get_dossier_for_user(request.user, pk))


# --- reading ------------------------------------------------------------------------------------------------

@router.get("/dossiers", response=list[DossierOut], summary="Danh sách hồ sơ trong phạm vi của tài khoản")
def list_dossiers(request, state: DossierState | None = STATE_FILTER, kind: DossierKind | None = KIND_FILTER,
                  unit_id: int | None = None, offset: int = 0, limit: int = 50):
    queryset = (dossiers_for_user(request.user).select_related("unit", "assignee", "receiving_authority", "movement")
                .order_by("-id"))
    if state:
        queryset = queryset.filter(state=state)
    if kind:
        queryset = queryset.filter(kind=kind)
    if unit_id:
        queryset = queryset.filter(unit_id=unit_id)
    offset, limit = max(offset, 0), min(max(limit, 1), PAGE_LIMIT)
    return [_dossier_out(d) for d in queryset[offset:offset + limit]]


@router.get("/dossiers/{pk}", response=DossierDetailOut, summary="Chi tiết hồ sơ: dòng đề nghị, tài liệu, diễn biến")
def dossier_detail(request, pk: int):
    return _detail(get_dossier_for_user(request.user, pk))


@router.get("/documents/{pk}", summary="Tải tệp tài liệu của hồ sơ", response={200: None})
def download_document(request, pk: int):
    document = get_document_for_user(request.user, pk)
    return send_stored(document.file, document.original_name, content_type=document.content_type)


# --- the unit's side ----------------------------------------------------------------------------------------

def receiving_authority_or_404(pk):
    """Authorities are public facts (names and symbols); create_dossier checks that it is within reach."""
    return None if pk is None else get_object_or_404(IssuingAuthority, pk=pk, active=True)


@router.post("/dossiers", response={201: DossierDetailOut}, summary="Tạo hồ sơ (dự thảo)")
def create_dossier(request, payload: DossierIn):
    unit = get_unit_for_user(request.user, payload.unit_id)  # create_dossier checks the user may act for it
    dossier = workflow.create_dossier(
        unit=unit, title=payload.title, kind=payload.kind, authority=payload.authority,
        receiving_authority=receiving_authority_or_404(payload.receiving_authority_id), year=payload.year,
        movement=movement_by_id(payload.movement_id),
        cover_letter_number=payload.cover_letter_number, cover_letter_date=payload.cover_letter_date,
        by=request.user)
    return Status(201, _detail(dossier))


@router.post("/dossiers/{pk}/nominations", response={201: DossierDetailOut}, summary="Thêm một dòng đề nghị")
def add_line(request, pk: int, payload: NominationIn):
    dossier = get_dossier_for_user(request.user, pk, write=True)
    person = get_person_for_user(request.user, payload.person_id) if payload.person_id else None
    unit = get_unit_for_user(request.user, payload.unit_id) if payload.unit_id else None
    add_nomination(dossier, by=request.user, award_type=_award(payload.award_code), person=person, unit=unit,
                   position_and_unit=payload.position_and_unit, achievement_summary=payload.achievement_summary)
    return Status(201, _detail(dossier))


@router.delete("/nominations/{pk}", response={204: None}, summary="Xóa một dòng đề nghị (khi hồ sơ còn sửa được)")
def delete_line(request, pk: int):
    remove_nomination(get_nomination_for_user(request.user, pk, write=True), by=request.user)
    return Status(204, None)


@router.post("/dossiers/{pk}/import", response={201: ImportOut}, summary="Nhập danh sách đề nghị (Excel hoặc Word)")
def import_lines(request, pk: int, file: File[UploadedFile], choices: Form[str] = ""):
    """`choices`: JSON object row -> "link:<person id>" | "create" | "drop" for the doubtful rows; without a
    choice for each of them nothing is saved and the answer (400) names every doubtful row and its candidates.
    An `Idempotency-Key: <UUID>` header makes a retry safe: the same key again adds nothing and answers with
    the first import's batch and line count."""
    dossier = get_dossier_for_user(request.user, pk, write=True)
    key = request.headers.get("Idempotency-Key", "").strip()
    try:  # the key names the batch, as the upload form's key does (tdkt.dossiers.nominees.importing.batch_key)
        batch = uuid.UUID(key).hex if key else ""
    except ValueError as error:
        raise ValidationError("Idempotency-Key: phải là một UUID, ví dụ 3f0c8a52-1d2e-4b7a-9c61-0e5d4f2a7b18.") from error
    try:
        chosen = {int(row): str(choice) for row, choice in (json.loads(choices) if choices else {}).items()}
    except (ValueError, TypeError, AttributeError) as error:
        raise ValidationError("choices: một đối tượng JSON {số dòng: \"link:<id>\" | \"create\" | \"drop\"}.") from error
    outcome = import_list(dossier, file, by=request.user, choices=chosen, batch=batch)
    if not outcome.ok:
        messages = [str(problem) for problem in outcome.problems]
        for row in outcome.review:
            if not row.decided:
                candidates = "; ".join(f"link:{c['pk']} {c['name']} ({c['unit']}, {c['birth'] or '—'})"
                                       for c in row.linkable)
                messages.append(f"Dòng {row.row}: {row.reason}" + (f" [{candidates}]" if candidates else ""))
        raise ValidationError(messages)
    return Status(201, {"batch": outcome.batch, "lines": outcome.lines, "persons_created": outcome.persons_created})


@router.post("/dossiers/{pk}/documents", response={201: DocumentOut}, summary="Đính kèm tài liệu (PDF, Word, Excel, ảnh)")
def upload_document(request, pk: int, file: File[UploadedFile], document_type: Form[str],
                    nomination_id: Form[int | None] = None):
    dossier = get_dossier_for_user(request.user, pk, write=True)
    nomination = None
    if nomination_id:
        nomination = get_object_or_404(dossier.nominations, pk=nomination_id)
    document = add_document(dossier, by=request.user, document_type=document_type, uploaded=file,
                            nomination=nomination)
    return Status(201, document)


@router.post("/dossiers/{pk}/submit", response=DossierDetailOut, summary="Gửi hồ sơ lên tỉnh")
def submit(request, pk: int, payload: SubmitIn):
    return _act(request, pk, workflow.submit_dossier, late_justification=payload.late_justification)


@router.post("/dossiers/{pk}/resubmit", response=DossierDetailOut, summary="Gửi lại hồ sơ đã bổ sung")
def resubmit(request, pk: int, payload: ReasonIn):
    return _act(request, pk, workflow.resubmit_dossier, note=payload.reason)


@router.post("/dossiers/{pk}/withdraw", response=DossierDetailOut, summary="Rút hồ sơ")
def withdraw(request, pk: int, payload: ReasonIn):
    return _act(request, pk, workflow.withdraw_dossier, reason=payload.reason)


# --- the province's side ------------------------------------------------------------------------------------

@router.post("/dossiers/{pk}/receive", response=DossierDetailOut, summary="Tiếp nhận hồ sơ")
def receive(request, pk: int):
    return _act(request, pk, workflow.receive_dossier)


@router.post("/dossiers/{pk}/return-incomplete", response=DossierDetailOut, summary="Trả lại ngay vì thiếu thành phần")
def return_incomplete(request, pk: int, payload: ReasonIn):
    return _act(request, pk, workflow.return_incomplete, reason=payload.reason)


@router.post("/dossiers/{pk}/assign", response=DossierDetailOut, summary="Phân công chuyên viên thụ lý")
def assign(request, pk: int, payload: AssignIn):
    specialist = get_object_or_404(get_user_model(), pk=payload.specialist_id, is_active=True)
    return _act(request, pk, workflow.assign_specialist, specialist)


@router.post("/dossiers/{pk}/start-appraisal", response=DossierDetailOut, summary="Bắt đầu thẩm định")
def start_appraisal(request, pk: int):
    return _act(request, pk, workflow.start_appraisal)


@router.post("/dossiers/{pk}/return-for-completion", response=DossierDetailOut, summary="Trả lại để bổ sung")
def return_for_completion(request, pk: int, payload: ReturnIn):
    return _act(request, pk, workflow.return_for_completion, reason=payload.reason, line_fixes=payload.line_fixes)


@router.post("/dossiers/{pk}/hold", response=DossierDetailOut, summary="Tạm dừng hồ sơ")
def hold(request, pk: int, payload: ReasonIn):
    return _act(request, pk, workflow.put_on_hold, reason=payload.reason)


@router.post("/dossiers/{pk}/release", response=DossierDetailOut, summary="Tiếp tục hồ sơ đang tạm dừng")
def release(request, pk: int, payload: ReasonIn):
    return _act(request, pk, workflow.release_hold, reason=payload.reason)


@router.post("/dossiers/{pk}/ready-for-council", response=DossierDetailOut, summary="Sẵn sàng trình Hội đồng")
def ready_for_council(request, pk: int):
    return _act(request, pk, workflow.mark_ready_for_council)


def _line_act(request, pk, action, **kwargs):
    line = get_nomination_for_user(request.user, pk, write=True)
    action(line, by=request.user, **kwargs)
    return _detail(get_dossier_for_user(request.user, line.dossier_id))


@router.post("/nominations/{pk}/accept", response=DossierDetailOut, summary="Thẩm định: đạt")
def accept(request, pk: int, payload: AcceptIn):
    return _line_act(request, pk, line_decisions.accept_line, reason=payload.reason, confirmed=payload.confirmed)


@router.post("/nominations/{pk}/change-award", response=DossierDetailOut, summary="Thẩm định: đổi hình thức")
def change_award(request, pk: int, payload: ChangeAwardIn):
    return _line_act(request, pk, lambda line, **kw: line_decisions.change_line_award(
        line, _award(payload.award_code), **kw), reason=payload.reason)


@router.post("/nominations/{pk}/reject", response=DossierDetailOut, summary="Thẩm định: không đạt")
def reject(request, pk: int, payload: ReasonIn):
    return _line_act(request, pk, line_decisions.reject_line, reason=payload.reason)


@router.post("/nominations/{pk}/hold", response=DossierDetailOut, summary="Tạm dừng một dòng")
def hold_line(request, pk: int, payload: ReasonIn):
    return _line_act(request, pk, line_decisions.hold_line, reason=payload.reason)


@router.post("/nominations/{pk}/release", response=DossierDetailOut, summary="Tiếp tục một dòng đang tạm dừng")
def release_line(request, pk: int, payload: ReasonIn):
    return _line_act(request, pk, line_decisions.release_line, reason=payload.reason)
