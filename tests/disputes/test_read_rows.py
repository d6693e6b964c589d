"""The queue and the dispute page are read as rows, not ORM objects: they must answer exactly
what the output models say, the way the rest of the API (which validates ORM objects) would."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.demo.seed import load_demo
from disputedesk.disputes import service
from disputedesk.disputes.detail import dispute_detail_rows
from disputedesk.disputes.models import Dispute
from disputedesk.disputes.schemas import DisputeDetail, DisputeOut
from disputedesk.rows import json_bytes
from disputedesk.schemas import Page

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _demo(session_factory: sessionmaker[Session]) -> list[int]:
    with session_factory() as session, session.begin():
        before = session.scalar(select(func.coalesce(func.max(Dispute.id), 0)))
        load_demo(session=session, now=NOW)
        return list(
            session.scalars(select(Dispute.id).where(Dispute.id > before).order_by(Dispute.id))
        )


def _as_pydantic_writes(model: Any) -> Any:
    return json.loads(model.model_dump_json())


def test_every_queue_row_is_what_validating_the_dispute_gives(
    agent_client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    ids = _demo(session_factory)
    seen: dict[int, dict[str, Any]] = {}
    cursor = None
    while True:
        params: dict[str, Any] = {"sort": "sla", "limit": 37}
        if cursor:
            params["cursor"] = cursor
        response = agent_client.get("/api/v1/disputes", params=params)
        assert response.status_code == 200
        page = response.json()
        Page[DisputeOut].model_validate(page)  # the documented shape
        seen.update({item["id"]: item for item in page["items"]})
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert set(ids) <= set(seen)
    with session_factory() as session:
        for dispute_id in ids:
            dispute = session.get(Dispute, dispute_id)
            assert dispute is not None
            # Byte-level JSON values alike: datetimes with 'Z', floats, flags, transitions.
            assert seen[dispute_id] == _as_pydantic_writes(service.dispute_out(dispute))


def test_every_dispute_page_answers_its_model_exactly(
    agent_client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    ids = _demo(session_factory)
    with_orders = with_offers = with_steps = 0
    with session_factory() as session:
        conn = session.connection()
        for dispute_id in ids:
            rows = dispute_detail_rows(conn=conn, dispute_id=dispute_id, now=NOW)
            written = orjson.loads(json_bytes(rows))
            # Validating adds, drops or changes nothing: the rows are the model's JSON.
            assert written == _as_pydantic_writes(DisputeDetail.model_validate(rows))
            dispute = session.get(Dispute, dispute_id)
            assert dispute is not None
            base = _as_pydantic_writes(service.dispute_out(dispute))
            assert {k: written[k] for k in base} == base
            assert dispute_id not in {d["id"] for d in written["past_disputes"]}
            with_orders += written["order"] is not None
            with_offers += bool(written["offers"])
            with_steps += any(s["state"] == "done" for s in written["playbook"])
    # The demo covers what the page shows, so the comparison above means something.
    assert with_orders > 10
    assert with_offers > 5
    assert with_steps > 10
    answer = agent_client.get(f"/api/v1/disputes/{ids[0]}")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["id"] == ids[0]


def test_the_detail_of_a_missing_dispute_is_404_and_of_another_shape_422(
    agent_client: TestClient,
) -> None:
    missing = agent_client.get("/api/v1/disputes/2147483647")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "dispute 2147483647 not found"
    bad = agent_client.get("/api/v1/disputes/abc")
    assert bad.status_code == 422


def test_no_credentials_is_401_before_the_parameters_are_read(app_client: TestClient) -> None:
    for path in ("/api/v1/disputes?limit=0", "/api/v1/disputes/0", "/api/v1/disputes/1"):
        answer = app_client.get(path)
        assert answer.status_code == 401, path
        assert answer.headers["www-authenticate"] == "Bearer"
    revoked = app_client.get("/api/v1/disputes", headers={"Authorization": "Bearer nope"})
    assert revoked.status_code == 401
    assert "not valid" in revoked.json()["detail"]
