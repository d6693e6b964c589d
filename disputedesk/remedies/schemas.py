"""Shapes for policies, remedies and offers."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from disputedesk.schemas import MinorUnits, SafeStr, Strict

RemedyName = Literal[
    "refund_full",
    "refund_partial",
    "replacement",
    "repair",
    "store_credit",
    "goodwill_credit",
    "explanation",
]
OfferState = Literal["pending_approval", "offered", "accepted", "declined", "rejected", "withdrawn"]


class PolicyUpload(Strict):
    """A new policy version as YAML text."""

    text: SafeStr = Field(min_length=1, max_length=100_000)
    source_name: SafeStr = Field(default="upload.yaml", min_length=1, max_length=200)


class PolicyVersionOut(BaseModel):
    """A stored policy version."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    version: str
    fingerprint: str
    source_name: str
    is_current: bool
    uploaded_at: datetime


class PolicyVersionText(PolicyVersionOut):
    """A stored policy version with its YAML text."""

    text: str


class OfferCreate(Strict):
    """Offer a remedy; the engine checks it against the policy and your authority."""

    remedy: RemedyName
    amount_minor: MinorUnits | None = None
    note: SafeStr | None = Field(default=None, max_length=5000)
    policy_version: SafeStr | None = Field(
        default=None,
        max_length=50,
        description="The policy version you looked at; refused when it is no longer current.",
    )


class ApprovalDecision(Strict):
    """A supervisor's or manager's answer to an approval request."""

    approve: bool
    reason: SafeStr = Field(min_length=1, max_length=2000)


class CustomerAnswer(Strict):
    """The customer's answer to an offer."""

    accept: bool
    note: SafeStr | None = Field(default=None, max_length=5000)


class OfferDetail(BaseModel):
    """An offer with what the policy check said."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    dispute_id: int
    remedy: str
    amount_minor: int | None
    currency: str
    status: str
    clause_id: str | None
    policy_version: str | None
    approver_role: str | None
    note: str | None
    made_by_id: int | None
    decided_by_id: int | None
    decision_reason: str | None
    customer_note: str | None
    created_at: datetime
    updated_at: datetime
