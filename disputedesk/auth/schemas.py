"""Shapes for signing in, tokens and staff users."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from disputedesk.schemas import Email, Name, SafeStr, Strict

Role = Literal["agent", "supervisor", "manager", "admin"]


class LoginRequest(Strict):
    """Username and password."""

    username: SafeStr = Field(min_length=1, max_length=64)
    password: SafeStr = Field(min_length=1, max_length=1024)


class StaffOut(BaseModel):
    """A member of staff."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    display_name: str
    email: str
    role: str
    is_active: bool


class LoginOut(BaseModel):
    """The signed-in user and the CSRF token to send with changes made through the session."""

    user: StaffOut
    csrf_token: str


class StaffCreate(Strict):
    """A new member of staff."""

    username: SafeStr = Field(min_length=2, max_length=64, pattern=r"^[a-z0-9_.-]+$")
    password: SafeStr = Field(min_length=10, max_length=1024)
    role: Role
    display_name: Name | None = None
    email: Email | None = None


class TokenCreate(Strict):
    """A name for a new API token."""

    name: SafeStr = Field(min_length=1, max_length=100)


class TokenOut(BaseModel):
    """An API token (the secret itself is shown only once, on creation)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


class TokenIssued(TokenOut):
    """A new token with its secret; store it now, it cannot be shown again."""

    token: str
