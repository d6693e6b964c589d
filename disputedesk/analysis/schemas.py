"""Pydantic models of the analysis contract."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

RiskKind = Literal[
    "legal_threat",
    "chargeback_threat",
    "public_review_threat",
    "regulator_complaint",
    "cancellation_threat",
    "manager_request",
    "abusive_language",
    "safety_issue",
    "repeat_contact",
]
EntityKind = Literal["order_id", "amount", "date", "email", "phone", "card_number"]
CATEGORIES: tuple[str, ...] = (
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
)
RISK_KINDS: tuple[str, ...] = get_args(RiskKind)


class Emotions(BaseModel):
    """Five emotion intensities, each 0..1."""

    model_config = ConfigDict(frozen=True)

    anger: float = Field(0.0, ge=0.0, le=1.0)
    frustration: float = Field(0.0, ge=0.0, le=1.0)
    disappointment: float = Field(0.0, ge=0.0, le=1.0)
    anxiety: float = Field(0.0, ge=0.0, le=1.0)
    satisfaction: float = Field(0.0, ge=0.0, le=1.0)


class Risk(BaseModel):
    """A risk flag with the exact evidence span in pii_masked_text."""

    model_config = ConfigDict(frozen=True)

    kind: RiskKind
    evidence: str
    start: int
    end: int


class Entity(BaseModel):
    """An extracted entity; amounts carry `value` (minor units + currency), excluded from dumps."""

    model_config = ConfigDict(frozen=True)

    kind: EntityKind
    text: str
    start: int
    end: int
    value: dict[str, str | int] | None = Field(default=None, exclude=True)

    @property
    def minor_units(self) -> int | None:
        """Amount in minor units (cents, pence) for amount entities."""
        if self.value is None:
            return None
        v = self.value.get("minor_units")
        return v if isinstance(v, int) else None

    @property
    def currency(self) -> str | None:
        """ISO currency code for amount entities, when known."""
        if self.value is None:
            return None
        v = self.value.get("currency")
        return v if isinstance(v, str) else None


class CategoryResult(BaseModel):
    """Predicted category label and its confidence."""

    model_config = ConfigDict(frozen=True)

    label: str
    confidence: float = Field(ge=0.0, le=1.0)


class Analysis(BaseModel):
    """The full analysis of one customer message (the DESIGN.md contract)."""

    model_config = ConfigDict(frozen=True)

    sentiment: float = Field(ge=-1.0, le=1.0)
    anger: float = Field(ge=0.0, le=1.0)
    emotions: Emotions
    risks: list[Risk]
    category: CategoryResult
    entities: list[Entity]
    pii_masked_text: str

    @property
    def anger_level(self) -> Literal["low", "medium", "high"]:
        """Anger bucket comparable with the dev labels."""
        if self.anger >= HIGH_ANGER:
            return "high"
        if self.anger >= MEDIUM_ANGER:
            return "medium"
        return "low"

    @property
    def sentiment_label(self) -> Literal["negative", "neutral", "positive"]:
        """Sentiment bucket comparable with the dev labels."""
        if self.sentiment <= NEGATIVE_SENTIMENT:
            return "negative"
        if self.sentiment >= POSITIVE_SENTIMENT:
            return "positive"
        return "neutral"

    @property
    def risk_kinds(self) -> set[str]:
        """The set of distinct risk kinds flagged."""
        return {r.kind for r in self.risks}


MEDIUM_ANGER = 0.2
HIGH_ANGER = 0.5
NEGATIVE_SENTIMENT = -0.2
POSITIVE_SENTIMENT = 0.45
