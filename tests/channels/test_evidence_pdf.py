"""The evidence packet as a PDF: read back with pypdf, it holds the dispute's facts and no card."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from disputedesk.channels import evidence_pdf as pdf_module
from disputedesk.channels.signatures import signature_header
from tests.channels.conftest import luhn_numbers_in
from tests.channels.test_chargebacks import accepted_refund
from tests.conftest import Clock
from tests.factories import make_customer, make_dispute, make_order

SECRET = "whsec_pdf_test"
CARD = "4111 1111 1111 1111"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def chargeback(client: TestClient, clock: Clock, order_number: str) -> int:
    body = (
        '{"id":"evt_pdf","type":"charge.dispute.created","created":1793610000,"data":{"object":'
        '{"id":"dp_pdf_1","object":"dispute","amount":12999,"currency":"eur",'
        '"reason":"product_not_received","status":"needs_response","created":1793610000,'
        '"charge":"ch_pdf","evidence_details":{"due_by":1794441600},'
        f'"metadata":{{"order_number":"{order_number}"}}}}}}}}'
    ).encode()
    response = client.post(
        "/api/v1/chargebacks",
        content=body,
        headers={
            "Stripe-Signature": signature_header(SECRET, int(clock.now.timestamp()), body),
            "Content-Type": "application/json",
        },
    )
    assert response.status_code in (200, 201), response.text
    dispute_id: int = response.json()["chargeback"]["dispute_id"]
    return dispute_id


def test_the_pdf_holds_the_facts_of_the_dispute_and_no_card_number(
    agent_client: TestClient, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPUTEDESK_CHARGEBACK_SECRET", SECRET)
    customer = make_customer(agent_client, name="Zoë Ørsted", email="zoe@example.com")
    make_order(agent_client, customer["id"], number="ORD-PDF-7", currency="EUR")
    dispute_id = chargeback(agent_client, clock, "ORD-PDF-7")
    said = f"I never received the blender. My card {CARD} was charged €129.99 anyway."
    agent_client.post(
        f"/api/v1/disputes/{dispute_id}/messages", json={"direction": "inbound", "body": said}
    )
    agent_client.post(
        f"/api/v1/disputes/{dispute_id}/messages",
        json={"direction": "note", "body": "internal: customer seems honest"},
    )
    response = agent_client.get(f"/api/v1/disputes/{dispute_id}/evidence.pdf")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert f"evidence-dispute-{dispute_id}.pdf" in response.headers["content-disposition"]
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    for fact in (
        f"Evidence packet: dispute {dispute_id}",
        "Zoë Ørsted",
        "zoe@example.com",
        "ORD-PDF-7",
        "dp_pdf_1",
        "129.99 EUR",
        "product_not_received",
        "I never received the blender",
        "[card ending 1111]",
        "chargeback.received",
    ):
        assert fact in text, f"{fact!r} missing from the PDF text"
    assert "internal: customer seems honest" not in text
    assert luhn_numbers_in(text.encode()) == []
    assert "4111" not in text.replace("ending 1111", "")


def test_the_pdf_cites_the_clause_of_an_accepted_offer(
    agent_client: TestClient, clock: Clock
) -> None:
    dispute, offer = accepted_refund(agent_client, clock)
    text = pdf_text(agent_client.get(f"/api/v1/disputes/{dispute['id']}/evidence.pdf").content)
    assert f"Clause {offer['clause_id']}" in text
    assert "refund_full" in text
    assert "accepted" in text


def test_without_a_unicode_font_the_pdf_is_still_made_and_says_so(
    agent_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module, "unicode_font", lambda: None)
    customer = make_customer(agent_client, name="Łukasz Café")
    dispute = make_dispute(agent_client, customer["id"], description="Broken kettle, 40 € lost.")
    response = agent_client.get(f"/api/v1/disputes/{dispute['id']}/evidence.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "?ukasz Café" in text  # Latin-1 characters kept, others replaced
    assert "Characters outside Latin-1" in text
    assert "Broken kettle" in text


def test_pdf_of_a_missing_dispute_is_a_json_404_and_declared_in_the_schema(
    agent_client: TestClient,
) -> None:
    response = agent_client.get("/api/v1/disputes/999999/evidence.pdf")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert agent_client.get("/api/v1/disputes/0/evidence.pdf").status_code == 422
    document = agent_client.get("/openapi.json").json()
    responses = document["paths"]["/api/v1/disputes/{dispute_id}/evidence.pdf"]["get"]["responses"]
    assert set(responses["200"]["content"]) == {"application/pdf"}
    assert "application/json" in responses["404"]["content"]
