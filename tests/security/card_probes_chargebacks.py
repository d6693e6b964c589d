"""Card-number probes through chargeback intake: signed Stripe-style notifications to
`POST /api/v1/chargebacks` carrying a card number in each field the desk reads, plus the outcome
note a supervisor records. Each probe signs its body as a processor would."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from disputedesk.channels.signatures import signature_header
from tests.security.conftest import DEMO_NOW

CHARGEBACK_SECRET = "whsec_card_probe"
_SENT_AT = int(DEMO_NOW.timestamp())


def _dispute(**changes: Any) -> dict[str, Any]:
    dispute: dict[str, Any] = {
        "id": f"dp_{uuid.uuid4().hex[:16]}",
        "object": "dispute",
        "amount": 4999,
        "currency": "usd",
        "reason": "fraudulent",
        "status": "needs_response",
        "created": _SENT_AT - 3600,
        "charge": f"ch_{uuid.uuid4().hex[:16]}",
        "evidence_details": {"due_by": _SENT_AT + 7 * 86400, "has_evidence": False},
        "metadata": {},
    }
    dispute.update(changes)
    return dispute


def _event(dispute: dict[str, Any], created: int = _SENT_AT - 60, **changes: Any) -> bytes:
    event = {"id": f"evt_{uuid.uuid4().hex[:12]}", "type": "charge.dispute.created"}
    event.update({"created": created, "data": {"object": dispute}, **changes})
    return json.dumps(event).encode()


def _post(c: Any, body: bytes, *, signed: bool = True) -> Any:
    header = signature_header(CHARGEBACK_SECRET if signed else "whsec_wrong", _SENT_AT, body)
    return TestClient(c.api.app, raise_server_exceptions=False).post(
        "/api/v1/chargebacks",
        content=body,
        headers={"Stripe-Signature": header, "Content-Type": "application/json"},
    )


def _expect(status: int, make: Callable[[str], bytes]) -> Callable[[Any, str], None]:
    def probe(c: Any, card: str) -> None:
        response = _post(c, make(card))
        assert response.status_code == status, response.text[:300]
        if status == 200:
            c.extras["chargeback_id"] = response.json()["chargeback"]["id"]

    return probe


def _p_reason_update(c: Any, card: str) -> None:
    first = _dispute()
    assert _post(c, _event(first)).status_code == 200
    later = {**first, "reason": f"card {card}", "status": "under_review"}
    response = _post(c, _event(later, created=_SENT_AT - 30, type="charge.dispute.updated"))
    assert response.status_code == 200, response.text[:300]
    assert response.json()["result"] == "updated", response.text[:300]


def _p_outcome_note(c: Any, card: str) -> None:
    made = _post(c, _event(_dispute()))
    assert made.status_code == 200, made.text[:300]
    url = f"/api/v1/chargebacks/{made.json()['chargeback']['id']}/outcome"
    body = {"outcome": "lost", "fee_minor": 1500, "note": f"cardholder's card {card}"}
    response = c.admin.post(url, json=body)
    assert response.status_code == 200, response.text[:300]


def _p_unsigned(c: Any, card: str) -> None:
    body = _event(_dispute(reason=f"card {card}", charge=f"ch {card}"))
    assert _post(c, body, signed=False).status_code == 401


CHARGEBACK_PROBES: dict[str, Callable[[Any, str], None]] = {
    "chargeback reason": _expect(200, lambda card: _event(_dispute(reason=f"card {card}"))),
    "chargeback reason update": _p_reason_update,
    "chargeback charge id": _expect(200, lambda card: _event(_dispute(charge=f"ch_{card}"))),
    "chargeback payment_intent id": _expect(
        200, lambda card: _event(_dispute(charge=None, payment_intent=f"pi {card}"))
    ),
    "chargeback bare object charge": _expect(
        200, lambda card: json.dumps(_dispute(charge=card)).encode()
    ),
    "chargeback metadata values": _expect(
        200,
        lambda card: _event(
            _dispute(
                metadata={
                    "order_number": f"A-{card}",
                    "customer_email": f"card {card}",
                    "note": f"paid with {card}",
                }
            )
        ),
    ),
    "chargeback metadata key": _expect(
        200, lambda card: _event(_dispute(metadata={f"card {card}": "yes"}))
    ),
    "chargeback event id and type": _expect(
        200, lambda card: _event(_dispute(), id=f"evt_{card}", type=f"charge {card}")
    ),
    "chargeback outcome note": _p_outcome_note,
    "chargeback dispute id": _expect(200, lambda card: _event(_dispute(id=f"dp_{card}"))),
    "chargeback invalid amount": _expect(422, lambda card: _event(_dispute(amount=card))),
    "chargeback unsigned": _p_unsigned,
}
# The dispute id is the processor's idempotency key: a card number there is stored masked with a
# keyed digest. Metadata (other than a real e-mail address) and event fields are never stored.
CHARGEBACK_NOT_STORED = {
    "chargeback metadata values",
    "chargeback metadata key",
    "chargeback event id and type",
    "chargeback invalid amount",
    "chargeback unsigned",
}
