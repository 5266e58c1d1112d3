"""Multi-row INSERT … RETURNING id for the commit of large imports.

Django's bulk_create builds its SQL value by value through the compiler: for 100,000 award records that
costs several seconds. This builds the statement once per sub-batch, with each field's own
`pre_save` and `get_db_prep_save` (so auto_now_add, JSON, dates and future fields are handled as Django
would), and reads the new primary keys back in the order of the rows, as bulk_create does on SQLite
3.35+ and PostgreSQL. A fixed number of statements per chunk: one on PostgreSQL (INSERT … SELECT FROM
unnest(arrays)), ceil(rows / ROWS_PER_STATEMENT) on SQLite.
"""

from django.db import connection

ROWS_PER_STATEMENT = 500  # 500 rows × ≤ 20 columns stays far below SQLite's 32,766 bound parameters


def _set_ids(objs: list, ids: list) -> None:
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias


def insert_returning_ids(objs: list) -> None:
    """Insert unsaved model instances of one model and set their primary keys."""
    if not objs:
        return
    meta = type(objs[0])._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table, pk_column = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
    if connection.vendor == "postgresql":
        # One array per column and a handful of placeholders, whatever the number of rows: psycopg parses
        # a statement with thousands of placeholders slowly, and PostgreSQL plans this one once.
        arrays = [[field.get_db_prep_save(field.pre_save(obj, True), connection) for obj in objs] for field in fields]
        unnest = ", ".join(f"%s::{field.cast_db_type(connection)}[]" for field in fields)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} ({columns}) SELECT * FROM unnest({unnest}) "  # noqa: S608
                           f"RETURNING {pk_column}", arrays)
            _set_ids(objs, [row[0] for row in cursor.fetchall()])
        return
    row_marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    for start in range(0, len(objs), ROWS_PER_STATEMENT):
        part = objs[start:start + ROWS_PER_STATEMENT]
        params = [field.get_db_prep_save(field.pre_save(obj, True), connection) for obj in part for field in fields]
        sql = (f"INSERT INTO {table} ({columns}) VALUES {', '.join([row_marks] * len(part))} "  # noqa: S608
               f"RETURNING {pk_column}")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            _set_ids(part, [row[0] for row in cursor.fetchall()])
