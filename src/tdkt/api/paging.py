"""Cursor pagination and conditional GET for the register endpoints (units, persons, awards, decisions).

Every list is ordered by (updated_at, id). The cursor is the position of the last row a client received,
written as an opaque string; the next page starts strictly after it. A client syncing incrementally keeps the
last `next_cursor` it got (also given on the last page) and asks again later: it receives exactly the rows
changed since. `?updated_since=` starts from a point in time instead.

The cursor is not secret and not signed: it only positions a query that is already limited to what the
token's user may see. Anything that is not a cursor this module wrote is refused (400, in Vietnamese)."""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import ValidationError
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.translation import gettext as _

CURSOR_VERSION = 1
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def encode_cursor(updated_at: datetime.datetime, pk: int) -> str:
    payload = json.dumps([CURSOR_VERSION, updated_at.isoformat(), pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(text: str) -> tuple[datetime.datetime, int]:
    """The (updated_at, id) a cursor holds; ValueError for anything encode_cursor did not write."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        version, stamp, pk = json.loads(raw.decode())
        moment = datetime.datetime.fromisoformat(stamp)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as exc:
        raise ValueError(text) from exc
    if (version != CURSOR_VERSION or type(pk) is not int or pk < 1 or moment.tzinfo is None
            or encode_cursor(moment, pk) != text.rstrip("=")):
        raise ValueError(text)
    return moment, pk


@dataclass(frozen=True)
class Page:
    items: list
    next_cursor: str | None
    has_more: bool


def cursor_page(queryset, *, cursor: str | None, updated_since: datetime.datetime | None, limit: int) -> Page:
    """One page of `queryset` (model instances, or values() dictionaries holding updated_at and id) in
    (updated_at, id) order, after `cursor` and from `updated_since`: one query."""
    queryset = queryset.order_by("updated_at", "id")
    if updated_since is not None:
        if updated_since.tzinfo is None:
            raise ValidationError(_("updated_since needs a time zone, for example 2026-12-01T00:00:00+07:00."))
        # In UTC: Python takes offsets up to ±24 h, PostgreSQL refuses those beyond ±16 h (a 500 found by fuzzing).
        try:
            updated_since = updated_since.astimezone(datetime.UTC)
        except OverflowError:  # 0001-01-01T00:00+05:00 is before the first representable moment, 9999-12-31… after
            bound = datetime.datetime.min if updated_since.year == 1 else datetime.datetime.max
            updated_since = bound.replace(tzinfo=datetime.UTC)
        queryset = queryset.filter(updated_at__gte=updated_since)
    if cursor:
        try:
            moment, pk = decode_cursor(cursor)
        except ValueError:
            raise ValidationError(_("The cursor is not valid: use the next_cursor of an earlier page.")) from None
        # A range on the (updated_at, id) index, then the rows of the same instant up to the cursor dropped.
        queryset = queryset.filter(updated_at__gte=moment).exclude(updated_at=moment, id__lte=pk)
    rows = list(queryset[:limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(*_position(rows[-1])) if rows else cursor
    return Page(rows, next_cursor, has_more)


def _position(row) -> tuple[datetime.datetime, int]:
    """(updated_at, id) of a model instance or of a values() dictionary."""
    if isinstance(row, dict):
        return row["updated_at"], row["id"]
    return row.updated_at, row.pk


def etagged(view):
    """ETag on every 200 answer to a GET, 304 when If-None-Match matches it. The body depends on the token's
    user, so caches are told to keep it private and to vary on Authorization."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["Authorization"])
        patch_cache_control(response, private=True)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            set_response_etag(response)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response
    return wrapper
