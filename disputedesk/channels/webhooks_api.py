"""REST routes of outgoing webhooks: subscribe, list, deactivate, read the delivery log (admin)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from disputedesk.actors import Actor
from disputedesk.apiutil import ERRORS, now, transaction
from disputedesk.auth.deps import role_actor
from disputedesk.channels.webhooks import (
    WEBHOOK_EVENTS,
    create_subscription,
    deactivate_subscription,
    list_deliveries,
    list_subscriptions,
)

router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"], responses=ERRORS)
PathId = Annotated[int, Path(ge=1, le=2_147_483_647)]
ADMIN = role_actor("admin")


class WebhookCreate(BaseModel):
    """A URL to POST to and the events it wants."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=2000, description="An http:// or https:// URL")
    events: list[str] = Field(
        min_length=1, max_length=len(WEBHOOK_EVENTS), description=", ".join(WEBHOOK_EVENTS)
    )


class WebhookOut(BaseModel):
    """A subscription (its secret is shown only once, when it is created)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    events: list[str]
    active: bool
    created_at: datetime
    created_by_id: int | None


class WebhookCreated(WebhookOut):
    """A new subscription with its signing secret: keep it, it is not shown again."""

    secret: str


class DeliveryOut(BaseModel):
    """One delivery attempt record of the log."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    event_name: str
    event_id: int
    dispute_id: int
    payload: dict[str, Any]
    status: str
    attempts: int
    next_attempt_at: datetime
    response_status: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


@router.post("", status_code=201, response_model=WebhookCreated)
def create_webhook(request: Request, data: WebhookCreate, actor: Actor = ADMIN) -> WebhookCreated:
    """Subscribe a URL to dispute events; the answer holds the signing secret, once."""
    with transaction(request) as session:
        row = create_subscription(
            session=session, url=data.url, events=data.events, actor=actor, now=now(request)
        )
        return WebhookCreated.model_validate(row)


@router.get("", response_model=list[WebhookOut])
def get_webhooks(request: Request, actor: Actor = ADMIN) -> list[WebhookOut]:
    """Every subscription, newest first (without secrets)."""
    with transaction(request) as session:
        return [WebhookOut.model_validate(r) for r in list_subscriptions(session=session)]


@router.delete("/{webhook_id}", response_model=WebhookOut)
def delete_webhook(request: Request, webhook_id: PathId, actor: Actor = ADMIN) -> WebhookOut:
    """Deactivate a subscription: nothing more is queued or sent to it; its log stays."""
    with transaction(request) as session:
        row = deactivate_subscription(session=session, subscription_id=webhook_id)
        return WebhookOut.model_validate(row)


@router.get("/{webhook_id}/deliveries", response_model=list[DeliveryOut])
def get_deliveries(request: Request, webhook_id: PathId, actor: Actor = ADMIN) -> list[DeliveryOut]:
    """The delivery log of a subscription, newest first: attempts, HTTP status, last error."""
    with transaction(request) as session:
        rows = list_deliveries(session=session, subscription_id=webhook_id)
        return [DeliveryOut.model_validate(r) for r in rows]
