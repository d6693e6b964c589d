"""Facts about one dispute, derived from the customer's records (never typed in by an agent)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from disputedesk.policies.schema import RemedyKind


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _to_date(value: Any) -> Any:
    """Accept a date, or an aware datetime read as its UTC calendar date."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("must be timezone-aware")
        return value.astimezone(UTC).date()
    return value


UTCDateTime = Annotated[AwareDatetime, AfterValidator(_utc)]
DayOrDateTime = Annotated[date, BeforeValidator(_to_date)]


class _Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OrderFacts(_Facts):
    """The order the dispute is about, as the shop's records have it."""

    amount_minor: int = Field(ge=0)
    purchased_at: UTCDateTime
    delivered_at: UTCDateTime | None = None
    promised_by: DayOrDateTime | None = None
    warranty_until: DayOrDateTime | None = None
    fulfilment_status: str | None = None


class PriorRemedy(_Facts):
    """A remedy already granted to this customer (on any dispute)."""

    remedy: RemedyKind
    granted_at: UTCDateTime
    amount_minor: int = Field(default=0, ge=0)


class DisputeFacts(_Facts):
    """Everything the engine may look at to decide which remedies a policy allows."""

    now: UTCDateTime
    category: str | None = None
    amount_in_dispute_minor: int = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    order: OrderFacts | None = None
    customer_tier: str | None = None
    customer_since: UTCDateTime | None = None
    prior_remedies: tuple[PriorRemedy, ...] = ()

    @property
    def today(self) -> date:
        """The UTC calendar date of `now`."""
        return self.now.date()
