"""Chargeback intake: signatures (the documented example byte for byte), idempotency, order of
notifications, outcomes, and the evidence packet."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from disputedesk.channels.signatures import compute_signature, signature_header
from tests.conftest import Clock, StaffMember
from tests.factories import make_customer, make_dispute, make_order

DOCS = Path(__file__).resolve().parents[2] / "docs" / "channels.md"
SECRET = "whsec_test_secret"


def doc_block(name: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(rf"<!-- signature-example:{name} -->\n```\n(.*?)\n```", text, re.S)
    assert match, f"docs/channels.md lost the {name} block"
    return match.group(1)


@pytest.fixture(autouse=True)
def chargeback_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPUTEDESK_CHARGEBACK_SECRET", SECRET)


def notification(
    processor_id: str = "dp_1",
    *,
    created: int,
    status: str = "needs_response",
    due_by: int = 1794441600,
    metadata: dict[str, str] | None = None,
    event: bool = True,
) -> bytes:
    dispute: dict[str, Any] = {
        "id": processor_id,
        "object": "dispute",
        "amount": 12999,
        "currency": "usd",
        "reason": "product_not_received",
        "status": status,
        "created": 1793600000,
        "charge": "ch_123",
        "evidence_details": {"due_by": due_by, "has_evidence": False, "past_due": False},
        "metadata": metadata or {},
        "livemode": False,
    }
    if not event:
        dispute["created"] = created
        return json.dumps(dispute).encode()
    wrapped = {"id": f"evt_{created}", "type": "charge.dispute.updated", "created": created}
    return json.dumps({**wrapped, "data": {"object": dispute}}).encode()


def post(client: TestClient, body: bytes, clock: Clock, secret: str = SECRET) -> Any:
    header = signature_header(secret, int(clock().timestamp()), body)
    return client.post(
        "/api/v1/chargebacks",
        content=body,
        headers={"Stripe-Signature": header, "Content-Type": "application/json"},
    )


def test_documented_example_matches_byte_for_byte(agent_client: TestClient, clock: Clock) -> None:
    secret, timestamp, body = doc_block("secret"), doc_block("timestamp"), doc_block("body")
    header = doc_block("header")
    expected = f"Stripe-Signature: {signature_header(secret, int(timestamp), body.encode())}"
    assert header == expected
    assert compute_signature(secret, int(timestamp), body.encode()) == header.rsplit("v1=", 1)[1]
    # The documented request is accepted as-is at its own time.
    assert int(clock().timestamp()) == int(timestamp)
    customer = make_customer(agent_client, email="doc@example.com")
    order = make_order(agent_client, customer["id"], number="ORD-DOC-1")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DISPUTEDESK_CHARGEBACK_SECRET", secret)
        response = agent_client.post(
            "/api/v1/chargebacks",
            content=body.encode(),
            headers={
                "Stripe-Signature": header.split(": ", 1)[1],
                "Content-Type": "application/json",
            },
        )
    assert response.status_code == 200, response.text
    cb = response.json()["chargeback"]
    assert response.json()["result"] == "created"
    assert (cb["processor_id"], cb["amount_minor"], cb["currency"]) == ("dp_1Doc", 4900, "USD")
    assert cb["due_by"] == "2026-11-12T00:00:00Z"
    dispute = agent_client.get(f"/api/v1/disputes/{cb['dispute_id']}").json()
    assert (dispute["channel"], dispute["customer_id"], dispute["order_id"]) == (
        "chargeback",
        customer["id"],
        order["id"],
    )
    assert (dispute["category"], dispute["priority"]) == ("delivery", "high")


@pytest.mark.parametrize(
    ("header", "why"),
    [
        (None, "missing"),
        ("t=1793610000", "malformed"),
        ("t=1793610000,v1=" + "0" * 64, "does not match"),
        ("v1=abc", "malformed"),
    ],
)
def test_bad_signatures_are_refused(
    app_client: TestClient, header: str | None, why: str, clock: Clock
) -> None:
    headers = {"Content-Type": "application/json"}
    if header:
        headers["Stripe-Signature"] = header
    response = app_client.post(
        "/api/v1/chargebacks", content=notification(created=1793610000), headers=headers
    )
    assert response.status_code == 401
    assert why in response.json()["detail"]


def test_wrong_secret_and_old_signatures_are_refused(app_client: TestClient, clock: Clock) -> None:
    body = notification(created=1793610000)
    assert post(app_client, body, clock, secret="other").status_code == 401
    header = signature_header(SECRET, int(clock().timestamp()), body)
    clock.advance(seconds=301)
    response = app_client.post(
        "/api/v1/chargebacks",
        content=body,
        headers={"Stripe-Signature": header, "Content-Type": "application/json"},
    )
    assert response.status_code == 401
    assert "tolerance" in response.json()["detail"]


def test_without_a_secret_the_endpoint_is_off(
    app_client: TestClient, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPUTEDESK_CHARGEBACK_SECRET")
    assert post(app_client, notification(created=1), clock).status_code == 503


def test_invalid_payload_is_422(app_client: TestClient, clock: Clock) -> None:
    assert post(app_client, b"{not json", clock).status_code == 422
    response = post(app_client, b'{"id": "dp_x", "amount": -5}', clock)
    assert response.status_code == 422


def test_duplicates_and_out_of_order_notifications(agent_client: TestClient, clock: Clock) -> None:
    first = post(agent_client, notification(created=1793610000), clock)
    assert first.json()["result"] == "created"
    dispute_id = first.json()["chargeback"]["dispute_id"]
    events = agent_client.get(f"/api/v1/disputes/{dispute_id}/events").json()["items"]
    assert post(agent_client, notification(created=1793610000), clock).json()["result"] == (
        "unchanged"
    )
    newer = notification(created=1793610100, status="under_review", due_by=1794500000)
    assert post(agent_client, newer, clock).json()["result"] == "updated"
    older = notification(created=1793610050, status="needs_response", due_by=1794441600)
    stale = post(agent_client, older, clock).json()
    assert stale["result"] == "stale"
    assert stale["chargeback"]["status"] == "under_review"
    after = agent_client.get(f"/api/v1/disputes/{dispute_id}/events").json()["items"]
    kinds = [e["kind"] for e in after[len(events) :]]
    assert kinds == ["chargeback.updated"]
    assert after[-1]["before"]["status"] == "needs_response"
    assert after[-1]["after"]["status"] == "under_review"
    won = post(agent_client, notification(created=1793610200, status="won"), clock).json()
    assert won["chargeback"]["outcome"] == "won"


def test_numeric_dispute_ids_that_look_like_card_numbers_stay_distinct_and_idempotent(
    agent_client: TestClient, clock: Clock
) -> None:
    """A processor with bare numeric ids: one in ten passes the card check, none is refused."""
    same_last_four = ["4111111111111111", "5060000000001111"]  # both Luhn-valid, ...1111
    ids = []
    for number in same_last_four:
        first = post(agent_client, notification(number, created=1793610000), clock)
        assert first.status_code == 200, first.text
        assert first.json()["result"] == "created"
        again = post(agent_client, notification(number, created=1793610000), clock)
        assert again.json()["result"] == "unchanged"
        assert again.json()["chargeback"]["id"] == first.json()["chargeback"]["id"]
        ids.append(first.json()["chargeback"]["id"])
        stored = json.dumps(first.json())
        assert number not in stored
        assert "[card ending 1111]" in first.json()["chargeback"]["processor_id"]
    assert ids[0] != ids[1]


def test_bare_dispute_object_and_unknown_cardholder(agent_client: TestClient, clock: Clock) -> None:
    body = notification("dp_bare", created=1793610000, event=False)
    response = post(agent_client, body, clock)
    assert response.json()["result"] == "created"
    dispute = agent_client.get(f"/api/v1/disputes/{response.json()['chargeback']['dispute_id']}")
    assert dispute.json()["customer"]["name"] == "Cardholder of ch_123"


def test_customer_matched_by_email(agent_client: TestClient, clock: Clock) -> None:
    customer = make_customer(agent_client, email="payer@example.com")
    body = notification(
        "dp_mail", created=1793610000, metadata={"customer_email": "Payer@Example.com"}
    )
    cb = post(agent_client, body, clock).json()["chargeback"]
    dispute = agent_client.get(f"/api/v1/disputes/{cb['dispute_id']}").json()
    assert dispute["customer_id"] == customer["id"]


def test_outcome_and_fee_need_a_supervisor(
    agent_client: TestClient, clock: Clock, staff: dict[str, StaffMember]
) -> None:
    cb = post(agent_client, notification(created=1793610000), clock).json()["chargeback"]
    url = f"/api/v1/chargebacks/{cb['id']}/outcome"
    assert agent_client.post(url, json={"outcome": "accepted"}).status_code == 403
    response = agent_client.post(
        url, json={"outcome": "lost", "fee_minor": 1500}, headers=staff["supervisor"].headers
    )
    assert response.status_code == 200, response.text
    assert (response.json()["outcome"], response.json()["fee_minor"]) == ("lost", 1500)
    events = agent_client.get(f"/api/v1/disputes/{cb['dispute_id']}/events").json()["items"]
    assert events[-1]["kind"] == "chargeback.outcome_recorded"
    assert agent_client.post(url, json={"outcome": "maybe"}).status_code in (403, 422)
    assert agent_client.get("/api/v1/chargebacks/999999").status_code == 404


def test_evidence_packet_json_and_printable_html(agent_client: TestClient, clock: Clock) -> None:
    customer = make_customer(agent_client, email="ev@example.com", name="Eve <b>Vidence</b>")
    make_order(agent_client, customer["id"], number="ORD-EV-1")
    body = notification("dp_ev", created=1793610000, metadata={"order_number": "ORD-EV-1"})
    dispute_id = post(agent_client, body, clock).json()["chargeback"]["dispute_id"]
    agent_client.post(
        f"/api/v1/disputes/{dispute_id}/messages",
        json={"direction": "inbound", "body": "I never got it <script>alert(1)</script>"},
    )
    agent_client.post(
        f"/api/v1/disputes/{dispute_id}/messages", json={"direction": "note", "body": "secret"}
    )
    packet = agent_client.get(f"/api/v1/disputes/{dispute_id}/evidence").json()
    assert packet["order"]["number"] == "ORD-EV-1"
    assert packet["delivery"]["fulfilment_status"] == "delivered"
    assert packet["chargebacks"][0]["processor_id"] == "dp_ev"
    bodies = [m["body"] for m in packet["communication"]]
    assert len(bodies) == 2
    assert "secret" not in bodies
    assert any("<script>" in b for b in bodies)
    html = agent_client.get(f"/api/v1/disputes/{dispute_id}/evidence.html")
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html.text
    assert "<script>" not in html.text
    assert "Eve &lt;b&gt;Vidence&lt;/b&gt;" in html.text
    assert "ORD-EV-1" in html.text
    assert "<link" not in html.text
    assert agent_client.get("/api/v1/disputes/999999/evidence").status_code == 404


def accepted_refund(client: TestClient, clock: Clock) -> tuple[dict[str, Any], dict[str, Any]]:
    """A dispute about a delivered order whose full refund the customer accepted."""
    customer = make_customer(client)
    delivered = clock.now - timedelta(days=10)
    order = make_order(
        client,
        customer["id"],
        amount_minor=5_000,
        purchased_at=(delivered - timedelta(days=3)).isoformat(),
        delivered_at=delivered.isoformat(),
    )
    dispute = make_dispute(
        client,
        customer["id"],
        order_id=order["id"],
        amount_minor=5_000,
        category="refund",
        description="I returned it and want my money back.",
    )
    offer = client.post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "refund_full", "amount_minor": 5_000},
    ).json()
    client.post(f"/api/v1/offers/{offer['id']}/answer", json={"accept": True})
    return dispute, offer


def test_evidence_cites_the_clause_of_an_accepted_offer(
    agent_client: TestClient, clock: Clock
) -> None:
    dispute, offer = accepted_refund(agent_client, clock)
    packet = agent_client.get(f"/api/v1/disputes/{dispute['id']}/evidence").json()
    [accepted] = packet["accepted_remedies"]
    assert (accepted["remedy"], accepted["amount_minor"]) == ("refund_full", 5_000)
    [clause] = packet["policy_clauses"]
    assert clause["clause_id"] == offer["clause_id"]
    assert clause["text"]
    html = agent_client.get(f"/api/v1/disputes/{dispute['id']}/evidence.html").text
    assert f"Clause {offer['clause_id']}" in html


def test_chargeback_deadline_is_a_hard_sla_on_the_dispute(
    app_client: TestClient, staff: dict[str, StaffMember], clock: Clock
) -> None:
    """The evidence deadline is stored on the dispute and drives its SLA, paused or not."""
    due_by = int((clock.now + timedelta(days=7)).timestamp())
    created = int(clock.now.timestamp())
    response = post(app_client, notification("dp_hard_sla", created=created, due_by=due_by), clock)
    assert response.status_code in (200, 201), response.text
    dispute_id = response.json()["chargeback"]["dispute_id"]
    detail = app_client.get(f"/api/v1/disputes/{dispute_id}", headers=staff["agent"].headers).json()
    assert detail["evidence_due_by"] is not None
    assert datetime.fromisoformat(detail["evidence_due_by"]).timestamp() == due_by
    assert detail["sla_due_at"] is not None
    assert detail["channel"] == "chargeback"
    assert any("chargeback" in r for r in detail["priority_reasons"])
