"""Finished disputes that come back: reopened, or followed up by a new dispute linked to them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.disputes.events import record_event
from disputedesk.disputes.models import Dispute, DisputeEvent

REOPENED_STATUS = "investigating"
FOLLOWED_UP = "dispute.followed_up"  # on the closed dispute: {"follow_up": id of the new one}
LINKED = "dispute.linked"  # on the new dispute: {"follow_up_of": id of the closed one}
_CHAIN_LIMIT = 100


def reopen(
    *,
    session: Session,
    dispute: Dispute,
    actor: Actor,
    now: datetime,
    reason: str,
    details: dict[str, Any] | None = None,
) -> None:
    """Put a resolved or closed dispute back to investigating, saying why; outcome is cleared.

    The `dispute.reopened` event gives the SLA clocks a fresh start from `now`; the caller
    recomputes them (refresh_sla or triage) in the same transaction."""
    before = {
        "status": dispute.status,
        "outcome": dispute.outcome,
        "root_cause": dispute.root_cause,
    }
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="dispute.reopened",
        actor=actor,
        now=now,
        before=before,
        after={"status": REOPENED_STATUS, "reason": reason, **(details or {})},
    )
    dispute.status = REOPENED_STATUS
    dispute.outcome = None
    dispute.root_cause = None
    dispute.resolved_at = None
    dispute.closed_at = None
    dispute.version += 1
    dispute.updated_at = now


def latest_follow_up(*, session: Session, dispute: Dispute) -> Dispute:
    """The newest dispute in the chain of follow-ups of `dispute` that is not closed, else the last.

    Returns `dispute` itself when it was never followed up."""
    tip = dispute
    for _ in range(_CHAIN_LIMIT):
        if tip.status != "closed":
            break
        after = session.scalar(
            select(DisputeEvent.after)
            .where(DisputeEvent.dispute_id == tip.id, DisputeEvent.kind == FOLLOWED_UP)
            .order_by(DisputeEvent.id.desc())
            .limit(1)
        )
        follow_up = session.get(Dispute, int(after["follow_up"])) if after else None
        if follow_up is None:
            break
        tip = follow_up
    return tip


def link_follow_up(
    *, session: Session, closed: Dispute, follow_up: Dispute, actor: Actor, now: datetime
) -> None:
    """Record on both disputes that `follow_up` continues the closed one."""
    reason = f"the customer wrote again after dispute {closed.id} was closed"
    record_event(
        session=session,
        dispute_id=closed.id,
        kind=FOLLOWED_UP,
        actor=actor,
        now=now,
        after={"follow_up": follow_up.id, "reason": reason},
    )
    record_event(
        session=session,
        dispute_id=follow_up.id,
        kind=LINKED,
        actor=actor,
        now=now,
        after={"follow_up_of": closed.id, "reason": reason},
    )
