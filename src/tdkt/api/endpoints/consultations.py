"""Hiệp y and công khai through the API: the standing body sends requests and publishes notices; a consulted
agency (police, tax, …) lists the requests addressed to it and answers from its own document system."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.api.auth import TokenAuth
from tdkt.api.labels import codes_description
from tdkt.api.scopes import READ_DOSSIERS, WRITE_CONSULTATIONS
from tdkt.dossiers.consultations.enums import RequestState
from tdkt.dossiers.consultations.models import ConsultedAgency
from tdkt.dossiers.consultations.queries import get_request_for_agency_user, inbox_for_agency_user
from tdkt.dossiers.consultations.services import answer_consultation, send_consultation
from tdkt.dossiers.postings.services import publish_notice
from tdkt.dossiers.queries import get_dossier_for_user

router = Router(tags=["Hiệp y, công khai"], auth=TokenAuth(READ_DOSSIERS, write=WRITE_CONSULTATIONS))
REQUEST_STATE_DESCRIPTION = codes_description("Trạng thái của yêu cầu hiệp y (mã).", RequestState.choices)


class NomineeOut(Schema):
    id: int
    name: str
    position_and_unit: str
    award: str


class RequestOut(Schema):
    id: int
    agency: str
    dossier: str
    sent_on: datetime.date
    due_on: datetime.date
    state: str = Field(description=REQUEST_STATE_DESCRIPTION)
    state_label: str = Field(description="Tên gọi tiếng Việt của mã bên cạnh.")
    answer: str
    nominees: list[NomineeOut]


class SendIn(Schema):
    agency_ids: list[int]
    nomination_ids: list[int]
    due_on: datetime.date | None = None


class AnswerIn(Schema):
    objection: bool
    text: str = ""
    objected_nomination_ids: list[int] = []


class NoticeIn(Schema):
    title: str = ""
    introduction: str = ""


class NoticeOut(Schema):
    id: int
    title: str
    published_on: datetime.date | None
    ends_on: datetime.date | None


def _require_province(user) -> None:
    if not get_scope(user).roles & PROVINCE_WIDE_ROLES:
        raise PermissionDenied(_("Only the standing body may do this."))


def _request_out(request) -> dict:
    # Only what an agency needs to answer: names, positions, units, proposed awards (no personal data).
    return {"id": request.pk, "agency": str(request.agency), "dossier": request.dossier.title,
            "sent_on": request.sent_on, "due_on": request.due_on, "state": request.state,
            "state_label": str(request.get_state_display()), "answer": request.answer,
            "nominees": [{"id": n.pk, "name": str(n.recipient), "position_and_unit": n.position_and_unit,
                          "award": n.award_type.name} for n in request.nominations.all()]}


@router.post("/dossiers/{pk}/consultations", response={201: list[RequestOut]}, summary="Gửi lấy ý kiến hiệp y")
def send(request, pk: int, payload: SendIn):
    _require_province(request.user)
    dossier = get_dossier_for_user(request.user, pk)
    agencies = ConsultedAgency.objects.filter(pk__in=payload.agency_ids)
    nominations = dossier.nominations.filter(pk__in=payload.nomination_ids)
    sent = send_consultation(dossier, by=request.user, agencies=agencies, nominations=nominations,
                             due_on=payload.due_on)
    return Status(201, [_request_out(r) for r in sent])


@router.get("/consultations", response=list[RequestOut], summary="Các đề nghị hiệp y gửi đến cơ quan của tài khoản")
def inbox(request):
    return [_request_out(r) for r in inbox_for_agency_user(request.user).prefetch_related(
        "nominations__person", "nominations__unit", "nominations__household", "nominations__award_type")]


@router.post("/consultations/{pk}/answer", response=RequestOut, summary="Trả lời hiệp y")
def answer(request, pk: int, payload: AnswerIn):
    consultation = get_request_for_agency_user(request.user, pk)
    answer_consultation(consultation, by=request.user, objection=payload.objection, text=payload.text,
                        objected_nominations=payload.objected_nomination_ids)
    return _request_out(get_request_for_agency_user(request.user, pk))


@router.post("/dossiers/{pk}/public-notice", response={201: NoticeOut}, summary="Công khai danh sách đề nghị")
def publish(request, pk: int, payload: NoticeIn):
    _require_province(request.user)
    dossier = get_dossier_for_user(request.user, pk)
    notice = publish_notice(dossier, by=request.user, title=payload.title, introduction=payload.introduction)
    return Status(201, {"id": notice.pk, "title": notice.title, "published_on": notice.published_on,
                        "ends_on": notice.ends_on})
