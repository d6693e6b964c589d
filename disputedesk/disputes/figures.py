"""Per-dispute figures kept up to date from the dispute's own events, for the reports.

Every event goes through `note_event` in the transaction that records it (`record_event`, the
importer), so a report reads one row per dispute instead of walking the audit trail; every coached
reply goes through `note_coached_reply`. The trail and the messages stay the source of truth:
migration 0008 computes the same figures from them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from disputedesk.disputes.daymarks import day_of, mark_days
from disputedesk.disputes.models import Dispute, Offer, ReplyScore

# A reply to the customer or any move along the lifecycle counts as the first response.
RESPONSE_KINDS: Final = ("message.sent", "dispute.status_changed")
# Events after which the dispute's offers carry new copies of its figures.
OFFER_KINDS: Final = frozenset({"dispute.escalated", "dispute.reopened"})
FIGURE_KINDS: Final = frozenset(
    {
        *RESPONSE_KINDS,
        "dispute.escalated",
        "dispute.reopened",
        "message.received",
        "survey.completed",
    }
)


def _earlier(current: datetime | None, at: datetime) -> datetime:
    return at if current is None or at < current else current


def _later(current: datetime | None, at: datetime) -> datetime:
    return at if current is None or at > current else current


def note_event(dispute: Dispute, *, kind: str, at: datetime, after: dict[str, Any] | None) -> None:
    """Fold one event of the dispute's trail into its figures (no database access)."""
    if kind in RESPONSE_KINDS:
        dispute.first_response_at = _earlier(dispute.first_response_at, at)
    elif kind == "dispute.escalated":
        dispute.last_escalated_at = _later(dispute.last_escalated_at, at)
    elif kind == "dispute.reopened":
        dispute.reopen_count = (dispute.reopen_count or 0) + 1
        dispute.last_reopened_at = _later(dispute.last_reopened_at, at)
    elif kind == "message.received":
        dispute.customer_replies = (dispute.customer_replies or 0) + 1
    elif kind == "survey.completed" and after and after.get("rating") is not None:
        dispute.survey_answers = (dispute.survey_answers or 0) + 1
        dispute.survey_rating_sum = (dispute.survey_rating_sum or 0) + int(after["rating"])


def note_coached_reply(*, session: Session, dispute: Dispute, author_id: int, score: float) -> None:
    """Count one coached reply by `author_id` on `dispute` (an atomic upsert).

    The upsert bypasses the ORM, so it marks the dispute's opening day for the roll-ups itself.
    """
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(ReplyScore).values(
        dispute_id=dispute.id,
        author_staff_id=author_id,
        dispute_opened_at=dispute.created_at,
        replies=1,
        score_sum=score,
    )
    session.execute(
        insert.on_conflict_do_update(
            index_elements=[ReplyScore.dispute_id, ReplyScore.author_staff_id],
            set_={
                "replies": ReplyScore.replies + 1,
                "score_sum": ReplyScore.score_sum + score,
            },
        )
    )
    mark_days(session, [day_of(dispute.created_at)])


def offer_figures(dispute: Dispute) -> dict[str, datetime | None]:
    """The dispute's figures an offer carries a copy of (set when the offer is made)."""
    return {
        "dispute_escalated_at": dispute.last_escalated_at,
        "dispute_reopened_at": dispute.last_reopened_at,
    }


def copy_to_offers(*, session: Session, dispute: Dispute) -> None:
    """Give every offer of the dispute the dispute's current escalation and reopen times.

    The update bypasses the ORM, so it marks the days the offers were made for the roll-ups.
    """
    made = session.scalars(select(Offer.created_at).where(Offer.dispute_id == dispute.id))
    mark_days(session, [day_of(at) for at in made])
    session.execute(
        update(Offer).where(Offer.dispute_id == dispute.id).values(**offer_figures(dispute))
    )
