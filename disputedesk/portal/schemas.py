"""Shapes for access links (staff side) and for what a customer sees through the portal."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from disputedesk.disputes.schemas import DesiredOutcome
from disputedesk.schemas import Id, LongText, ShortText, Strict

DEFAULT_VALID_DAYS = 14
MAX_VALID_DAYS = 90


class LinkCreate(Strict):
    """A new access link: for the whole customer, or for one of their disputes."""

    dispute_id: Id | None = Field(
        default=None, description="Limit the link to this dispute (it must be the customer's)."
    )
    valid_days: int = Field(default=DEFAULT_VALID_DAYS, ge=1, le=MAX_VALID_DAYS)


class LinkOut(BaseModel):
    """An access link as staff see it (never its token)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    customer_id: int
    dispute_id: int | None
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None
    created_by: str


class LinkIssued(LinkOut):
    """A link just made: its path is shown this once and cannot be read back later."""

    path: str = Field(description="/portal/<token>: put it after the site's address.")


class PortalDisputeCreate(Strict):
    """A dispute filed by the customer in the portal."""

    subject: ShortText
    description: LongText = Field(max_length=20_000)
    order_id: Id | None = None
    desired_outcome: DesiredOutcome | None = None


class PortalReply(Strict):
    """A customer's reply on one of their disputes."""

    body: LongText = Field(max_length=20_000)


class PortalMessage(BaseModel):
    """One message of the conversation as the customer sees it (no analysis, no notes)."""

    id: int
    from_customer: bool
    body: str
    created_at: datetime


class PortalOffer(BaseModel):
    """An offer made to the customer and where it stands."""

    id: int
    remedy: str
    amount_minor: int | None
    currency: str
    status: str
    created_at: datetime


class PortalDispute(BaseModel):
    """A dispute in the customer's list: what it is about and where it stands."""

    id: int
    subject: str
    status: str
    status_text: str
    order_number: str | None
    created_at: datetime
    updated_at: datetime


class PortalDisputeDetail(PortalDispute):
    """One dispute with its conversation, its offers and an open survey link, if any."""

    messages: list[PortalMessage]
    offers: list[PortalOffer]
    survey_path: str | None
    can_reply: bool


class PortalOrder(BaseModel):
    """One of the customer's orders, to choose from when filing a dispute."""

    id: int
    number: str
    label: str
