"""Channel shapes: processor notifications, chargebacks, the evidence packet."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from disputedesk.schemas import MinorUnits, SafeStr, Strict

ChargebackOutcome = Literal["won", "lost", "accepted"]


class _Lenient(BaseModel):
    # A processor's objects carry many more fields than the desk reads; extra ones are ignored.
    model_config = ConfigDict(extra="ignore")


class EvidenceDetails(_Lenient):
    """When the evidence is due (unix time) and whether some was submitted."""

    due_by: int | None = Field(default=None, ge=0, le=32_503_680_000)
    has_evidence: bool = False
    submission_count: int = Field(default=0, ge=0)


class ProcessorDispute(_Lenient):
    """A payment processor's dispute, in the shape of Stripe's Dispute object."""

    id: SafeStr = Field(min_length=1, max_length=255)
    object: str = "dispute"
    amount: int = Field(ge=0, le=10**13)
    currency: str = Field(min_length=3, max_length=3, pattern=r"^[A-Za-z]{3}$")
    reason: SafeStr = Field(default="general", max_length=64)
    status: SafeStr = Field(max_length=64)
    created: int | None = Field(default=None, ge=0, le=32_503_680_000)
    charge: SafeStr | None = Field(default=None, max_length=255)
    payment_intent: SafeStr | None = Field(default=None, max_length=255)
    evidence_details: EvidenceDetails = Field(default_factory=EvidenceDetails)
    metadata: dict[str, SafeStr] = Field(default_factory=dict)


class EventData(_Lenient):
    """The `data` of a processor event."""

    object: ProcessorDispute


class ProcessorEvent(_Lenient):
    """A processor's event wrapping a dispute (Stripe's `charge.dispute.*` events)."""

    id: SafeStr = Field(max_length=255)
    type: SafeStr = Field(max_length=100)
    created: int = Field(ge=0, le=32_503_680_000)
    data: EventData


class ChargebackOut(BaseModel):
    """A chargeback as the desk keeps it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    processor_id: str
    dispute_id: int
    charge_ref: str | None
    amount_minor: int
    currency: str
    reason: str
    status: str
    due_by: datetime | None
    fee_minor: int | None
    outcome: str | None
    last_event_at: datetime
    created_at: datetime
    updated_at: datetime


class IntakeResult(BaseModel):
    """What a notification did: created, updated, unchanged (a duplicate) or stale (older)."""

    result: Literal["created", "updated", "unchanged", "stale"]
    chargeback: ChargebackOut


class OutcomeRequest(Strict):
    """How a chargeback ended and what it cost in fees."""

    outcome: ChargebackOutcome
    fee_minor: MinorUnits | None = None
    note: SafeStr | None = Field(default=None, max_length=2000)


class EvidencePacket(BaseModel):
    """Everything a processor asks for to contest a chargeback, gathered from the dispute."""

    generated_at: datetime
    dispute: dict[str, Any]
    customer: dict[str, Any]
    order: dict[str, Any] | None
    delivery: dict[str, Any] | None
    chargebacks: list[ChargebackOut]
    communication: list[dict[str, Any]]
    offers: list[dict[str, Any]]
    accepted_remedies: list[dict[str, Any]]
    policy_clauses: list[dict[str, Any]]
    events: list[dict[str, Any]]
