"""The versioned API object (/api/v1/). Endpoints live in tdkt.api.endpoints.* and call the same domain
functions as the HTML views; errors come back as {"detail": "<Vietnamese message>"}."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as RequestValidationError

from tdkt.api.auth import RateLimited, TokenAuth

api = NinjaAPI(
    title="TĐKT API",
    version="1",
    description="API JSON của hệ thống Thi đua - Khen thưởng: đơn vị, cá nhân, khen thưởng, quyết định, xác thực "
                "giấy khen, hồ sơ đề nghị khen thưởng. Xác thực: tiêu đề `Authorization: Bearer <token>`; mỗi token "
                "có các quyền (`read:units`, `read:persons`, `read:awards`, `read:decisions`, `read:dossiers`, "
                "`write:dossiers`…). Danh sách phân trang bằng con trỏ (tham số cursor, trường next_cursor), lọc "
                "theo thời điểm thay đổi (tham số updated_since), có ETag (tiêu đề If-None-Match → 304).",
    auth=TokenAuth(),
    urls_namespace="api",
)


def prebuilt(request, data, status: int = 200):
    """An answer whose dictionaries are already shaped as the operation's schema, rendered by the API's renderer
    (the same JSON as any other answer) without pydantic validating it field by field: for the long pages of
    incremental sync, where that validation cost more than the query. The operation still declares its schema
    (OpenAPI), and its tests check answers against it."""
    return api.create_response(request, data, status=status)


def json_date(value):
    """A date or an aware datetime as the API's renderer writes it (DjangoJSONEncoder: ISO 8601, milliseconds,
    "Z" for UTC), done before rendering so that the encoder meets strings only: calling the encoder's default()
    for two values of each of 1,000 rows cost a third of an award page."""
    if value is None or not hasattr(value, "hour"):
        return None if value is None else value.isoformat()
    text = value.isoformat()
    if value.microsecond:
        text = text[:23] + text[26:]
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    messages = messages_of(exc)
    return api.create_response(request, {"detail": " ".join(messages), "errors": messages}, status=400)


@api.exception_handler(RequestValidationError)
def request_invalid(request, exc):
    """A parameter or body field of the wrong type or out of range: which ones, in Vietnamese; pydantic's own
    list stays under "errors" for programs."""
    fields = [".".join(str(part) for part in error.get("loc", ()) if part != "body") for error in exc.errors]
    return api.create_response(request, {"detail": _("Invalid data in: %(fields)s.") % {
        "fields": ", ".join(dict.fromkeys(field for field in fields if field)) or "?"}, "errors": exc.errors},
        status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": _(
        "Missing, unknown or revoked API token: send the header Authorization: Bearer <token>.")}, status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(RateLimited)
def rate_limited(request, exc):
    response = api.create_response(request, {"detail": _(
        "Too many requests with this API token: try again in %(seconds)d seconds.") % {"seconds": exc.retry_after}},
        status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("You may not do this.")}, status=403)
