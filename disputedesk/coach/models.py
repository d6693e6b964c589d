"""Types of the coach: findings, elements, the context of a dispute and the report."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FindingKind = Literal[
    "blame",
    "condescension",
    "defensiveness",
    "dismissiveness",
    "refusal_without_alternative",
    "over_promise",
    "canned",
]
Element = Literal[
    "empathy",
    "acknowledgement",
    "apology",
    "clarifying_question",
    "solution",
    "policy_reference",
    "next_steps",
    "timeline",
    "follow_up",
]
FINDING_KINDS: tuple[FindingKind, ...] = (
    "blame",
    "condescension",
    "defensiveness",
    "dismissiveness",
    "refusal_without_alternative",
    "over_promise",
    "canned",
)
ELEMENTS: tuple[Element, ...] = (
    "empathy",
    "acknowledgement",
    "apology",
    "clarifying_question",
    "solution",
    "policy_reference",
    "next_steps",
    "timeline",
    "follow_up",
)
Tone = Literal["warm", "formal"]
DEFAULT_SEND_THRESHOLD = 70


class PlaybookStep(StrEnum):
    """The step of the dispute playbook a reply is written for."""

    first_response = "first_response"
    investigating = "investigating"
    offer = "offer"
    declining = "declining"
    follow_up = "follow_up"


class Finding(BaseModel):
    """One problem in a draft: its kind, the exact evidence span and a suggested rewrite."""

    model_config = ConfigDict(frozen=True)

    kind: FindingKind
    evidence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    suggestion: str


class CoachContext(BaseModel):
    """What the coach knows about the dispute; every field is optional."""

    company_at_fault: bool = False
    declining: bool = False
    facts_missing: bool = False
    action_pending: bool = False
    customer_name: str | None = None
    order_number: str | None = None
    amounts_minor: list[int] = Field(default_factory=list)
    currency: str = "USD"
    dates: list[date] = Field(default_factory=list)
    allowed_max_refund_minor: int | None = None
    allowed_remedies: list[str] = Field(default_factory=list)
    templates: list[str] = Field(default_factory=list)
    step: PlaybookStep | None = None


class CoachReport(BaseModel):
    """The coach's verdict on a draft; model_dump() is the API contract."""

    score: int = Field(ge=0, le=100)
    findings: list[Finding]
    present: list[Element]
    missing: list[Element]

    def passes(self, threshold: int = DEFAULT_SEND_THRESHOLD) -> bool:
        """True when the draft may be sent: score at or above the threshold."""
        return self.score >= threshold

    def finding_kinds(self) -> set[FindingKind]:
        """The distinct kinds of finding in this report."""
        return {f.kind for f in self.findings}
