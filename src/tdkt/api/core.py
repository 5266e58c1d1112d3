"""The versioned API object (/api/v1/). Endpoints live in tdkt.api.endpoints.* and call the same domain
functions as the HTML views; errors come back as {"detail": "<Vietnamese message>"}."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from tdkt.api.auth import TokenAuth

api = NinjaAPI(
    title="TĐKT API",
    version="1",
    description="API JSON của hệ thống Thi đua - Khen thưởng (hồ sơ đề nghị khen thưởng…). "
                "Xác thực: tiêu đề `Authorization: Bearer <token>`.",
    auth=TokenAuth(),
    urls_namespace="api",
)


def messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    messages = messages_of(exc)
    return api.create_response(request, {"detail": " ".join(messages), "errors": messages}, status=400)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("You may not do this.")}, status=403)
