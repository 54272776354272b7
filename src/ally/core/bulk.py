"""Fast inserts for imports and the demo: plain value tuples straight into a model's table.

bulk_create builds a model instance and prepares every field of every row in Python, which was
most of the time of a large import or demo. Here rows stay tuples: only the given fields that need
it (dates, times, JSON) are prepared per row, and each default is prepared once per call. Works on
SQLite and PostgreSQL; callers wrap it in the transaction they need.
"""

from django.db import connection, models
from django.utils import timezone


def insert_rows(model, columns: list[str], rows: list[tuple], *, returning: bool = False) -> list[int]:
    """INSERT `rows` (tuples in the order of `columns`); every other column gets its field's default.

    Returns the new ids in row order when `returning`, else an empty list.
    """
    if not rows:
        return []
    meta, ops = model._meta, connection.ops
    given = [meta.get_field(column) for column in columns]
    now = timezone.now()
    others = [f for f in meta.concrete_fields if not f.primary_key and f not in given]
    constants = tuple(
        f.get_db_prep_save(now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                           else f.get_default(), connection) for f in others)
    values = _prepared(given, rows, constants)
    fields = given + others
    sql = (f"INSERT INTO {ops.quote_name(meta.db_table)} ({', '.join(ops.quote_name(f.column) for f in fields)}) "
           "VALUES ")
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        if not returning:
            cursor.executemany(sql + placeholders, values)
            return []
        # Many rows per statement with RETURNING, as bulk_create does; the database returns ids in row order.
        ids, per_statement = [], max(1, min(1000, ops.bulk_batch_size(fields, values)))
        for start in range(0, len(values), per_statement):
            chunk = values[start:start + per_statement]
            cursor.execute(sql + ", ".join([placeholders] * len(chunk)) + f" RETURNING {ops.quote_name(meta.pk.column)}",
                           [value for row in chunk for value in row])
            ids += [row[0] for row in cursor.fetchall()]
        return ids


def _prepared(given: list, rows: list[tuple], constants: tuple) -> list[tuple]:
    dates = [i for i, f in enumerate(given) if isinstance(f, models.DateField)]  # DateTimeField is one too
    documents = [i for i, f in enumerate(given) if isinstance(f, models.JSONField)]
    if not dates and not documents:
        return [(*row, *constants) for row in rows]
    values, cache = [], {}  # rows share a handful of timestamps: prepare each distinct one once
    for row in rows:
        row = list(row)
        for i in dates:
            key = (i, row[i])
            if key not in cache:
                cache[key] = given[i].get_db_prep_save(row[i], connection)
            row[i] = cache[key]
        for i in documents:
            row[i] = given[i].get_db_prep_save(row[i], connection)
        values.append((*row, *constants))
    return values
