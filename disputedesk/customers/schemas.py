"""Customer and order shapes for the API and CLI."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from disputedesk.analysis.pii import find_card_numbers
from disputedesk.schemas import (
    Currency,
    Email,
    MinorUnits,
    Name,
    SafeStr,
    ShortText,
    Strict,
    StrictInt,
)

Tier = Literal["standard", "silver", "gold"]


def _not_a_card(value: str | None) -> str | None:
    if value is not None and find_card_numbers(value):
        raise ValueError("this looks like a card number, not a phone number")
    return value


Phone = Annotated[
    str | None,
    Field(default=None, max_length=50, pattern=r"^[0-9+() .\-]{3,50}$"),
    AfterValidator(_not_a_card),
]
FulfilmentStatus = Literal["pending", "shipped", "delivered", "returned", "cancelled", "lost"]


class CustomerCreate(Strict):
    """A new customer."""

    name: Name
    email: Email | None = None
    phone: Phone = None
    tier: Tier = "standard"
    external_ref: SafeStr | None = Field(default=None, min_length=1, max_length=100)


class CustomerUpdate(Strict):
    """Changes to a customer; only the fields given are changed."""

    name: Name | None = None
    email: Email | None = None
    phone: Phone = None
    tier: Tier | None = None


class CustomerOut(BaseModel):
    """A customer as shown to staff."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    email: str | None
    phone: str | None
    tier: str
    external_ref: str | None
    created_at: datetime
    updated_at: datetime


class OrderItem(Strict):
    """One line of an order."""

    sku: ShortText
    name: ShortText
    quantity: StrictInt = Field(ge=1, le=100_000)
    unit_amount_minor: MinorUnits


class OrderCreate(Strict):
    """A new order (purchase) on a customer's record."""

    number: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9#._/-]+$")
    items: list[OrderItem] = Field(default_factory=list, max_length=200)
    amount_minor: MinorUnits
    currency: Currency = "USD"
    purchased_at: AwareDatetime
    promised_by: AwareDatetime | None = None
    delivered_at: AwareDatetime | None = None
    warranty_until: AwareDatetime | None = None
    fulfilment_status: FulfilmentStatus = "pending"

    @model_validator(mode="after")
    def _chronology(self) -> OrderCreate:
        if self.delivered_at is not None and self.delivered_at < self.purchased_at:
            raise ValueError("delivered_at must not be before purchased_at")
        return self


class OrderOut(BaseModel):
    """An order as shown beside a dispute."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    customer_id: int
    number: str
    items: list[OrderItem]
    amount_minor: int
    currency: str
    purchased_at: datetime
    promised_by: datetime | None
    delivered_at: datetime | None
    warranty_until: datetime | None
    fulfilment_status: str
    in_warranty: bool = False


class PastDispute(BaseModel):
    """A line of a customer's dispute history."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    subject: str
    category: str
    status: str
    outcome: str | None
    created_at: datetime


class CustomerRecords(BaseModel):
    """Everything an agent sees beside a dispute: the customer, their orders and past disputes."""

    customer: CustomerOut
    orders: list[OrderOut]
    disputes: list[PastDispute]
