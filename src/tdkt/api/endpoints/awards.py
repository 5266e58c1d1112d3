"""Award records (the history, CSDL khen thưởng) and certificate verification, for other systems.

`/awards?person_id=` or `?unit_id=` is that recipient's history; without them, every record the token's user
may see, in (updated_at, id) order for incremental sync."""

import datetime

from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from tdkt.api import queries
from tdkt.api.auth import TokenAuth
from tdkt.api.core import json_date, prebuilt
from tdkt.api.endpoints.register import CURSOR, LABEL, LIMIT, NEXT, SINCE
from tdkt.api.labels import codes_description, label_map
from tdkt.api.paging import cursor_page, etagged
from tdkt.api.schemas import READ_ERRORS
from tdkt.api.scopes import READ_AWARDS
from tdkt.awards.enums import AwardBasis, AwardSource, RecipientKind
from tdkt.decisions.certificates.services import verify
from tdkt.people.enums import PersonGroup

router = Router(tags=["Khen thưởng"], auth=TokenAuth(READ_AWARDS))
VERIFICATION_STATES = [("genuine", "Phôi thật, do hệ thống cấp"), ("revoked", "Khen thưởng đã bị hủy bỏ"),
                       ("unknown", "Không có giấy khen, bằng khen nào mang mã này")]


class AwardOut(Schema):
    id: int
    recipient_kind: str = Field(description=codes_description("Đối tượng được khen (mã).", RecipientKind.choices))
    person_id: int | None
    unit_id: int | None
    household_id: int | None
    recipient_name: str
    award_type_id: int
    award_type: str
    basis: str = Field(description=codes_description("Loại hình khen thưởng (mã).", AwardBasis.choices))
    basis_label: str = Field(description=LABEL)
    year: int = Field(description="Năm thành tích.")
    school_year: str
    period_from: datetime.date | None
    period_to: datetime.date | None
    decision_number: str
    decision_date: datetime.date | None
    decision_issuer: str
    source: str = Field(description=codes_description("Nguồn của bản ghi (mã).", AwardSource.choices))
    source_label: str = Field(description=LABEL)
    person_group: str = Field(description=codes_description(
        "Nhóm thống kê khi khen (mã; rỗng: chưa phân loại).", PersonGroup.choices))
    is_enterprise: bool
    updated_at: datetime.datetime


class AwardPage(Schema):
    items: list[AwardOut]
    next_cursor: str | None = NEXT
    has_more: bool


class VerificationOut(Schema):
    status: str = Field(description=codes_description("Kết quả xác thực (mã).", VERIFICATION_STATES))
    status_label: str = Field(description=LABEL)
    recipient: str | None
    position_and_unit: str | None
    award: str | None
    decision_id: int | None
    decision_number: str | None
    decision_date: datetime.date | None
    issuer: str | None
    register_number: str | None
    revoked_by_number: str | None
    revoked_by_date: datetime.date | None


def _recipient_name(row: dict) -> str:
    if row["person_id"]:
        return row["person__full_name"]
    return row["unit__name"] if row["unit_id"] else row["household__head_name"]


def _recipient_kind(row: dict) -> str:
    if row["person_id"]:
        return RecipientKind.INDIVIDUAL.value
    return RecipientKind.COLLECTIVE.value if row["unit_id"] else RecipientKind.HOUSEHOLD.value


def _award_out(row: dict, labels, day) -> dict:
    return {"id": row["id"], "recipient_kind": _recipient_kind(row), "person_id": row["person_id"],
            "unit_id": row["unit_id"], "household_id": row["household_id"], "recipient_name": _recipient_name(row),
            "award_type_id": row["award_type_id"], "award_type": row["award_type__name"], "basis": row["basis"],
            "basis_label": labels["basis"].get(row["basis"], ""), "year": row["year"], "school_year": row["school_year"],
            "period_from": day(row["period_from"]), "period_to": day(row["period_to"]),
            "decision_number": row["decision_number"], "decision_date": day(row["decision_date"]),
            "decision_issuer": row["decision_issuer"], "source": row["source"],
            "source_label": labels["source"].get(row["source"], ""), "person_group": row["person_group"],
            "is_enterprise": row["is_enterprise"], "updated_at": json_date(row["updated_at"])}


def _day_writer():
    """json_date for the dates of one page, each distinct date written once (a page has few of them)."""
    written = {None: None}

    def day(value):
        if value not in written:
            written[value] = json_date(value)
        return written[value]
    return day


@router.get("/awards", response={200: AwardPage, **READ_ERRORS}, summary="Danh sách khen thưởng (lịch sử của một cá nhân, tập thể)")
@decorate_view(etagged)
def list_awards(request, cursor: str | None = CURSOR, updated_since: datetime.datetime | None = SINCE,
                limit: int = LIMIT, person_id: int | None = Query(None, description="Lịch sử của cá nhân này."),
                unit_id: int | None = Query(None, description="Lịch sử của tập thể này.")):
    """Built from values() rows and rendered as it is: a page of 1,000 records validated field by field against
    AwardPage cost most of a full sync's time (bench_api_sync). The dictionaries have exactly AwardPage's
    fields and types (tests/api/test_register_api.py checks an answer against the schema), and the renderer is
    the API's own, so dates and times are written as in every other answer."""
    page = cursor_page(queries.award_rows_for_user(request.user, person_id=person_id, unit_id=unit_id),
                       cursor=cursor, updated_since=updated_since, limit=limit)
    labels = {"basis": label_map(AwardBasis.choices), "source": label_map(AwardSource.choices)}
    day = _day_writer()
    return prebuilt(request, {"items": [_award_out(row, labels, day) for row in page.items],
                              "next_cursor": page.next_cursor, "has_more": page.has_more})


@router.get("/certificates/{code}", response={200: VerificationOut, **READ_ERRORS}, summary="Xác thực giấy khen, bằng khen theo mã")
@decorate_view(etagged)
def verify_certificate(request, code: str):
    """The same answer as the public verification page (tdkt.portal), as data: a code that is not found is
    "unknown" (200, so a client tells it apart from a wrong URL)."""
    result = verify(code)
    line = result.certificate.line if result.certificate else None
    revoking = result.revoking_decision
    return {"status": result.status, "status_label": dict(VERIFICATION_STATES)[result.status],
            "recipient": line.display_name if line else None,
            "position_and_unit": line.position_and_unit if line else None,
            "award": line.award_type.name if line else None, "decision_id": line.decision_id if line else None,
            "decision_number": line.decision.number_text if line else None,
            "decision_date": line.decision.decision_date if line else None,
            "issuer": line.decision.authority.name if line else None,
            "register_number": result.certificate.register_text if line else None,
            "revoked_by_number": revoking.number_text if revoking else None,
            "revoked_by_date": revoking.decision_date if revoking else None}
