"""Text matching in the database without case and diacritics, on both databases.

PostgreSQL uses unaccent (installed by core's migration); SQLite (development, tests) folds both sides with
tdkt.lib.vntext.fold through a function registered on the connection. "to chuc" finds "Tổ chức", "dong" finds
"Đông", "nguyen van an" finds "Ông Nguyễn Văn An". Shared by the officers' search (tdkt.core.search) and the
public portal's search (tdkt.portal.search), so both find the same rows for the same text.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import CharField, Func, Q
from django.db.models.lookups import Contains

from tdkt.lib.vntext import fold


class Folded(Func):
    """tdkt.lib.vntext.fold of a column, on SQLite: a deterministic function of the connection."""

    function = "tdkt_fold"
    output_field = CharField()


def _fold_or_none(value):
    return None if value is None else fold(value)


def _sqlite_fold_function() -> None:
    # Registered on the open connection, once per search: cheap, and right whichever code opened it.
    connection.ensure_connection()
    connection.connection.create_function("tdkt_fold", 1, _fold_or_none, deterministic=True)


def text_match(field_name: str, text: str) -> Q:
    """`field_name` contains `text`, ignoring case and diacritics (a Q for .filter(), also inside Exists)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field_name}__unaccent__icontains": text})
    _sqlite_fold_function()
    return Q(Contains(Folded(field_name), fold(text)))
