"""Failed sign-in limits per account and per client address, counted in the database.

Every API process and the web login share the one table, so the limit holds across processes.
An account is locked after `ACCOUNT_LIMIT` failures within `WINDOW`; a client address after
`ADDRESS_LIMIT` (higher, because a whole office may sign in from one address). A successful
sign-in clears the account's failures. The username is stored only as a SHA-256 digest:
a card number typed into the username box is never kept.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Index, Integer, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from disputedesk.db import Base, UTCDateTime

ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
WINDOW = timedelta(minutes=15)


class LoginFailure(Base):
    """One failed sign-in: which account (digest), from where, when."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_account_at", "account_digest", "at"),
        Index("ix_login_failures_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_digest: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


@dataclass(frozen=True)
class Lockout:
    """Why sign-in is refused now and how many whole seconds until it is allowed again."""

    scope: str
    retry_after: int

    @property
    def message(self) -> str:
        """A sentence for the person at the login form."""
        minutes = max(1, math.ceil(self.retry_after / 60))
        unit = "minute" if minutes == 1 else "minutes"
        return f"Too many failed sign-ins. Try again in {minutes} {unit}."


def account_digest(username: str) -> str:
    """The digest stored for a username (case and surrounding spaces ignored)."""
    return hashlib.sha256(username.strip().lower().encode()).hexdigest()


def _client(address: str | None) -> str:
    return (address or "unknown")[:64]


def lockout(
    *, session: Session, username: str, address: str | None, now: datetime
) -> Lockout | None:
    """The lockout in force for this account or address, or None when sign-in may be tried."""
    checks = (
        ("account", LoginFailure.account_digest == account_digest(username), ACCOUNT_LIMIT),
        ("address", LoginFailure.address == _client(address), ADDRESS_LIMIT),
    )
    for scope, condition, limit in checks:
        # The limit-th most recent failure inside the window: when it exists, the limit is
        # reached, and the lock lifts when that failure leaves the window.
        nth = session.scalar(
            select(LoginFailure.at)
            .where(condition, LoginFailure.at > now - WINDOW)
            .order_by(LoginFailure.at.desc())
            .offset(limit - 1)
            .limit(1)
        )
        if nth is not None:
            seconds = math.ceil((nth + WINDOW - now).total_seconds())
            return Lockout(scope=scope, retry_after=max(1, seconds))
    return None


def record_failure(*, session: Session, username: str, address: str | None, now: datetime) -> None:
    """Count one failed sign-in (and forget failures older than the window)."""
    session.execute(delete(LoginFailure).where(LoginFailure.at <= now - WINDOW))
    session.add(
        LoginFailure(account_digest=account_digest(username), address=_client(address), at=now)
    )
    session.flush()


def record_success(*, session: Session, username: str) -> None:
    """A successful sign-in clears the account's failures (the address keeps its count)."""
    session.execute(
        delete(LoginFailure).where(LoginFailure.account_digest == account_digest(username))
    )
