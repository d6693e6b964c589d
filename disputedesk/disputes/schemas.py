"""Dispute, message, event and transition shapes for the API and CLI."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from disputedesk.coach import PlaybookStep
from disputedesk.customers.schemas import CustomerOut, OrderOut, PastDispute
from disputedesk.schemas import (
    Currency,
    Id,
    LongText,
    MinorUnits,
    Name,
    SafeStr,
    ShortText,
    Strict,
    StrictInt,
    Tag,
)

Status = Literal[
    "new", "acknowledged", "investigating", "awaiting_customer", "offer_made", "resolved", "closed"
]
Channel = Literal["web", "email", "phone", "chat", "in_person", "social", "chargeback", "api"]
Category = Literal[
    "billing",
    "refund",
    "delivery",
    "product_defect",
    "warranty",
    "service_quality",
    "account",
    "subscription",
    "fraud",
    "other",
]
Priority = Literal["low", "normal", "high", "urgent"]
EscalationLevel = Literal["none", "supervisor", "manager"]
Outcome = Literal["remedied", "explained", "declined", "withdrawn"]
DesiredOutcome = Literal[
    "refund", "replacement", "repair", "credit", "explanation", "apology", "cancel", "other"
]
RootCause = Literal[
    "courier_delay",
    "warehouse_error",
    "product_quality",
    "billing_error",
    "unclear_policy",
    "customer_misunderstanding",
    "fraud",
    "agent_error",
    "system_outage",
    "other",
]
Direction = Literal["inbound", "outbound", "note"]
Version = Field(
    ge=1, le=2_147_483_647, description="The version you last read; a stale version gets 409."
)


class DisputeCreate(Strict):
    """A new dispute; its description is the customer's first message."""

    customer_id: Id
    order_id: Id | None = None
    channel: Channel = "api"
    subject: ShortText
    description: LongText
    category: Category | None = Field(
        default=None, description="Left empty, the category is read from the description."
    )
    amount_minor: MinorUnits | None = None
    currency: Currency | None = None
    desired_outcome: DesiredOutcome | None = None
    priority: Priority | None = None
    tags: list[Tag] = Field(default_factory=list, max_length=20)


class DisputeUpdate(Strict):
    """Changes to a dispute's details; only the fields given change."""

    version: StrictInt = Version
    subject: ShortText | None = None
    category: Category | None = None
    priority: Priority | None = None
    desired_outcome: DesiredOutcome | None = None
    amount_minor: MinorUnits | None = None
    tags: list[Tag] | None = Field(default=None, max_length=20)


class MoveRequest(Strict):
    """Move a dispute to another open status, or reopen a finished one (with a reason)."""

    to: Literal["new", "acknowledged", "investigating", "awaiting_customer", "offer_made", "closed"]
    version: StrictInt = Version
    reason: SafeStr | None = Field(default=None, max_length=2000)


class ResolveRequest(Strict):
    """Resolve a dispute: how it ended and why it happened."""

    to: Literal["resolved"]
    version: StrictInt = Version
    outcome: Outcome
    root_cause: RootCause
    reason: SafeStr | None = Field(default=None, max_length=2000)
    send_survey: bool = Field(
        default=True, description="Schedule the follow-up and satisfaction survey (default yes)."
    )
    no_survey_reason: SafeStr | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="Required when send_survey is false.",
    )

    @model_validator(mode="after")
    def _survey_reason(self) -> ResolveRequest:
        if not self.send_survey and not self.no_survey_reason:
            raise ValueError("say why no survey is sent (no_survey_reason)")
        return self


TransitionRequest = Annotated[MoveRequest | ResolveRequest, Field(discriminator="to")]
_TRANSITION = TypeAdapter(TransitionRequest)


def parse_transition(raw: object) -> MoveRequest | ResolveRequest:
    """Validate a transition request from plain data (a form, a CLI), as the API does."""
    return _TRANSITION.validate_python(raw)


class AssignRequest(Strict):
    """Give the dispute to a member of staff (or null to unassign)."""

    assignee_id: Id | None
    version: StrictInt = Version


class EscalateRequest(Strict):
    """Raise (or lower) a dispute's escalation level, with the reason recorded."""

    level: EscalationLevel
    reason: SafeStr = Field(min_length=1, max_length=2000)
    version: StrictInt = Version


class MessageCreate(Strict):
    """A message on a dispute: inbound (from the customer), outbound (to them) or a note."""

    direction: Direction
    body: LongText
    channel: Channel | None = None
    author_name: Name | None = Field(
        default=None, description="For inbound messages taken down by staff, e.g. a phone call."
    )
    override_reason: SafeStr | None = Field(
        default=None,
        max_length=2000,
        description="Send a reply scoring below the coach's threshold anyway (logged as an event).",
    )


class DraftRequest(Strict):
    """Which reply to compose: the playbook step (default: the dispute's current one) and tone."""

    step: PlaybookStep | None = None
    tone: Literal["warm", "formal"] = "warm"


class RiskFlag(BaseModel):
    """A risk found in a customer's words, with the exact evidence."""

    kind: str
    evidence: str
    message_id: int | None = None


class DisputeOut(BaseModel):
    """A dispute as shown in lists and details."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    customer_id: int
    order_id: int | None
    channel: str
    subject: str
    description: str
    category: str
    amount_minor: int | None
    currency: str
    desired_outcome: str | None
    status: str
    priority: str
    escalation_level: str
    assignee_id: int | None
    tags: list[str]
    outcome: str | None
    root_cause: str | None
    current_anger: float | None
    first_anger: float | None
    risk_flags: list[RiskFlag]
    flags: list[str]
    priority_reasons: list[str]
    priority_overridden: bool
    repeat_contacts: int
    sla_due_at: datetime | None
    sla_first_response_due_at: datetime | None
    sla_next_response_due_at: datetime | None
    sla_resolution_due_at: datetime | None
    sla_paused: bool
    sla_breached: bool
    evidence_due_by: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None
    allowed_transitions: list[str] = Field(default_factory=list)


class MessageOut(BaseModel):
    """A message on a dispute with what the analysis or the coach found in it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    dispute_id: int
    direction: str
    channel: str
    author_staff_id: int | None
    author_name: str
    body: str
    analysis: dict[str, Any] | None
    coach_report: dict[str, Any] | None
    created_at: datetime


class EventOut(BaseModel):
    """One entry of a dispute's audit trail."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    dispute_id: int
    kind: str
    actor_kind: str
    actor_id: int | None
    actor_name: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    created_at: datetime


class OfferOut(BaseModel):
    """A remedy offered on a dispute."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    dispute_id: int
    remedy: str
    amount_minor: int | None
    currency: str
    status: str
    clause_id: str | None
    policy_version: str | None
    created_at: datetime


class PlaybookStepOut(BaseModel):
    """A step of the playbook, ticked from what happened on the dispute."""

    key: str
    label: str
    state: Literal["done", "todo", "n/a"]
    evidence: str


class DisputeDetail(DisputeOut):
    """One dispute with its conversation, offers, playbook progress and the customer's records."""

    customer: CustomerOut
    order: OrderOut | None
    messages: list[MessageOut]
    offers: list[OfferOut]
    past_disputes: list[PastDispute]
    customer_orders: list[OrderOut]
    playbook: list[PlaybookStepOut] = Field(default_factory=list)


__all__ = [
    "AssignRequest",
    "Category",
    "Channel",
    "DisputeCreate",
    "DisputeDetail",
    "DisputeOut",
    "DisputeUpdate",
    "DraftRequest",
    "EscalateRequest",
    "EventOut",
    "MessageCreate",
    "MessageOut",
    "MoveRequest",
    "Name",
    "OfferOut",
    "ResolveRequest",
    "Status",
    "TransitionRequest",
    "parse_transition",
]


class QueueCounts(BaseModel):
    """How many open disputes each standard view of the queue holds, exactly, right now."""

    open: int
    mine: int
    unassigned: int
    escalated: int
