"""Replies that leave by email: the coached reply and its queued email in one transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.channels.outbox import queue_reply_email
from disputedesk.disputes.models import Message
from disputedesk.disputes.replies import post_message
from disputedesk.disputes.schemas import MessageCreate
from disputedesk.disputes.service import get_dispute


def post_reply(
    *,
    session: Session,
    dispute_id: int,
    data: MessageCreate,
    actor: Actor,
    now: datetime,
    threshold: int,
) -> Message:
    """Post a message as the desk does; an outbound reply on an email dispute is queued to send."""
    message = post_message(
        session=session,
        dispute_id=dispute_id,
        data=data,
        actor=actor,
        now=now,
        threshold=threshold,
    )
    dispute = get_dispute(session=session, dispute_id=dispute_id)
    queue_reply_email(session=session, message=message, dispute=dispute, now=now)
    return message
