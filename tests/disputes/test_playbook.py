"""The playbook on the dispute, ticked from what actually happened."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from disputedesk.disputes.playbook import playbook_progress
from tests.disputes.test_api import GOOD_REPLY
from tests.factories import make_customer, make_dispute, make_order


def _states(detail: dict[str, Any]) -> dict[str, str]:
    return {step["key"]: step["state"] for step in detail["playbook"]}


def test_a_new_dispute_has_only_been_listened_to(agent_client: TestClient) -> None:
    dispute = make_dispute(agent_client, category="product_defect")
    states = _states(agent_client.get(f"/api/v1/disputes/{dispute['id']}").json())
    assert states["listened"] == "done"
    assert states["acknowledged"] == "todo"
    assert states["apologised"] == "todo"  # a broken product: an apology is due
    assert states["root_cause"] == "n/a"


def test_steps_tick_as_the_agent_works(agent_client: TestClient) -> None:
    customer = make_customer(agent_client)
    order = make_order(agent_client, customer["id"])
    dispute = make_dispute(agent_client, customer["id"], order_id=order["id"], category="delivery")
    reply = GOOD_REPLY + " I have also sent you a prepaid label to return the parcel."
    sent = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages", json={"direction": "outbound", "body": reply}
    )
    assert sent.status_code == 201, sent.text
    states = _states(agent_client.get(f"/api/v1/disputes/{dispute['id']}").json())
    assert states["acknowledged"] == "done"
    assert states["apologised"] == "done"
    assert states["records_checked"] == "done"
    assert states["solution_offered"] == "done"


def test_boundary_step_applies_only_when_declined() -> None:
    common: dict[str, Any] = {
        "category": "other",
        "status": "resolved",
        "order_linked": False,
        "root_cause": "unclear_policy",
        "messages": [{"direction": "outbound", "coach_report": {"present": ["policy_reference"]}}],
        "offer_statuses": [],
        "event_kinds": [],
        "asked_customer": False,
        "follow_up_scheduled": True,
    }
    declined = {s.key: s.state for s in playbook_progress(outcome="declined", **common)}
    remedied = {s.key: s.state for s in playbook_progress(outcome="remedied", **common)}
    assert declined["boundary_explained"] == "done"
    assert remedied["boundary_explained"] == "n/a"
    assert declined["follow_up"] == "done"
    assert declined["root_cause"] == "done"
