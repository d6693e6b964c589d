"""Webhooks out: dispute events queued in the event's transaction, POSTed later, signed.

The signature is the one incoming chargebacks use (`channels.signatures`): the header
`DisputeDesk-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, f"{t}." + body)>`.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.actors import Actor
from disputedesk.channels.models import WebhookDelivery, WebhookSubscription
from disputedesk.channels.signatures import signature_header
from disputedesk.disputes.models import DisputeEvent
from disputedesk.errors import Invalid, NotFound
from disputedesk.rows import Prepared

WEBHOOK_EVENTS = (
    "dispute.created",
    "dispute.updated",
    "dispute.escalated",
    "dispute.resolved",
    "offer.made",
    "offer.approval_requested",
    "offer.approved",
    "offer.approval_declined",
    "offer.accepted",
    "offer.declined",
    "survey.completed",
)
# Event kinds of the audit trail and the webhook events they may become, most specific first.
_KIND_TO_EVENTS: dict[str, tuple[str, ...]] = {
    "dispute.opened": ("dispute.created",),
    "dispute.updated": ("dispute.updated",),
    "dispute.assigned": ("dispute.updated",),
    "dispute.reopened": ("dispute.updated",),
    "dispute.followed_up": ("dispute.updated",),
    "dispute.linked": ("dispute.updated",),
    "dispute.status_changed": ("dispute.updated",),
    "dispute.escalated": ("dispute.escalated",),
    "survey.completed": ("survey.completed",),
    **{name: (name,) for name in WEBHOOK_EVENTS if name.startswith("offer.")},
}
MAX_ATTEMPTS = 8
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
TIMEOUT_SECONDS = 10.0
SIGNATURE_HEADER = "DisputeDesk-Signature"
USER_AGENT = "disputedesk-webhooks/1"


def webhook_events_for(kind: str, after: dict[str, Any] | None) -> tuple[str, ...]:
    """The webhook events an audit event may become, most specific first (pure)."""
    names = _KIND_TO_EVENTS.get(kind, ())
    if kind == "dispute.status_changed" and (after or {}).get("status") == "resolved":
        return ("dispute.resolved", *names)
    return names


def backoff(attempts: int) -> timedelta:
    """How long to wait after `attempts` failures: 1 minute, doubling, at most 6 hours (pure)."""
    return min(FIRST_WAIT * (1 << min(max(attempts - 1, 0), 16)), LONGEST_WAIT)


def webhook_body(delivery_id: int, payload: dict[str, Any]) -> bytes:
    """The exact bytes POSTed: the stored payload plus the delivery id, keys sorted (pure)."""
    document = {"id": delivery_id, **payload}
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode("utf-8")


def webhook_headers(
    *, delivery_id: int, event: str, secret: str, t: int, body: bytes
) -> dict[str, str]:
    """The headers of one POST, signed with the subscription's secret (pure)."""
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: signature_header(secret, t, body),
        "DisputeDesk-Event": event,
        "DisputeDesk-Delivery": str(delivery_id),
    }


# Every event of every change asks this: compiled once, run on the driver.
_ACTIVE = Prepared(
    select(WebhookSubscription.id, WebhookSubscription.events).where(
        WebhookSubscription.active.is_(True)
    )
)


def queue_webhooks(*, session: Session, event: DisputeEvent) -> int:
    """Queue one delivery per active subscription that wants this event; how many (in the
    caller's transaction)."""
    names = webhook_events_for(event.kind, event.after)
    if not names:
        return 0
    subscriptions = _ACTIVE.rows(session.connection(), {})
    wanted = [
        (sub_id, name)
        for sub_id, events in subscriptions
        for name in [next((n for n in names if n in events), None)]
        if name is not None
    ]
    if not wanted:
        return 0
    for sub_id, name in wanted:
        session.add(
            WebhookDelivery(
                subscription_id=sub_id,
                event_name=name,
                event=event,
                dispute_id=event.dispute_id,
                payload={
                    "event": name,
                    "created_at": event.created_at.isoformat(),
                    "dispute_id": event.dispute_id,
                    "data": {
                        "kind": event.kind,
                        "before": event.before,
                        "after": event.after,
                        "actor_kind": event.actor_kind,
                    },
                },
                status="queued",
                attempts=0,
                next_attempt_at=event.created_at,
                created_at=event.created_at,
            )
        )
    return len(wanted)


def check_subscription(url: str, events: list[str]) -> tuple[str, list[str]]:
    """The URL and events of a new subscription, checked; raises Invalid (pure)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid("the URL must be http:// or https:// with a host", field="url")
    if len(url) > 2000:
        raise Invalid("the URL is longer than 2000 characters", field="url")
    unknown = sorted(set(events) - set(WEBHOOK_EVENTS))
    if unknown:
        raise Invalid(
            f"unknown events: {', '.join(unknown)}; choose from {', '.join(WEBHOOK_EVENTS)}",
            field="events",
        )
    if not events:
        raise Invalid("choose at least one event", field="events")
    return url, [name for name in WEBHOOK_EVENTS if name in events]


def create_subscription(
    *, session: Session, url: str, events: list[str], actor: Actor, now: datetime
) -> WebhookSubscription:
    """Subscribe a URL to events; the new secret is readable on the returned row."""
    url, events = check_subscription(url, events)
    row = WebhookSubscription(
        url=url,
        events=events,
        secret="whsec_" + secrets.token_urlsafe(32),
        active=True,
        created_at=now,
        created_by_id=actor.id if actor.kind == "staff" else None,
    )
    session.add(row)
    session.flush()
    return row


def list_subscriptions(*, session: Session) -> list[WebhookSubscription]:
    """Every subscription, newest first."""
    return list(
        session.scalars(select(WebhookSubscription).order_by(WebhookSubscription.id.desc()))
    )


def get_subscription(*, session: Session, subscription_id: int) -> WebhookSubscription:
    """One subscription, or NotFound."""
    row = session.get(WebhookSubscription, subscription_id)
    if row is None:
        raise NotFound(f"webhook {subscription_id} does not exist")
    return row


def deactivate_subscription(*, session: Session, subscription_id: int) -> WebhookSubscription:
    """Stop a subscription: no new deliveries are queued, queued ones are not sent."""
    row = get_subscription(session=session, subscription_id=subscription_id)
    row.active = False
    session.flush()
    return row


def list_deliveries(
    *, session: Session, subscription_id: int, limit: int = 100
) -> list[WebhookDelivery]:
    """A subscription's delivery log, newest first."""
    get_subscription(session=session, subscription_id=subscription_id)
    return list(
        session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.subscription_id == subscription_id)
            .order_by(WebhookDelivery.id.desc())
            .limit(limit)
        )
    )


@dataclass
class DeliverySummary:
    """What one pass of the webhook sender did."""

    delivered: int = 0
    failed: int = 0
    given_up: int = 0

    @property
    def handled(self) -> int:
        """How many deliveries this pass dealt with, whatever the outcome."""
        return self.delivered + self.failed + self.given_up


def _due_ids(session: Session, now: datetime, limit: int) -> list[int]:
    return list(
        session.scalars(
            select(WebhookDelivery.id)
            .where(WebhookDelivery.status == "queued", WebhookDelivery.next_attempt_at <= now)
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(limit)
        )
    )


def _post(
    client: httpx.Client, url: str, body: bytes, headers: dict[str, str]
) -> tuple[int | None, str | None]:
    """POST once: (HTTP status, error) where error is None on a 2xx."""
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:1000]
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}: {response.text[:200]}"


def deliver_due_webhooks(
    factory: sessionmaker[Session],
    now: datetime,
    limit: int = 50,
    *,
    transport: httpx.BaseTransport | None = None,
) -> DeliverySummary:
    """POST queued deliveries that are due; failures are pushed forward with backoff."""
    summary = DeliverySummary()
    with factory() as session, session.begin():
        ids = _due_ids(session, now, limit)
    if not ids:
        return summary
    with httpx.Client(
        timeout=TIMEOUT_SECONDS, follow_redirects=False, transport=transport
    ) as client:
        for row_id in ids:
            with factory() as session, session.begin():
                # One row per transaction, locked so a second sender skips it (PostgreSQL).
                row = session.scalar(
                    select(WebhookDelivery)
                    .where(WebhookDelivery.id == row_id, WebhookDelivery.status == "queued")
                    .with_for_update(skip_locked=True)
                )
                if row is None or row.next_attempt_at > now:
                    continue
                sub = session.get(WebhookSubscription, row.subscription_id)
                if sub is None or not sub.active:
                    row.status = "failed"
                    row.last_error = "the subscription was deactivated"
                    summary.given_up += 1
                    continue
                body = webhook_body(row.id, row.payload)
                headers = webhook_headers(
                    delivery_id=row.id,
                    event=row.event_name,
                    secret=sub.secret,
                    t=int(now.timestamp()),
                    body=body,
                )
                status, error = _post(client, sub.url, body, headers)
                row.attempts += 1
                row.response_status = status
                row.last_error = error
                if error is None:
                    row.status = "delivered"
                    row.delivered_at = now
                    summary.delivered += 1
                elif row.attempts >= MAX_ATTEMPTS:
                    row.status = "failed"
                    summary.given_up += 1
                else:
                    row.next_attempt_at = now + backoff(row.attempts)
                    summary.failed += 1
    return summary
