"""Statements run on the driver's cursor (`Prepared`) answer exactly what the engine answers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, bindparam, column, event, select, table, tuple_
from sqlalchemy.exc import DBAPIError

from disputedesk.disputes.models import Dispute, Message
from disputedesk.rows import Prepared
from tests.factories import make_dispute

_D = Dispute.__table__.c
_M = Message.__table__.c
_AFTER = bindparam("after", type_=_D.created_at.type)


def _both(conn: Connection, statement: Any, params: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    by_engine = [list(row) for row in conn.execute(statement, params).all()]
    return by_engine, Prepared(statement).rows(conn, params)


def test_values_come_back_converted_as_the_engine_converts_them(
    agent_client: TestClient, connection: Connection
) -> None:
    dispute = make_dispute(agent_client, tags=["vip", "repeat"])
    # Aware datetimes, JSON (a message's analysis, a dispute's tags), booleans, integers, text.
    statement = (
        select(_D.id, _D.created_at, _D.tags, _D.sla_paused, _D.subject, _M.analysis, _M.created_at)
        .join_from(Dispute, Message, _M.dispute_id == _D.id)
        .where(_D.id == bindparam("id"))
    )
    by_engine, prepared = _both(connection, statement, {"id": dispute["id"]})
    assert prepared == by_engine
    assert prepared[0][1].tzinfo is not None
    assert prepared[0][2] == ["repeat", "vip"]
    assert prepared[0][3] is False
    assert isinstance(prepared[0][5], dict)
    assert "sentiment" in prepared[0][5]


def test_in_lists_values_written_into_the_statement_and_bound_datetimes(
    agent_client: TestClient, connection: Connection
) -> None:
    ids = [make_dispute(agent_client)["id"] for _ in range(4)]
    last = connection.execute(select(_D.created_at).where(_D.id == ids[-1])).scalar_one()
    statement = (
        select(_D.id, _D.status)
        .where(
            _D.id.in_(bindparam("ids", expanding=True)),
            _D.status.in_(bindparam("statuses", expanding=True)),
            _D.channel == "web",  # a literal: bound by the statement itself
            tuple_(_D.created_at, _D.id) < tuple_(_AFTER, bindparam("after_id")),
        )
        .order_by(_D.id)
        .limit(3)
    )
    for chosen in (ids[:1], ids[1:], ids):
        # Before the last dispute in (created_at, id) order: the bound datetime must compare
        # as the stored value does (bound as the driver's default text, the last one matched).
        params = {"ids": chosen, "statuses": ["new"], "after": last, "after_id": ids[-1]}
        by_engine, prepared = _both(connection, statement, params)
        assert prepared == by_engine
        assert [row[0] for row in prepared] == sorted(set(chosen) - {ids[-1]})[:3]
    early = {"ids": ids, "statuses": ["new"], "after": datetime(2000, 1, 1, tzinfo=UTC),
             "after_id": 0}  # fmt: skip
    assert Prepared(statement).rows(connection, early) == []


def test_cursor_events_see_the_statement(engine: Engine, connection: Connection) -> None:
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", record)
    try:
        Prepared(select(_D.id).where(_D.id == bindparam("id"))).rows(connection, {"id": 1})
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(seen) == 1
    assert seen[0].startswith("SELECT disputes.id")


def test_a_prepared_read_on_a_fresh_connection_runs_in_a_transaction(engine: Engine) -> None:
    with engine.connect() as conn:
        assert not conn.in_transaction()
        assert Prepared(select(_D.id).where(_D.id == bindparam("id"))).rows(conn, {"id": -1}) == []
        assert conn.in_transaction()


def test_a_driver_error_reaches_the_caller_as_the_engines(connection: Connection) -> None:
    """The API's handlers (503 for a database away, and the rest) see SQLAlchemy's errors."""
    missing = select(column("x")).select_from(table("no_such_table"))
    with pytest.raises(DBAPIError) as caught:  # OperationalError, ProgrammingError...
        Prepared(missing).rows(connection, {})
    assert "no_such_table" in str(caught.value)
    assert not isinstance(caught.value.orig, DBAPIError)  # the driver's, wrapped
