"""Fixtures for the portal: a signing secret, two customers with their own records, links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from disputedesk.config import get_settings
from tests.conftest import Clock
from tests.factories import make_customer, make_dispute, make_order

SECRET = "portal-test-secret-" + "p" * 32
_FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Links are signed with DISPUTEDESK_SECRET_KEY, read through get_settings()."""
    monkeypatch.setenv("DISPUTEDESK_SECRET_KEY", SECRET)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def form_token_of(html: str) -> str:
    """The form token a portal page's forms carry."""
    match = _FORM_TOKEN.search(html)
    assert match, "no form_token field on the page"
    return match.group(1)


@dataclass
class Holder:
    """A customer with an order, a dispute on it, and a portal link."""

    customer_id: int
    order_id: int
    dispute_id: int
    link_id: int
    path: str


@dataclass
class Portal:
    """A browser-like client without credentials, and the agent's API client to arrange data."""

    web: TestClient
    api: TestClient
    clock: Clock

    def link(self, customer_id: int, **body: Any) -> dict[str, Any]:
        """Issue a link through the staff API and return its JSON (with the path)."""
        response = self.api.post(f"/api/v1/customers/{customer_id}/links", json=body)
        assert response.status_code == 201, response.text
        data: dict[str, Any] = response.json()
        return data

    def holder(self, **customer: Any) -> Holder:
        """A new customer with one order and one dispute about it, and a link for them."""
        person = make_customer(self.api, **customer)
        order = make_order(self.api, person["id"])
        dispute = make_dispute(self.api, person["id"], order_id=order["id"])
        link = self.link(person["id"])
        return Holder(person["id"], order["id"], dispute["id"], link["id"], link["path"])

    def post(self, page: str, action: str, data: dict[str, str], **headers: str) -> httpx.Response:
        """Open `page`, then post a form to `action` with that page's form token."""
        shown = self.web.get(page)
        assert shown.status_code == 200, shown.text
        response: httpx.Response = self.web.post(
            action,
            data={"form_token": form_token_of(shown.text), **data},
            headers=headers,
            follow_redirects=False,
        )
        return response

    def offer(self, dispute_id: int, **body: Any) -> dict[str, Any]:
        """Make an offer on a dispute as the agent."""
        response = self.api.post(
            f"/api/v1/disputes/{dispute_id}/offers",
            json={"remedy": "refund_full", "amount_minor": 5_000, **body},
        )
        assert response.status_code == 201, response.text
        data: dict[str, Any] = response.json()
        return data

    def move(self, dispute_id: int, *statuses: str) -> None:
        """Walk a dispute through statuses as the agent."""
        for to in statuses:
            version = self.api.get(f"/api/v1/disputes/{dispute_id}").json()["version"]
            response = self.api.post(
                f"/api/v1/disputes/{dispute_id}/transitions", json={"to": to, "version": version}
            )
            assert response.status_code == 200, response.text

    def dispute(self, dispute_id: int) -> dict[str, Any]:
        """The dispute as staff see it."""
        data: dict[str, Any] = self.api.get(f"/api/v1/disputes/{dispute_id}").json()
        return data

    def events(self, dispute_id: int) -> list[dict[str, Any]]:
        """The dispute's audit trail."""
        items: list[dict[str, Any]] = self.api.get(f"/api/v1/disputes/{dispute_id}/events").json()[
            "items"
        ]
        return items


@pytest.fixture
def portal(agent_client: TestClient, clock: Clock) -> Iterator[Portal]:
    """The app with a credential-free client for customers and the agent's API client."""
    with TestClient(agent_client.app, base_url="http://testserver") as web:
        yield Portal(web=web, api=agent_client, clock=clock)
