"""Replies to customers: coached in context, gated by the send threshold, drafted per step."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.disputes.test_api import GOOD_REPLY
from tests.factories import make_customer, make_dispute, make_order


def test_blaming_reply_is_held_back_until_overridden(agent_client: TestClient) -> None:
    dispute = make_dispute(agent_client)
    rude = "You misunderstood our policy. As I already explained, there is nothing I can do."
    held = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages", json={"direction": "outbound", "body": rude}
    )
    assert held.status_code == 422
    assert held.json()["field"] == "body"
    assert "blame" in held.json()["detail"]
    sent = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={
            "direction": "outbound",
            "body": rude,
            "override_reason": "customer asked for it verbatim",
        },
    )
    assert sent.status_code == 201
    report = sent.json()["coach_report"]
    assert report["score"] < 70
    assert {f["kind"] for f in report["findings"]} >= {"blame", "condescension"}
    events = agent_client.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    override = [e for e in events if e["kind"] == "reply.coach_overridden"]
    assert len(override) == 1
    assert override[0]["after"]["reason"] == "customer asked for it verbatim"


def test_good_reply_is_sent_with_its_report_stored(agent_client: TestClient) -> None:
    dispute = make_dispute(agent_client)
    sent = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={"direction": "outbound", "body": GOOD_REPLY},
    )
    assert sent.status_code == 201
    assert sent.json()["coach_report"]["score"] >= 70
    kinds = [
        e["kind"]
        for e in agent_client.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    ]
    assert "reply.coach_overridden" not in kinds


def test_coach_endpoint_with_and_without_a_dispute(agent_client: TestClient) -> None:
    plain = agent_client.post(
        "/api/v1/coach", json={"draft": "Calm down, your complaint is noted."}
    )
    assert plain.status_code == 200
    kinds = {f["kind"] for f in plain.json()["findings"]}
    assert "dismissiveness" in kinds
    for finding in plain.json()["findings"]:
        assert (
            "Calm down, your complaint is noted."[finding["start"] : finding["end"]]
            == finding["evidence"]
        )
    dispute = make_dispute(agent_client)
    in_context = agent_client.post(
        "/api/v1/coach", json={"draft": GOOD_REPLY, "dispute_id": dispute["id"]}
    )
    assert in_context.status_code == 200
    assert (
        agent_client.post("/api/v1/coach", json={"draft": "x", "dispute_id": 999999}).status_code
        == 404
    )


def test_analyze_endpoint_follows_the_contract(agent_client: TestClient) -> None:
    text = "I'll take you to court if my $129.99 refund for order #48213 isn't here by Friday!"
    response = agent_client.post("/api/v1/analyze", json={"text": text})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "sentiment",
        "anger",
        "emotions",
        "risks",
        "category",
        "entities",
        "pii_masked_text",
    }
    legal = [r for r in body["risks"] if r["kind"] == "legal_threat"]
    assert legal
    assert body["pii_masked_text"][legal[0]["start"] : legal[0]["end"]] == legal[0]["evidence"]
    assert {"order_id", "amount"} <= {e["kind"] for e in body["entities"]}


def test_composed_drafts_pass_the_coach_for_each_step(agent_client: TestClient) -> None:
    customer = make_customer(agent_client, name="Priya Raman")
    order = make_order(agent_client, customer["id"])
    dispute = make_dispute(
        agent_client,
        customer["id"],
        order_id=order["id"],
        desired_outcome="refund",
        amount_minor=12999,
    )
    for step in ("first_response", "investigating", "offer", "declining", "follow_up"):
        for tone in ("warm", "formal"):
            drafted = agent_client.post(
                f"/api/v1/disputes/{dispute['id']}/draft", json={"step": step, "tone": tone}
            )
            assert drafted.status_code == 200, drafted.text
            body = drafted.json()
            assert body["step"] == step
            assert "Priya" in body["text"]
            assert body["report"]["score"] >= 70, (step, tone, body)
            assert body["report"]["findings"] == []
    current = agent_client.post(f"/api/v1/disputes/{dispute['id']}/draft", json={}).json()
    assert current["step"] == "first_response"
    sent = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={"direction": "outbound", "body": current["text"]},
    )
    assert sent.status_code == 201
