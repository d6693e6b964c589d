"""API shapes read straight from table rows: the hot read paths' way around the ORM.

The queue and a dispute's page are read far more often than anything else. Loading ORM objects
and validating them into pydantic models costs several times what the SQL does, so these paths
select exactly the columns of an output model (`Shape`), turn each row into a plain dict of JSON
values, and answer with `json_bytes`. The output models stay the contract: the schema in the
OpenAPI document, and tests check that a shape's dicts are what validating the model gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import orjson
from pydantic import BaseModel
from sqlalchemy import Column, Connection, Executable, Row, Select, Table, select
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
        self, conn: Connection, statement: Executable, params: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Every row `statement` (a SELECT of these columns) finds, as dicts."""
        return self.dicts(conn.execute(statement, params).all())

    def dicts(self, rows: Iterable[Row[Any] | Sequence[Any]]) -> list[dict[str, Any]]:
        """Every row as a dict."""
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in rows]
