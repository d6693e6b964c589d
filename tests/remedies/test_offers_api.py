"""Remedies and offers via the API: the policy decides, authority routes, each step an event."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Clock, StaffMember
from tests.factories import make_customer, make_dispute, make_order


def _delivered_dispute(
    client: TestClient, clock: Clock, *, days_ago: int, amount: int
) -> dict[str, Any]:
    customer = make_customer(client)
    delivered = clock.now.replace(microsecond=0)
    from datetime import timedelta

    delivered = delivered - timedelta(days=days_ago)
    order = make_order(
        client,
        customer["id"],
        amount_minor=amount,
        purchased_at=(delivered - timedelta(days=3)).isoformat(),
        delivered_at=delivered.isoformat(),
        warranty_until=(delivered + timedelta(days=365)).isoformat(),
    )
    return make_dispute(
        client,
        customer["id"],
        order_id=order["id"],
        amount_minor=amount,
        category="refund",
        description="I returned it and want my money back.",
    )


def test_remedies_show_clause_maximum_and_role(agent_client: TestClient, clock: Clock) -> None:
    dispute = _delivered_dispute(agent_client, clock, days_ago=10, amount=25_000)
    answer = agent_client.get(f"/api/v1/disputes/{dispute['id']}/remedies").json()
    by_remedy = {d["remedy"]: d for d in answer["decisions"]}
    refund = by_remedy["refund_full"]
    assert refund["allowed"] is True
    assert refund["clause"]["id"] == "returns-30-days"
    assert refund["max_amount_minor"] == 25_000
    assert refund["required_role"] == "supervisor"  # an agent may refund up to $100 alone
    assert by_remedy["explanation"]["allowed"] is True


def test_refused_remedy_explains_why_and_offers_alternatives(
    agent_client: TestClient, clock: Clock
) -> None:
    dispute = _delivered_dispute(agent_client, clock, days_ago=45, amount=5_000)
    answer = agent_client.get(f"/api/v1/disputes/{dispute['id']}/remedies").json()
    refund = next(d for d in answer["decisions"] if d["remedy"] == "refund_full")
    assert refund["allowed"] is False
    assert any("30 days" in r for r in refund["reasons"])
    assert refund["boundary"]
    assert refund["alternatives"]


def test_offer_within_authority_goes_to_the_customer(
    agent_client: TestClient, clock: Clock
) -> None:
    dispute = _delivered_dispute(agent_client, clock, days_ago=10, amount=5_000)
    made = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "refund_full", "amount_minor": 5_000},
    )
    assert made.status_code == 201, made.text
    offer = made.json()
    assert offer["status"] == "offered"
    assert offer["clause_id"] == "returns-30-days"
    assert offer["policy_version"] == "1"
    assert agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()["status"] == "offer_made"
    accepted = agent_client.post(f"/api/v1/offers/{offer['id']}/answer", json={"accept": True})
    assert accepted.json()["status"] == "accepted"
    after = agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()
    assert (after["status"], after["outcome"]) == ("offer_made", "remedied")
    kinds = [
        e["kind"]
        for e in agent_client.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    ]
    assert "offer.made" in kinds
    assert kinds[-1] == "offer.accepted"


def test_offer_above_agent_limit_needs_approval(
    app_client: TestClient, staff: dict[str, StaffMember], clock: Clock
) -> None:
    app_client.headers.update(staff["agent"].headers)
    dispute = _delivered_dispute(app_client, clock, days_ago=10, amount=25_000)
    pending = app_client.post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "refund_full", "amount_minor": 25_000},
    ).json()
    assert pending["status"] == "pending_approval"
    assert pending["approver_role"] == "supervisor"
    assert app_client.get(f"/api/v1/disputes/{dispute['id']}").json()["status"] == "new"
    agent_try = app_client.post(
        f"/api/v1/offers/{pending['id']}/approval", json={"approve": True, "reason": "fine"}
    )
    assert agent_try.status_code == 403
    queue = app_client.get("/api/v1/approvals", headers=staff["supervisor"].headers).json()
    assert [o["id"] for o in queue] == [pending["id"]]
    approved = app_client.post(
        f"/api/v1/offers/{pending['id']}/approval",
        json={"approve": True, "reason": "long-standing customer"},
        headers=staff["supervisor"].headers,
    )
    assert approved.status_code == 200
    assert approved.json()["status"] == "offered"
    assert app_client.get(f"/api/v1/disputes/{dispute['id']}").json()["status"] == "offer_made"


def test_declined_offer_lets_the_agent_offer_an_alternative(
    agent_client: TestClient, clock: Clock
) -> None:
    dispute = _delivered_dispute(agent_client, clock, days_ago=10, amount=5_000)
    first = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "refund_full", "amount_minor": 5_000},
    ).json()
    declined = agent_client.post(
        f"/api/v1/offers/{first['id']}/answer", json={"accept": False, "note": "want a new one"}
    )
    assert declined.json()["status"] == "declined"
    assert agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()["status"] == "investigating"
    again = agent_client.post(f"/api/v1/offers/{first['id']}/answer", json={"accept": True})
    assert again.status_code == 409
    second = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "goodwill_credit", "amount_minor": 500},
    )
    assert second.status_code == 201
    assert second.json()["status"] == "offered"


def test_bypassing_the_engine_is_refused_naming_the_clause(
    agent_client: TestClient, clock: Clock
) -> None:
    dispute = _delivered_dispute(agent_client, clock, days_ago=10, amount=5_000)
    over = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "refund_full", "amount_minor": 9_000},
    )
    assert over.status_code == 422
    assert "returns-30-days" in over.json()["detail"]
    late = _delivered_dispute(agent_client, clock, days_ago=60, amount=5_000)
    not_allowed = agent_client.post(
        f"/api/v1/disputes/{late['id']}/offers",
        json={"remedy": "refund_full", "amount_minor": 1_000},
    )
    assert not_allowed.status_code == 422
    assert "returns-30-days" in not_allowed.json()["detail"]
    stale = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "goodwill_credit", "amount_minor": 500, "policy_version": "0"},
    )
    assert stale.status_code == 409
    assert stale.json()["field"] == "policy_version"
    offers = agent_client.get(f"/api/v1/disputes/{dispute['id']}/offers").json()
    assert offers == []


def test_policy_upload_is_admin_only_validated_and_versioned(
    app_client: TestClient, staff: dict[str, StaffMember]
) -> None:
    admin = staff["admin"].headers
    current = app_client.get("/api/v1/policies/current", headers=admin)
    assert current.status_code == 404 or current.json()["version"] == "1"
    from importlib import resources

    text = resources.files("disputedesk.policies").joinpath("packs", "demo_shop.yaml").read_text()
    v2 = text.replace("version: 1", "version: 2").replace("agent: 1000\n", "agent: 1500\n", 1)
    bad = v2.replace("agent: 1500", "agent: -5")
    assert (
        app_client.post(
            "/api/v1/policies", json={"text": v2}, headers=staff["manager"].headers
        ).status_code
        == 403
    )
    refused = app_client.post(
        "/api/v1/policies", json={"text": bad, "source_name": "shop.yaml"}, headers=admin
    )
    assert refused.status_code == 422
    assert "shop.yaml:" in refused.json()["detail"]
    ok = app_client.post(
        "/api/v1/policies", json={"text": v2, "source_name": "shop-v2.yaml"}, headers=admin
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["version"] == "2"
    assert app_client.get("/api/v1/policies/current", headers=admin).json()["version"] == "2"
    versions = app_client.get("/api/v1/policies", headers=admin).json()
    assert versions[0]["version"] == "2"
