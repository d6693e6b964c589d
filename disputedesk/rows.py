"""API shapes read straight from table rows: the hot read paths' way around the ORM.

The queue and a dispute's page are read far more often than anything else. Loading ORM objects
and validating them into pydantic models costs several times what the SQL does, so these paths
select exactly the columns of an output model (`Shape`), turn each row into a plain dict of JSON
values, and answer with `json_bytes`. The output models stay the contract: the schema in the
OpenAPI document, and tests check that a shape's dicts are what validating the model gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import orjson
from pydantic import BaseModel
from sqlalchemy import Column, Connection, Row, Select, Table, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase

# Aware UTC datetimes as pydantic writes them ('...Z'), so both paths answer byte for byte alike.
_JSON_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS


def json_bytes(value: Any) -> bytes:
    """`value` as JSON, datetimes written the way the API's pydantic models write them."""
    return orjson.dumps(value, option=_JSON_OPTIONS)


class Shape:
    """The table columns an output model shows, as one prebuilt SELECT and a row-to-dict step.

    Built once per model at import: building a statement of forty columns costs more than
    running it. Fields the model has but the table does not (computed ones) are left out; the
    caller adds them.
    """

    def __init__(self, model: type[DeclarativeBase], out: type[BaseModel]) -> None:
        table = model.__table__
        assert isinstance(table, Table)
        self.columns: list[Column[Any]] = [table.c[n] for n in out.model_fields if n in table.c]
        self.names = tuple(c.key for c in self.columns)
        self.select: Select[Any] = select(*self.columns)

    def one(self, row: Row[Any] | Sequence[Any]) -> dict[str, Any]:
        """One row (selected by `self.select`) as a dict keyed by the model's field names."""
        return dict(zip(self.names, row, strict=True))

    def read(
        self, conn: Connection, statement: Prepared, params: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Every row `statement` (a SELECT of these columns) finds, as dicts."""
        return self.dicts(statement.rows(conn, params))

    def dicts(self, rows: Iterable[Row[Any] | Sequence[Any]]) -> list[dict[str, Any]]:
        """Every row as a dict."""
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in rows]


class Prepared:
    """A SELECT compiled once per database to its SQL text, then run on the driver's cursor.

    The hot reads run the same few statements thousands of times a minute; going through the
    engine's execution machinery for each costs more than SQLite takes to run one. The values
    still pass through each column type's own result processor (the same conversions the engine
    applies), parameters through the bind processors, and the engine's cursor events still fire,
    so logging and statement counting see these statements like any other.
    """

    def __init__(self, statement: Select[*tuple[Any, ...]]) -> None:
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def rows(self, conn: Connection, params: dict[str, Any]) -> list[list[Any]]:
        """Every row the statement finds for `params`, its values converted."""
        compiled = self._compiled.get(conn.dialect.name)
        if compiled is None:
            compiled = self._compiled[conn.dialect.name] = _Compiled(self.statement, conn)
        return compiled.run(conn, params)

    def first(self, conn: Connection, params: dict[str, Any]) -> list[Any] | None:
        """The first row the statement finds, or None."""
        found = self.rows(conn, params)
        return found[0] if found else None


class _Compiled:
    """One statement on one dialect: its SQL text, parameter order and value conversions."""

    def __init__(self, statement: Select[*tuple[Any, ...]], conn: Connection) -> None:
        dialect = conn.dialect
        self.compiled = statement.compile(dialect=dialect)
        # Values written into the statement (`kind == "follow_up"`, `LIMIT 1`) are bound too.
        self.fixed = {
            name: bind.effective_value
            for bind, name in self.compiled.bind_names.items()
            if not bind.required
        }
        # IN lists of a parameter's length (`expanding`) are written out at each run.
        self.expanding = "__[POSTCOMPILE_" in self.compiled.string
        self.lists = {name for bind, name in self.compiled.bind_names.items() if bind.expanding}
        self.sql = self.compiled.string
        self.order: Sequence[str] | None = self.compiled.positiontup
        self.bind_processors: dict[str, Callable[[Any], Any]] = {}
        for bind, name in self.compiled.bind_names.items():
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                self.bind_processors[name] = process
        self.types = [c.type.dialect_impl(dialect) for c in statement.selected_columns]
        self.dialect = dialect
        # Each column type's result processor, for the type the driver reports (first run).
        self.processors: list[Callable[[Any], Any] | None] | None = None

    def run(self, conn: Connection, params: dict[str, Any]) -> list[list[Any]]:
        if not conn.in_transaction():
            conn.begin()
        values = {**self.fixed, **params}
        sql, names = self.sql, self.order
        for name, process in self.bind_processors.items():
            if name in values:
                value = values[name]
                values[name] = [process(v) for v in value] if name in self.lists else process(value)
        if self.expanding:
            state = self.compiled.construct_expanded_state(values)
            sql, names, values = state.statement, state.positiontup, dict(state.parameters)
        args: Any = tuple(values[n] for n in names) if names is not None else values
        raw = conn.connection.dbapi_connection
        assert raw is not None
        driver_error = self.dialect.loaded_dbapi.Error
        cursor = raw.cursor()
        try:
            if conn.dispatch.before_cursor_execute:
                conn.dispatch.before_cursor_execute(conn, cursor, sql, args, None, False)
            cursor.execute(sql, args)
            found = cursor.fetchall()
            convert = self.processors
            if convert is None:
                convert = self.processors = [
                    kind.result_processor(self.dialect, described[1])
                    for kind, described in zip(self.types, cursor.description, strict=True)
                ]
            cursor.close()
        except driver_error as exc:
            # As the engine would: a lost connection is dropped from the pool, and the error
            # reaches the caller as SQLAlchemy's (the API answers 503 for a database away).
            gone = self.dialect.is_disconnect(exc, raw, cursor)
            if gone:
                conn.invalidate(exc)
            raise DBAPIError.instance(
                sql, args, exc, driver_error, connection_invalidated=gone, dialect=self.dialect
            ) from exc
        if not any(convert):
            return [list(row) for row in found]
        return [
            [p(v) if p is not None else v for p, v in zip(convert, row, strict=True)]
            for row in found
        ]
