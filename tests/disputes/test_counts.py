"""The queue's view counts: exact at every change, read from counts the database maintains."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from disputedesk.disputes.lifecycle import OPEN_STATUSES
from tests.conftest import StaffMember
from tests.factories import make_dispute


def _listed(client: TestClient, **params: Any) -> int:
    """How many disputes the list itself returns for the filters (every page)."""
    total, cursor = 0, None
    while True:
        page = client.get(
            "/api/v1/disputes",
            params={"status": list(OPEN_STATUSES), "limit": 200, **params}
            | ({"cursor": cursor} if cursor else {}),
        ).json()
        total += len(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            return total


def _counts_agree_with_the_list(client: TestClient, me: int) -> dict[str, int]:
    counts: dict[str, int] = client.get("/api/v1/disputes/counts").json()
    assert counts == {
        "open": _listed(client),
        "mine": _listed(client, assignee_id=me),
        "unassigned": _listed(client, unassigned=True),
        "escalated": _listed(client, escalation_level=["supervisor", "manager"]),
    }
    return counts


def _post(client: TestClient, dispute: dict[str, Any], what: str, **body: Any) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/disputes/{dispute['id']}/{what}", json={"version": dispute["version"], **body}
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def test_view_counts_follow_every_change(
    agent_client: TestClient, staff: dict[str, StaffMember]
) -> None:
    me = staff["agent"].id
    before = _counts_agree_with_the_list(agent_client, me)
    first, second, third = (make_dispute(agent_client) for _ in range(3))
    counts = _counts_agree_with_the_list(agent_client, me)
    assert counts["open"] == before["open"] + 3
    assert counts["unassigned"] == before["unassigned"] + 3

    first = _post(agent_client, first, "assignment", assignee_id=me)
    second = _post(agent_client, second, "escalation", level="manager", reason="asked for it")
    counts = _counts_agree_with_the_list(agent_client, me)
    assert counts["mine"] == before["mine"] + 1
    assert counts["escalated"] == before["escalated"] + 1

    first = _post(agent_client, first, "assignment", assignee_id=staff["supervisor"].id)
    third = _post(agent_client, third, "transitions", to="acknowledged")
    third = _post(agent_client, third, "transitions", to="investigating")
    resolved = {"to": "resolved", "outcome": "explained", "root_cause": "product_quality"}
    _post(agent_client, third, "transitions", **resolved)
    counts = _counts_agree_with_the_list(agent_client, me)
    assert counts["mine"] == before["mine"]
    assert counts["open"] == before["open"] + 2


def test_a_refused_change_leaves_the_counts(agent_client: TestClient) -> None:
    dispute = make_dispute(agent_client)
    before = agent_client.get("/api/v1/disputes/counts").json()
    stale = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/escalation",
        json={"version": 99, "level": "manager", "reason": "stale version"},
    )
    assert stale.status_code == 409
    assert agent_client.get("/api/v1/disputes/counts").json() == before
