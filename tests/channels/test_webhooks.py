"""Outgoing webhooks: subscriptions, queueing with the event, signed delivery, retries, the log."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.app import create_app
from disputedesk.auth.service import create_token, create_user
from disputedesk.channels.models import WebhookDelivery
from disputedesk.channels.signatures import signature_header, verify_signature
from disputedesk.channels.webhooks import (
    MAX_ATTEMPTS,
    DeliverySummary,
    backoff,
    deliver_due_webhooks,
    webhook_body,
    webhook_events_for,
)
from disputedesk.config import Settings
from disputedesk.db import make_session_factory
from disputedesk.workflow.worker import run_pending
from tests.conftest import PASSWORD, Clock, StaffMember
from tests.factories import make_dispute

DOCS = Path(__file__).resolve().parents[2] / "docs" / "channels.md"


@dataclass
class Received:
    """One request the receiver got."""

    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A local HTTP endpoint that records POSTs and answers `status` (200 unless told)."""

    url: str
    requests: list[Received] = field(default_factory=list)
    status: int = 200

    def events(self) -> list[str]:
        return [r.headers["DisputeDesk-Event"] for r in self.requests]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A real HTTP server on 127.0.0.1, on a free port, in a thread."""
    box: list[Receiver] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            box[0].requests.append(Received(self.path, dict(self.headers.items()), body))
            self.send_response(box[0].status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box.append(Receiver(url=f"http://127.0.0.1:{server.server_address[1]}/hooks"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield box[0]
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def admin(staff: dict[str, StaffMember]) -> dict[str, str]:
    return staff["admin"].headers


@pytest.fixture
def desk(app_client: TestClient, staff: dict[str, StaffMember]) -> TestClient:
    """The client, acting as the agent unless a request passes other headers."""
    app_client.headers.update(staff["agent"].headers)
    return app_client


def subscribe(client: TestClient, headers: dict[str, str], url: str, *events: str) -> Any:
    response = client.post(
        "/api/v1/webhooks", json={"url": url, "events": list(events)}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def resolve(client: TestClient, dispute: dict[str, Any]) -> None:
    response = client.post(
        f"/api/v1/disputes/{dispute['id']}/transitions",
        json={
            "to": "resolved",
            "version": dispute["version"],
            "outcome": "remedied",
            "root_cause": "courier_delay",
        },
    )
    assert response.status_code == 200, response.text


def deliveries(client: TestClient, headers: dict[str, str], hook_id: int) -> list[Any]:
    response = client.get(f"/api/v1/webhooks/{hook_id}/deliveries", headers=headers)
    assert response.status_code == 200, response.text
    rows: list[Any] = response.json()
    return rows


def test_open_and_resolve_are_delivered_signed(
    desk: TestClient,
    admin: dict[str, str],
    receiver: Receiver,
    session_factory: sessionmaker[Session],
    clock: Clock,
) -> None:
    hook = subscribe(desk, admin, receiver.url, "dispute.created", "dispute.resolved")
    assert hook["secret"].startswith("whsec_")
    dispute = make_dispute(desk)
    resolve(desk, dispute)

    summary = deliver_due_webhooks(session_factory, clock.now)

    assert (summary.delivered, summary.failed) == (2, 0)
    assert receiver.events() == ["dispute.created", "dispute.resolved"]
    for request in receiver.requests:
        assert request.path == "/hooks"
        assert request.headers["Content-Type"] == "application/json"
        header = request.headers["DisputeDesk-Signature"]
        assert verify_signature(header, request.body, hook["secret"], now=clock.now)
        assert header.startswith(f"t={int(clock.now.timestamp())},v1=")
    resolved = receiver.requests[1]
    payload = json.loads(resolved.body)
    assert payload["id"] == int(resolved.headers["DisputeDesk-Delivery"])
    assert payload["event"] == "dispute.resolved"
    assert payload["dispute_id"] == dispute["id"]
    assert payload["data"]["kind"] == "dispute.status_changed"
    assert payload["data"]["after"]["status"] == "resolved"
    assert payload["data"]["actor_kind"] == "staff"
    assert set(payload) == {"id", "event", "created_at", "dispute_id", "data"}
    assert "cracked jug" not in receiver.requests[0].body.decode()  # the description stays home
    log = deliveries(desk, admin, hook["id"])
    assert [(d["event_name"], d["status"], d["attempts"], d["response_status"]) for d in log] == [
        ("dispute.resolved", "delivered", 1, 200),
        ("dispute.created", "delivered", 1, 200),
    ]
    # Nothing is due any more: a second pass sends nothing.
    assert deliver_due_webhooks(session_factory, clock.now).delivered == 0
    assert len(receiver.requests) == 2


def test_a_failing_receiver_is_retried_with_backoff_and_the_log_shows_it(
    desk: TestClient,
    admin: dict[str, str],
    receiver: Receiver,
    session_factory: sessionmaker[Session],
    clock: Clock,
) -> None:
    hook = subscribe(desk, admin, receiver.url, "dispute.created")
    make_dispute(desk)
    receiver.status = 500

    assert deliver_due_webhooks(session_factory, clock.now).failed == 1
    [row] = deliveries(desk, admin, hook["id"])
    assert (row["status"], row["attempts"], row["response_status"]) == ("queued", 1, 500)
    assert row["last_error"].startswith("HTTP 500")

    # Not due again until the backoff has passed.
    clock.advance(seconds=59)
    assert deliver_due_webhooks(session_factory, clock.now).failed == 0
    clock.advance(seconds=1)
    assert deliver_due_webhooks(session_factory, clock.now).failed == 1
    [row] = deliveries(desk, admin, hook["id"])
    assert row["attempts"] == 2

    receiver.status = 204
    clock.advance(minutes=2)
    assert deliver_due_webhooks(session_factory, clock.now).delivered == 1
    [row] = deliveries(desk, admin, hook["id"])
    assert (row["status"], row["attempts"], row["response_status"], row["last_error"]) == (
        "delivered",
        3,
        204,
        None,
    )
    assert len(receiver.requests) == 3
    assert len({r.headers["DisputeDesk-Delivery"] for r in receiver.requests}) == 1


def test_an_unreachable_url_gives_up_after_eight_attempts(
    desk: TestClient,
    admin: dict[str, str],
    receiver: Receiver,
    session_factory: sessionmaker[Session],
    clock: Clock,
) -> None:
    dead = subscribe(desk, admin, "http://127.0.0.1:9/nothing-listens", "dispute.created")
    make_dispute(desk)
    for _ in range(MAX_ATTEMPTS):
        deliver_due_webhooks(session_factory, clock.now)
        clock.advance(hours=6)
    [row] = deliveries(desk, admin, dead["id"])
    assert (row["status"], row["attempts"], row["response_status"]) == ("failed", 8, None)
    assert "ConnectError" in row["last_error"]
    clock.advance(days=1)
    assert deliver_due_webhooks(session_factory, clock.now).handled == 0


def test_only_subscribed_events_of_active_subscriptions_are_queued(
    desk: TestClient,
    admin: dict[str, str],
    receiver: Receiver,
    session_factory: sessionmaker[Session],
    session: Session,
    clock: Clock,
) -> None:
    offers_only = subscribe(desk, admin, receiver.url, "offer.made")
    updates = subscribe(desk, admin, receiver.url + "/updates", "dispute.updated")
    gone = subscribe(desk, admin, receiver.url + "/gone", "dispute.created")
    assert desk.delete(f"/api/v1/webhooks/{gone['id']}", headers=admin).json()["active"] is False
    dispute = make_dispute(desk)
    resolve(desk, dispute)

    deliver_due_webhooks(session_factory, clock.now)

    assert deliveries(desk, admin, offers_only["id"]) == []
    assert deliveries(desk, admin, gone["id"]) == []
    # Without a dispute.resolved subscription, the resolution arrives as dispute.updated.
    assert [r.path for r in receiver.requests] == ["/hooks/updates"]
    assert receiver.events() == ["dispute.updated"]
    assert [d["event_name"] for d in deliveries(desk, admin, updates["id"])] == ["dispute.updated"]
    listed = desk.get("/api/v1/webhooks", headers=admin).json()
    assert [h["id"] for h in listed] == [gone["id"], updates["id"], offers_only["id"]]
    assert all("secret" not in h for h in listed)


def test_queued_deliveries_of_a_deactivated_subscription_are_not_sent(
    desk: TestClient,
    admin: dict[str, str],
    receiver: Receiver,
    session_factory: sessionmaker[Session],
    clock: Clock,
) -> None:
    hook = subscribe(desk, admin, receiver.url, "dispute.created")
    make_dispute(desk)
    desk.delete(f"/api/v1/webhooks/{hook['id']}", headers=admin)
    assert deliver_due_webhooks(session_factory, clock.now).given_up == 1
    assert receiver.requests == []
    [row] = deliveries(desk, admin, hook["id"])
    assert (row["status"], row["last_error"]) == ("failed", "the subscription was deactivated")


def test_the_worker_pass_delivers_webhooks(
    desk: TestClient,
    admin: dict[str, str],
    receiver: Receiver,
    session_factory: sessionmaker[Session],
    clock: Clock,
) -> None:
    subscribe(desk, admin, receiver.url, "dispute.created")
    make_dispute(desk)
    assert run_pending(session_factory, now=clock.now, worker="test") >= 1
    assert receiver.events() == ["dispute.created"]


def test_events_that_are_not_webhooks_queue_nothing(
    desk: TestClient,
    admin: dict[str, str],
    receiver: Receiver,
    session: Session,
) -> None:
    subscribe(desk, admin, receiver.url, "dispute.created")
    make_dispute(desk)
    rows = session.scalars(select(WebhookDelivery)).all()
    assert [r.event_name for r in rows] == ["dispute.created"]


@pytest.mark.parametrize("role", ["agent", "supervisor", "manager"])
def test_only_admins_manage_webhooks(
    app_client: TestClient, staff: dict[str, StaffMember], role: str
) -> None:
    headers = staff[role].headers
    body = {"url": "https://example.com/h", "events": ["dispute.created"]}
    assert app_client.post("/api/v1/webhooks", json=body, headers=headers).status_code == 403
    assert app_client.get("/api/v1/webhooks", headers=headers).status_code == 403
    assert app_client.delete("/api/v1/webhooks/1", headers=headers).status_code == 403
    assert app_client.get("/api/v1/webhooks/1/deliveries", headers=headers).status_code == 403
    assert app_client.get("/api/v1/webhooks").status_code == 401


@pytest.mark.parametrize(
    ("body", "field_name"),
    [
        ({"url": "ftp://example.com/h", "events": ["dispute.created"]}, "url"),
        ({"url": "javascript:alert(1)", "events": ["dispute.created"]}, "url"),
        ({"url": "https://", "events": ["dispute.created"]}, "url"),
        ({"url": "https://example.com/h", "events": ["dispute.deleted"]}, "events"),
        ({"url": "https://example.com/h", "events": []}, "events"),
    ],
)
def test_a_subscription_needs_an_http_url_and_known_events(
    app_client: TestClient, admin: dict[str, str], body: dict[str, Any], field_name: str
) -> None:
    response = app_client.post("/api/v1/webhooks", json=body, headers=admin)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field_name


def test_unknown_webhook_is_404(app_client: TestClient, admin: dict[str, str]) -> None:
    assert app_client.delete("/api/v1/webhooks/999", headers=admin).status_code == 404
    assert app_client.get("/api/v1/webhooks/999/deliveries", headers=admin).status_code == 404


@pytest.mark.parametrize(
    ("kind", "after", "expected"),
    [
        ("dispute.opened", None, ("dispute.created",)),
        ("dispute.status_changed", {"status": "resolved"}, ("dispute.resolved", "dispute.updated")),
        ("dispute.status_changed", {"status": "waiting"}, ("dispute.updated",)),
        ("dispute.assigned", {}, ("dispute.updated",)),
        ("dispute.escalated", {}, ("dispute.escalated",)),
        ("offer.approval_declined", {}, ("offer.approval_declined",)),
        ("survey.completed", {}, ("survey.completed",)),
        ("email.queued", {}, ()),
        ("dispute.deescalated", {}, ()),
    ],
)
def test_event_kinds_map_to_webhook_events(
    kind: str, after: dict[str, Any] | None, expected: tuple[str, ...]
) -> None:
    assert webhook_events_for(kind, after) == expected


def test_backoff_doubles_from_a_minute_to_at_most_six_hours() -> None:
    waits = [backoff(n) for n in range(1, MAX_ATTEMPTS + 1)]
    assert [w // timedelta(minutes=1) for w in waits] == [1, 2, 4, 8, 16, 32, 64, 128]
    assert backoff(20) == timedelta(hours=6)


def test_the_documented_example_signs_byte_for_byte() -> None:
    section = DOCS.read_text(encoding="utf-8").split("## Webhooks", 1)[1]
    example = dict(re.findall(r"^(secret|timestamp|body|header):\s+(.+)$", section, re.M))
    body = example["body"].encode("utf-8")
    name, _, value = example["header"].partition(": ")
    assert name == "DisputeDesk-Signature"
    assert signature_header(example["secret"], int(example["timestamp"]), body) == value
    # The body is exactly what the sender produces for that delivery.
    document = json.loads(body)
    delivery_id = document.pop("id")
    assert webhook_body(delivery_id, document) == body


def test_two_senders_at_once_post_each_delivery_once(
    own_engine: Engine, settings: Settings, receiver: Receiver, clock: Clock
) -> None:
    factory = make_session_factory(own_engine)
    with factory() as s, s.begin():
        user = create_user(session=s, username="root", password=PASSWORD, role="admin")
        headers = {"Authorization": f"Bearer {create_token(session=s, user=user, name='t').raw}"}
    app = create_app(settings=settings, session_factory=factory, clock=clock)
    with TestClient(app) as client:
        client.headers.update(headers)
        hook = subscribe(client, headers, receiver.url, "dispute.created")
        for _ in range(6):
            make_dispute(client)
        summaries: list[DeliverySummary] = []
        senders = [
            threading.Thread(
                target=lambda: summaries.append(deliver_due_webhooks(factory, clock.now))
            )
            for _ in range(2)
        ]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(30)
        ids = [r.headers["DisputeDesk-Delivery"] for r in receiver.requests]
        assert sorted(ids) == sorted(set(ids))
        assert len(ids) == 6
        assert sum(s.delivered for s in summaries) == 6
        log = deliveries(client, headers, hook["id"])
        assert {(d["status"], d["attempts"]) for d in log} == {("delivered", 1)}
