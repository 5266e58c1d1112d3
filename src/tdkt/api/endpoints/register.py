"""The register, read by other systems: units (with their national administrative codes) and persons.

Lists follow the cursor (tdkt.api.paging); `?updated_since=` gives what changed since a moment. A unit user's
token sees its units' rows only; another unit's person is a 404."""

import datetime

from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from tdkt.api import queries
from tdkt.api.auth import TokenAuth
from tdkt.api.labels import codes_description, label_map
from tdkt.api.paging import DEFAULT_LIMIT, MAX_LIMIT, cursor_page, etagged
from tdkt.api.schemas import READ_ERRORS
from tdkt.api.scopes import READ_PERSONS, READ_UNITS
from tdkt.orgs.enums import UnitKind
from tdkt.people.enums import Gender, PersonCategory, PersonGroup

units_router = Router(tags=["Đơn vị"], auth=TokenAuth(READ_UNITS))
persons_router = Router(tags=["Cá nhân"], auth=TokenAuth(READ_PERSONS))
LABEL = "Tên gọi tiếng Việt của mã bên cạnh."
CURSOR = Query(None, description="Con trỏ trang sau: next_cursor của trang trước (để trống: từ đầu).")
SINCE = Query(None, description="Chỉ các bản ghi thay đổi từ thời điểm này (ISO 8601, có múi giờ).")
LIMIT = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Số bản ghi mỗi trang.")
NEXT = Field(description="Con trỏ để lấy trang sau, hoặc để đồng bộ tiếp về sau; null khi chưa có bản ghi nào.")


class UnitOut(Schema):
    id: int
    code: str = Field(description="Mã đơn vị trong hệ thống.")
    name: str
    short_name: str
    kind: str = Field(description=codes_description("Loại đơn vị (mã).", UnitKind.choices))
    kind_label: str = Field(description=LABEL)
    parent_id: int | None
    province_code: str | None = Field(description="Mã tỉnh 2 chữ số theo QĐ 19/2025/QĐ-TTg.")
    commune_code: str | None = Field(description="Mã xã, phường 5 chữ số theo QĐ 19/2025/QĐ-TTg (đơn vị cấp xã).")
    commune_name: str | None = Field(description="Tên xã, phường trong danh mục quốc gia.")
    established_on: datetime.date
    dissolved_on: datetime.date | None
    updated_at: datetime.datetime


class UnitPage(Schema):
    items: list[UnitOut]
    next_cursor: str | None = NEXT
    has_more: bool


class PersonOut(Schema):
    id: int
    full_name: str
    gender: str = Field(description=codes_description("Giới tính (mã; rỗng: chưa ghi).", Gender.choices))
    birth_year: int | None
    birth_date: datetime.date | None = Field(description="Chỉ khi personal_data là true.")
    national_id: str | None = Field(description="Số định danh cá nhân: đủ 12 số khi personal_data là true, "
                                                "nếu không thì che, chỉ hiện 3 số cuối.")
    personal_data: bool = Field(description="Tài khoản được xem dữ liệu cá nhân của người này.")
    ethnicity: str
    position: str
    unit_id: int
    category: str = Field(description=codes_description("Đối tượng (mã).", PersonCategory.choices))
    category_label: str = Field(description=LABEL)
    statistical_group: str = Field(description=codes_description(
        "Nhóm thống kê đã xác nhận (mã; rỗng: chưa phân loại).", PersonGroup.choices))
    updated_at: datetime.datetime


class PersonPage(Schema):
    items: list[PersonOut]
    next_cursor: str | None = NEXT
    has_more: bool


def _unit_out(unit, province_code, communes, kinds) -> dict:
    code = queries.commune_code(unit)
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "short_name": unit.short_name, "kind": unit.kind,
            "kind_label": kinds.get(unit.kind, ""), "parent_id": unit.parent_id, "province_code": province_code,
            "commune_code": code, "commune_name": communes.get(code) if code else None,
            "established_on": unit.established_on, "dissolved_on": unit.dissolved_on, "updated_at": unit.updated_at}


def _person_out(user, person, categories) -> dict:
    return {"id": person.pk, "full_name": person.full_name, "gender": person.gender, "birth_year": person.birth_year,
            **queries.personal_fields(user, person), "ethnicity": person.ethnicity, "position": person.position,
            "unit_id": person.unit_id, "category": person.category,
            "category_label": categories.get(person.category, ""), "statistical_group": person.statistical_group,
            "updated_at": person.updated_at}


@units_router.get("/units", response={200: UnitPage, **READ_ERRORS}, summary="Danh sách đơn vị (kèm mã hành chính quốc gia)")
@decorate_view(etagged)
def list_units(request, cursor: str | None = CURSOR, updated_since: datetime.datetime | None = SINCE,
               limit: int = LIMIT):
    page = cursor_page(queries.units_for_user(request.user), cursor=cursor, updated_since=updated_since, limit=limit)
    province_code, communes = queries.national_codes()
    kinds = label_map(UnitKind.choices)
    return {"items": [_unit_out(unit, province_code, communes, kinds) for unit in page.items],
            "next_cursor": page.next_cursor, "has_more": page.has_more}


@units_router.get("/units/{pk}", response={200: UnitOut, **READ_ERRORS}, summary="Một đơn vị")
@decorate_view(etagged)
def unit_detail(request, pk: int):
    province_code, communes = queries.national_codes()
    return _unit_out(queries.get_unit_for_user(request.user, pk), province_code, communes, label_map(UnitKind.choices))


@persons_router.get("/persons", response={200: PersonPage, **READ_ERRORS},
                    summary="Danh sách cá nhân (dữ liệu cá nhân chỉ trong phạm vi của tài khoản)")
@decorate_view(etagged)
def list_persons(request, cursor: str | None = CURSOR, updated_since: datetime.datetime | None = SINCE,
                 limit: int = LIMIT, unit_id: int | None = Query(None, description="Chỉ người của đơn vị này.")):
    page = cursor_page(queries.persons_for_user(request.user, unit_id=unit_id), cursor=cursor,
                       updated_since=updated_since, limit=limit)
    categories = label_map(PersonCategory.choices)
    items = [_person_out(request.user, person, categories) for person in page.items]
    queries.log_personal_access(request.user, items, request.get_full_path())
    return {"items": items, "next_cursor": page.next_cursor, "has_more": page.has_more}


@persons_router.get("/persons/{pk}", response={200: PersonOut, **READ_ERRORS}, summary="Một cá nhân")
@decorate_view(etagged)
def person_detail(request, pk: int):
    item = _person_out(request.user, queries.get_person(request.user, pk), label_map(PersonCategory.choices))
    queries.log_personal_access(request.user, [item], request.get_full_path())
    return item
