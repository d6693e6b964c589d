"""Request shapes for the analysis and coaching endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from disputedesk.schemas import Id, SafeStr, Strict


class AnalyzeRequest(Strict):
    """A customer message to read."""

    text: SafeStr = Field(max_length=100_000)


class CoachRequest(Strict):
    """A reply draft to coach, optionally in the context of a dispute."""

    draft: SafeStr = Field(max_length=100_000)
    dispute_id: Id | None = None


class TemplateCreate(Strict):
    """A new reply template."""

    name: SafeStr = Field(min_length=1, max_length=100)
    body: SafeStr = Field(min_length=1, max_length=20_000)


class TemplateOut(BaseModel):
    """A stored reply template."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    body: str
    active: bool
    created_at: datetime
