"""The append-only audit trail of a dispute."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.channels.webhooks import queue_webhooks
from disputedesk.disputes.figures import FIGURE_KINDS, OFFER_KINDS, copy_to_offers, note_event
from disputedesk.disputes.models import Dispute, DisputeEvent


def record_event(
    *,
    session: Session,
    dispute_id: int,
    kind: str,
    actor: Actor,
    now: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> DisputeEvent:
    """Append one event to a dispute's trail, inside the caller's transaction.

    The dispute's report figures follow the event in the same transaction.
    """
    event = DisputeEvent(
        dispute_id=dispute_id,
        kind=kind,
        actor_kind=actor.kind,
        actor_id=actor.id,
        actor_name=actor.name,
        before=before,
        after=after,
        created_at=now,
    )
    session.add(event)
    if kind in FIGURE_KINDS:
        dispute = session.get(Dispute, dispute_id)
        if dispute is not None:
            note_event(dispute, kind=kind, at=now, after=after)
            if kind in OFFER_KINDS:
                copy_to_offers(session=session, dispute=dispute)
    queue_webhooks(session=session, event=event)
    return event


def list_events(
    *, session: Session, dispute_id: int, after_id: int | None, limit: int
) -> list[DisputeEvent]:
    """A dispute's events in the order they happened."""
    query = (
        select(DisputeEvent)
        .where(DisputeEvent.dispute_id == dispute_id)
        .order_by(DisputeEvent.id)
        .limit(limit)
    )
    if after_id is not None:
        query = query.where(DisputeEvent.id > after_id)
    return list(session.scalars(query))
