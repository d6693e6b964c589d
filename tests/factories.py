"""Factories that build customers, orders and disputes through the API, as a user would."""

from __future__ import annotations

import itertools
import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.channels.models import OutboxMail

_seq = itertools.count(1)


def make_customer(client: TestClient, **overrides: Any) -> dict[str, Any]:
    """Create a customer and return its JSON."""
    n = next(_seq)
    body = {"name": f"Customer {n}", "email": f"customer{n}@example.com", **overrides}
    response = client.post("/api/v1/customers", json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def make_order(client: TestClient, customer_id: int, **overrides: Any) -> dict[str, Any]:
    """Create an order for a customer and return its JSON."""
    n = next(_seq)
    body = {
        "number": f"ORD-{n:05d}",
        "items": [{"sku": "BL-1", "name": "Blender", "quantity": 1, "unit_amount_minor": 12999}],
        "amount_minor": 12999,
        "currency": "USD",
        "purchased_at": "2026-10-01T10:00:00Z",
        "delivered_at": "2026-10-04T10:00:00Z",
        "warranty_until": "2027-10-01T10:00:00Z",
        "fulfilment_status": "delivered",
        **overrides,
    }
    response = client.post(f"/api/v1/customers/{customer_id}/orders", json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def make_dispute(
    client: TestClient, customer_id: int | None = None, **overrides: Any
) -> dict[str, Any]:
    """Open a dispute (for a new customer unless one is given) and return its JSON."""
    if customer_id is None:
        customer_id = make_customer(client)["id"]
    body = {
        "customer_id": customer_id,
        "channel": "web",
        "subject": "Blender arrived broken",
        "description": "The blender I ordered arrived with a cracked jug. "
        "I would like a replacement.",
        **overrides,
    }
    response = client.post("/api/v1/disputes", json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def survey_link_sent(factory: sessionmaker[Session], dispute_id: int) -> str:
    """The survey link (path) in the newest survey email the customer of a dispute was sent."""
    with factory() as s:
        bodies = s.scalars(
            select(OutboxMail.body)
            .where(OutboxMail.dispute_id == dispute_id)
            .order_by(OutboxMail.id.desc())
        ).all()
    links = [m.group() for b in bodies if (m := re.search(r"/survey/[A-Za-z0-9_.\-]+", b))]
    assert links, "no survey email was queued"
    return links[0]
