"""The error body every operation may answer with, declared in the schema so that clients (and the schema
test) know each status code: {"detail": "<Vietnamese message>", "errors": [...]}."""

from typing import Any

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(description="Lý do, bằng tiếng Việt.")
    errors: list[Any] | None = Field(None, description="Chi tiết từng lỗi (dữ liệu không hợp lệ).")


# 400: a cursor or a time the endpoint refused; 401: no valid token; 403: scope or expiry; 404: not found or
# another unit's; 422: a parameter of the wrong type or out of range; 429: the token's rate limit.
READ_ERRORS = dict.fromkeys((400, 401, 403, 404, 422, 429), ErrorOut)
