"""A small builder of known analytics datasets, inserted directly in the rolled-back session."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from disputedesk.auth.service import create_user
from disputedesk.customers.models import Customer
from disputedesk.disputes.figures import (
    OFFER_KINDS,
    copy_to_offers,
    note_coached_reply,
    note_event,
    offer_figures,
)
from disputedesk.disputes.models import Dispute, DisputeEvent, Message, Offer
from tests.conftest import PASSWORD

SINCE = datetime(2026, 10, 1, tzinfo=UTC)
UNTIL = datetime(2026, 11, 1, tzinfo=UTC)
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DAY = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
_seq = itertools.count(1)


def at(**delta: float) -> datetime:
    """A moment relative to 2026-10-20 09:00 UTC."""
    return DAY + timedelta(**delta)


class Data:
    """Inserts disputes, messages, events and offers with exactly the fields a test names."""

    def __init__(self, session: Session) -> None:
        self.session = session
        n = next(_seq)
        self.customer = Customer(name=f"Customer {n}", email=f"an{n}@example.com")
        session.add(self.customer)
        session.flush()

    def agent(self, name: str, role: str = "agent") -> int:
        """A member of staff; returns the id."""
        user = create_user(
            session=self.session,
            username=f"{name.lower()}{next(_seq)}",
            password=PASSWORD,
            role=role,
            display_name=name,
        )
        return user.id

    def dispute(self, created: datetime, **fields: Any) -> Dispute:
        """A dispute opened at `created` (plus its dispute.opened event)."""
        values: dict[str, Any] = {
            "channel": "web",
            "subject": "Parcel late",
            "description": "My parcel is late.",
            "category": "delivery",
            "status": "new",
            "priority": "normal",
            "priority_rank": 1,
            **fields,
        }
        dispute = Dispute(
            customer_id=self.customer.id, created_at=created, updated_at=created, **values
        )
        self.session.add(dispute)
        self.session.flush()
        self.event(dispute, "dispute.opened", created)
        return dispute

    def event(
        self, dispute: Dispute, kind: str, when: datetime, after: dict[str, Any] | None = None
    ) -> None:
        """One event on the trail; the dispute's figures follow it, as in record_event."""
        note_event(dispute, kind=kind, at=when, after=after)
        if kind in OFFER_KINDS:
            copy_to_offers(session=self.session, dispute=dispute)
        self.session.add(
            DisputeEvent(
                dispute_id=dispute.id,
                kind=kind,
                actor_kind="staff",
                actor_id=None,
                actor_name="test",
                after=after,
                created_at=when,
            )
        )
        self.session.flush()

    def message(
        self,
        dispute: Dispute,
        direction: str,
        when: datetime,
        *,
        author: int | None = None,
        coach: dict[str, Any] | None = None,
    ) -> None:
        """A message; a reply also gets its message.sent event, as the service records it."""
        self.session.add(
            Message(
                dispute_id=dispute.id,
                direction=direction,
                channel="web",
                author_staff_id=author,
                author_name="someone",
                body="text",
                coach_report=coach,
                created_at=when,
            )
        )
        kind = {"outbound": "message.sent", "inbound": "message.received"}[direction]
        self.event(dispute, kind, when)
        if direction == "outbound" and author is not None and coach is not None:
            note_coached_reply(
                session=self.session, dispute=dispute, author_id=author, score=coach["score"]
            )

    def offer(
        self,
        dispute: Dispute,
        clause: str | None,
        status: str,
        when: datetime,
        *,
        amount: int | None = None,
        currency: str = "USD",
        remedy: str = "refund_partial",
        decided: datetime | None = None,
    ) -> Offer:
        """An offer made at `when`, in `status` since `decided` (default: an hour later)."""
        offer = Offer(
            dispute_id=dispute.id,
            remedy=remedy,
            amount_minor=amount,
            currency=currency,
            status=status,
            clause_id=clause,
            created_at=when,
            updated_at=decided or when + timedelta(hours=1),
            **offer_figures(dispute),
        )
        self.session.add(offer)
        self.session.flush()
        return offer


@pytest.fixture
def data(session: Session) -> Data:
    """A builder on the test's session."""
    return Data(session)
