"""Bulk rows for the benchmarks' seeders: executemany on SQLite, COPY on PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, inspect

from disputedesk.db import Base


def db_value(value: Any, sqlite: bool) -> Any:
    """A Python value as the driver stores it (SQLite: naive UTC text; JSON as text)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ") if sqlite else value
    if isinstance(value, list | dict):
        return json.dumps(value)
    return value


def insert_rows(
    cursor: Any,
    table: str,
    cols: list[str],
    rows: list[tuple[Any, ...]],
    tail: tuple[Any, ...],
    *,
    sqlite: bool,
) -> None:
    """Insert `rows` (each followed by the fixed `tail` values) into `table` on the raw cursor."""
    fixed = tuple(db_value(v, sqlite) for v in tail)
    values = [tuple(db_value(v, sqlite) for v in row) + fixed for row in rows]
    if sqlite:
        marks = ", ".join("?" for _ in cols)
        cursor.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", values)
    else:
        with cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)


def not_null_defaults(
    engine: Engine, table: str, given: tuple[str, ...]
) -> tuple[list[str], list[Any]]:
    """The table's other NOT NULL columns and a value for each, from the models' defaults."""
    model = Base.metadata.tables[table]
    names, values = [], []
    for column in inspect(engine).get_columns(table):
        name = column["name"]
        if name in given or column["nullable"]:
            continue
        default = model.c[name].default if name in model.c else None
        if default is None or not hasattr(default, "arg"):
            raise SystemExit(f"{table}.{name} is NOT NULL without a default: teach the bench")
        arg = default.arg
        values.append(arg(None) if callable(arg) else arg)
        names.append(name)
    return names, values
