"""Two agents changing the same dispute at the same moment: one wins, one gets 409, nothing lost."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from disputedesk.app import create_app
from disputedesk.auth.service import create_token, create_user
from disputedesk.config import Settings
from disputedesk.db import make_session_factory, unit_of_work


@pytest.fixture
def committed_client(own_engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    """A client on the real database (no rollback): each request commits for real."""
    factory = make_session_factory(own_engine)
    suffix = datetime.now(UTC).strftime("%H%M%S%f")
    with unit_of_work(factory) as session:
        user = create_user(
            session=session, username=f"racer{suffix}", password="long enough pass", role="agent"
        )
        token = create_token(session=session, user=user, name="race").raw
    app = create_app(settings=Settings(data_dir=tmp_path), session_factory=factory)
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


def test_same_version_twice_one_wins_one_conflicts(
    committed_client: TestClient, own_engine: Engine
) -> None:
    client = committed_client
    customer = client.post("/api/v1/customers", json={"name": "Race Customer"}).json()
    dispute = client.post(
        "/api/v1/disputes",
        json={
            "customer_id": customer["id"],
            "subject": "Race",
            "description": "Two agents at once",
        },
    ).json()
    barrier = threading.Barrier(2)
    statuses: dict[str, int] = {}

    def update(priority: str) -> None:
        barrier.wait()
        response = client.patch(
            f"/api/v1/disputes/{dispute['id']}", json={"version": 1, "priority": priority}
        )
        statuses[priority] = response.status_code

    threads = [threading.Thread(target=update, args=(p,)) for p in ("high", "urgent")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses.values()) == [200, 409]
    winner = next(p for p, s in statuses.items() if s == 200)
    final = client.get(f"/api/v1/disputes/{dispute['id']}").json()
    assert final["priority"] == winner
    assert final["version"] == 2
    with own_engine.connect() as conn:
        updates = conn.execute(
            text(
                "SELECT count(*) FROM dispute_events "
                "WHERE dispute_id=:id AND kind='dispute.updated'"
            ),
            {"id": dispute["id"]},
        ).scalar_one()
    assert updates == 1


def test_a_failing_use_case_leaves_nothing_half_written(
    committed_client: TestClient, own_engine: Engine
) -> None:
    client = committed_client
    with own_engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM disputes")).scalar_one()
        events_before = conn.execute(text("SELECT count(*) FROM dispute_events")).scalar_one()
    response = client.post(
        "/api/v1/disputes",
        json={"customer_id": 2_000_000_000, "subject": "Nobody", "description": "No such customer"},
    )
    assert response.status_code == 404
    with own_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM disputes")).scalar_one() == before
        assert (
            conn.execute(text("SELECT count(*) FROM dispute_events")).scalar_one() == events_before
        )
