"""Issued (signed or published) award decisions, with the lines the token's user may see and the metadata
of their documents; the signed copy downloads through the API with the same token."""

import datetime

from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.decorators import decorate_view

from tdkt.api import queries
from tdkt.api.auth import TokenAuth
from tdkt.api.endpoints.register import CURSOR, LABEL, LIMIT, NEXT, SINCE
from tdkt.api.labels import codes_description, label_map
from tdkt.api.paging import cursor_page, etagged
from tdkt.api.schemas import READ_ERRORS
from tdkt.api.scopes import READ_DECISIONS
from tdkt.decisions.documents import decision_filename
from tdkt.decisions.enums import DecisionKind, DecisionState, LineGroup, LineKind
from tdkt.lib.downloads import send_stored

router = Router(tags=["Quyết định khen thưởng"], auth=TokenAuth(READ_DECISIONS))
PDF_TYPE = "application/pdf"


class LineOut(Schema):
    id: int
    group: str = Field(description=codes_description("Phần của phụ lục (mã).", LineGroup.choices))
    group_label: str = Field(description=LABEL)
    kind: str = Field(description=codes_description("Loại dòng (mã).", LineKind.choices))
    display_name: str
    position_and_unit: str
    person_id: int | None
    unit_id: int | None
    household_id: int | None
    award_type_id: int
    award_type: str
    amount: int = Field(description="Tiền thưởng (đồng).")
    revoked: bool = Field(description="Dòng đã bị một quyết định hủy bỏ đã ký thu hồi.")


class DocumentOut(Schema):
    kind: str = Field(description="`signed_pdf`: bản quyết định đã ký.")
    name: str
    content_type: str
    size: int | None
    sha256: str
    recorded_at: datetime.datetime | None
    url: str = Field(description="Tải về qua API, với cùng token.")


class DecisionOut(Schema):
    id: int
    number: str = Field(description="Số, ký hiệu: 123/QĐ-UBND.")
    decision_date: datetime.date | None
    title: str
    kind: str = Field(description=codes_description("Loại quyết định (mã).", DecisionKind.choices))
    kind_label: str = Field(description=LABEL)
    state: str = Field(description=codes_description("Trạng thái (mã).", DecisionState.choices))
    state_label: str = Field(description=LABEL)
    authority_id: int
    authority: str
    award_type_id: int
    award_type: str
    achievement_year: int
    signer_name: str
    signer_position: str
    corrects_id: int | None
    revokes_id: int | None
    published_at: datetime.datetime | None
    updated_at: datetime.datetime
    lines: list[LineOut]
    documents: list[DocumentOut]


class DecisionPage(Schema):
    items: list[DecisionOut]
    next_cursor: str | None = NEXT
    has_more: bool


def _line_out(line, groups) -> dict:
    return {"id": line.pk, "group": line.group, "group_label": groups.get(line.group, ""), "kind": line.kind,
            "display_name": line.display_name, "position_and_unit": line.position_and_unit,
            "person_id": line.person_id, "unit_id": line.unit_id, "household_id": line.household_id,
            "award_type_id": line.award_type_id, "award_type": line.award_type.name, "amount": line.amount,
            "revoked": bool(line.revoked)}


def _documents(decision) -> list[dict]:
    if not decision.signed_pdf:
        return []
    return [{"kind": "signed_pdf", "name": decision_filename(decision, "signed.pdf"), "content_type": PDF_TYPE,
             "size": decision.signed_pdf_size, "sha256": decision.signed_pdf_sha256, "recorded_at": decision.signed_at,
             "url": reverse("api:download_signed_decision", kwargs={"pk": decision.pk})}]


def _decision_out(decision, lines) -> dict:
    groups = label_map(LineGroup.choices)
    return {"id": decision.pk, "number": decision.number_text, "decision_date": decision.decision_date,
            "title": decision.title, "kind": decision.kind, "kind_label": str(decision.get_kind_display()),
            "state": decision.state, "state_label": str(decision.get_state_display()),
            "authority_id": decision.authority_id, "authority": decision.authority.name,
            "award_type_id": decision.award_type_id, "award_type": decision.award_type.name,
            "achievement_year": decision.achievement_year, "signer_name": decision.signer_name,
            "signer_position": decision.signer_position, "corrects_id": decision.corrects_id,
            "revokes_id": decision.revokes_id, "published_at": decision.published_at,
            "updated_at": decision.updated_at, "lines": [_line_out(line, groups) for line in lines],
            "documents": _documents(decision)}


@router.get("/decisions", response={200: DecisionPage, **READ_ERRORS}, summary="Các quyết định đã ký, đã công bố")
@decorate_view(etagged)
def list_decisions(request, cursor: str | None = CURSOR, updated_since: datetime.datetime | None = SINCE,
                   limit: int = LIMIT):
    page = cursor_page(queries.issued_decisions_for_user(request.user), cursor=cursor, updated_since=updated_since,
                       limit=limit)
    return {"items": [_decision_out(decision, decision.visible_lines) for decision in page.items],
            "next_cursor": page.next_cursor, "has_more": page.has_more}


@router.get("/decisions/{pk}", response={200: DecisionOut, **READ_ERRORS}, summary="Một quyết định đã ký")
@decorate_view(etagged)
def decision_detail(request, pk: int):
    decision, lines = queries.get_issued_decision(request.user, pk)
    return _decision_out(decision, lines)


@router.get("/decisions/{pk}/signed.pdf", summary="Tải bản quyết định đã ký (PDF)",
            response={200: None, **READ_ERRORS}, url_name="download_signed_decision")
def download_signed_decision(request, pk: int):
    decision, _lines = queries.get_issued_decision(request.user, pk)
    return send_stored(decision.signed_pdf, decision_filename(decision, "signed.pdf"), content_type=PDF_TYPE)
