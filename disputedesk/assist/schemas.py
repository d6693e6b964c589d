"""Request shapes for the analysis and coaching endpoints."""

from __future__ import annotations

from pydantic import Field

from disputedesk.schemas import Id, SafeStr, Strict


class AnalyzeRequest(Strict):
    """A customer message to read."""

    text: SafeStr = Field(max_length=100_000)


class CoachRequest(Strict):
    """A reply draft to coach, optionally in the context of a dispute."""

    draft: SafeStr = Field(max_length=100_000)
    dispute_id: Id | None = None
