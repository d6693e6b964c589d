"""Shapes for surveys and notifications."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from disputedesk.schemas import SafeStr, Strict, StrictInt


class SurveyAnswer(Strict):
    """The customer's rating (1-5) and an optional comment."""

    rating: StrictInt = Field(ge=1, le=5)
    comment: SafeStr | None = Field(default=None, max_length=5000)


class SurveyOut(BaseModel):
    """A survey as its link shows it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    dispute_id: int
    expires_at: datetime
    rating: int | None
    answered_at: datetime | None


class NotificationOut(BaseModel):
    """Something for a member of staff to look at."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    dispute_id: int | None
    kind: str
    text: str
    created_at: datetime
    read_at: datetime | None
