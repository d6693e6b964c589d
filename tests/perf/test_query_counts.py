"""No N+1: the queue and the dispute page run a fixed, small number of SQL statements."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from tests.factories import make_customer, make_dispute, make_order

LIST_MAX = 3  # the token with its user, the page of disputes; one to spare
# 8 today: the token, the dispute with its customer, orders, past disputes, messages, offers,
# history, follow-up; one to spare.
DETAIL_MAX = 9


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements run on `engine` inside the block."""
    statements: list[str] = []

    def record(*args: Any) -> None:
        statement = str(args[2])
        if not statement.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO")):
            statements.append(statement)  # the test's savepoints are not the request's work

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _busy_dispute(client: TestClient, customer_id: int, replies: int) -> dict[str, Any]:
    order = make_order(client, customer_id)
    dispute = make_dispute(client, customer_id, order_id=order["id"])
    for i in range(replies):
        client.post(
            f"/api/v1/disputes/{dispute['id']}/messages",
            json={"direction": "inbound", "body": f"Still waiting, this is message {i}."},
        )
    return dispute


def test_the_queue_page_runs_the_same_few_statements_for_3_or_25_rows(
    agent_client: TestClient, engine: Engine
) -> None:
    params = {"status": ["new", "acknowledged"], "sort": "sla", "limit": 25}
    for _ in range(3):
        make_dispute(agent_client)
    with counted(engine) as few:
        assert len(agent_client.get("/api/v1/disputes", params=params).json()["items"]) == 3
    for _ in range(27):
        make_dispute(agent_client)
    with counted(engine) as many:
        page = agent_client.get("/api/v1/disputes", params=params).json()
    assert len(page["items"]) == 25
    assert len(many) == len(few), many
    assert len(many) <= LIST_MAX, "\n".join(many)
    with counted(engine) as deep:
        agent_client.get("/api/v1/disputes", params={**params, "cursor": page["next_cursor"]})
    assert len(deep) <= LIST_MAX, deep


def test_the_dispute_detail_does_not_grow_with_messages_or_records(
    agent_client: TestClient, engine: Engine
) -> None:
    quiet_customer = make_customer(agent_client)["id"]
    quiet = _busy_dispute(agent_client, quiet_customer, replies=0)
    busy_customer = make_customer(agent_client)["id"]
    for _ in range(4):
        _busy_dispute(agent_client, busy_customer, replies=2)
    busy = _busy_dispute(agent_client, busy_customer, replies=6)
    with counted(engine) as few:
        assert agent_client.get(f"/api/v1/disputes/{quiet['id']}").status_code == 200
    with counted(engine) as many:
        detail = agent_client.get(f"/api/v1/disputes/{busy['id']}").json()
    assert len(detail["messages"]) == 7
    assert len(detail["past_disputes"]) == 4
    assert len(detail["customer_orders"]) == 5
    assert all(m["analysis"] for m in detail["messages"])
    assert len(many) == len(few), many
    assert len(many) <= DETAIL_MAX, "\n".join(many)
