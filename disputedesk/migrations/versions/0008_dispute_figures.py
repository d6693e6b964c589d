"""dispute figures: what the reports read, kept on each dispute from its events and replies

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import disputedesk.db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMES = ("first_response_at", "last_escalated_at", "last_reopened_at")
_COUNTERS = ("reopen_count", "customer_replies", "survey_answers", "survey_rating_sum")
_OPENED_FIGURES = [
    "created_at",
    "category",
    "channel",
    "assignee_id",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "last_escalated_at",
    "reopen_count",
    "customer_replies",
    "first_anger",
    "current_anger",
    "survey_answers",
    "survey_rating_sum",
    "id",
]


_OFFER_FIGURES = [
    "created_at",
    "clause_id",
    "status",
    "dispute_id",
    "updated_at",
    "dispute_escalated_at",
    "dispute_reopened_at",
]
_disputes = sa.table("disputes", sa.column("id"), *(sa.column(c) for c in (*_TIMES, *_COUNTERS)))
_events = sa.table(
    "dispute_events", sa.column("dispute_id"), sa.column("kind"), sa.column("created_at")
)
_surveys = sa.table("surveys", sa.column("dispute_id"), sa.column("rating"))


def _from_events(aggregate: Any, *kinds: str) -> Any:
    return (
        sa.select(aggregate)
        .where(_events.c.dispute_id == _disputes.c.id, _events.c.kind.in_(kinds))
        .scalar_subquery()
    )


def _from_surveys(aggregate: Any) -> Any:
    return (
        sa.select(aggregate)
        .where(_surveys.c.dispute_id == _disputes.c.id, _surveys.c.rating.is_not(None))
        .scalar_subquery()
    )


def _backfill() -> None:
    """The same figures disputes/figures.py keeps, computed once from the audit trail (and the
    answered surveys, which hold the ratings)."""
    at = _events.c.created_at
    op.execute(
        _disputes.update().values(
            first_response_at=_from_events(
                sa.func.min(at), "message.sent", "dispute.status_changed"
            ),
            last_escalated_at=_from_events(sa.func.max(at), "dispute.escalated"),
            last_reopened_at=_from_events(sa.func.max(at), "dispute.reopened"),
            reopen_count=_from_events(sa.func.count(), "dispute.reopened"),
            customer_replies=_from_events(sa.func.count(), "message.received"),
            survey_answers=_from_surveys(sa.func.count()),
            survey_rating_sum=_from_surveys(sa.func.coalesce(sa.func.sum(_surveys.c.rating), 0)),
        )
    )


def _backfill_reply_scores() -> None:
    """One row per (dispute, author) of coached replies, from the stored messages."""
    messages = sa.table(
        "messages",
        sa.column("dispute_id"),
        sa.column("direction"),
        sa.column("author_staff_id"),
        sa.column("coach_report", disputedesk.db.JSONType),
    )
    disputes = sa.table("disputes", sa.column("id"), sa.column("created_at"))
    scores = sa.table(
        "reply_scores",
        *(sa.column(c) for c in ("dispute_id", "author_staff_id", "dispute_opened_at")),
        sa.column("replies"),
        sa.column("score_sum"),
    )
    score = messages.c.coach_report["score"].as_float()
    rows = (
        sa.select(
            messages.c.dispute_id,
            messages.c.author_staff_id,
            disputes.c.created_at,
            sa.func.count(),
            sa.func.sum(score),
        )
        .join(disputes, disputes.c.id == messages.c.dispute_id)
        .where(
            messages.c.direction == "outbound",
            messages.c.author_staff_id.is_not(None),
            score.is_not(None),
        )
        .group_by(messages.c.dispute_id, messages.c.author_staff_id, disputes.c.created_at)
    )
    op.execute(
        scores.insert().from_select(
            ["dispute_id", "author_staff_id", "dispute_opened_at", "replies", "score_sum"], rows
        )
    )


_OFFER_COPIES = {
    "dispute_escalated_at": "last_escalated_at",
    "dispute_reopened_at": "last_reopened_at",
}


def _backfill_offers() -> None:
    """Each offer gets its dispute's escalation and reopen times (after the disputes' backfill)."""
    disputes = sa.table(
        "disputes", sa.column("id"), *(sa.column(c) for c in _OFFER_COPIES.values())
    )
    offers = sa.table("offers", sa.column("dispute_id"), *(sa.column(c) for c in _OFFER_COPIES))
    op.execute(
        offers.update().values(
            {
                copy: sa.select(disputes.c[source])
                .where(disputes.c.id == offers.c.dispute_id)
                .scalar_subquery()
                for copy, source in _OFFER_COPIES.items()
            }
        )
    )


def upgrade() -> None:
    # Plain ADD/DROP COLUMN (SQLite 3.35+ has both): no table copy of a big disputes table.
    for name in _TIMES:
        op.add_column(
            "disputes", sa.Column(name, disputedesk.db.UTCDateTime(timezone=True), nullable=True)
        )
    for name in _COUNTERS:
        op.add_column("disputes", sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    _backfill()
    op.create_index("ix_disputes_opened_figures", "disputes", _OPENED_FIGURES)
    op.create_index(
        "ix_disputes_resolved_figures", "disputes", ["resolved_at", "root_cause", "outcome", "id"]
    )
    op.create_table(
        "reply_scores",
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("author_staff_id", sa.Integer(), nullable=False),
        sa.Column("dispute_opened_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("replies", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["disputes.id"], name=op.f("fk_reply_scores_dispute_id_disputes")
        ),
        sa.ForeignKeyConstraint(
            ["author_staff_id"],
            ["staff_users.id"],
            name=op.f("fk_reply_scores_author_staff_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("dispute_id", "author_staff_id", name=op.f("pk_reply_scores")),
    )
    _backfill_reply_scores()
    for name in _OFFER_COPIES:
        op.add_column(
            "offers", sa.Column(name, disputedesk.db.UTCDateTime(timezone=True), nullable=True)
        )
    _backfill_offers()
    op.create_index("ix_offers_made_figures", "offers", _OFFER_FIGURES)
    op.create_index(
        "ix_offers_dispute_money", "offers", ["dispute_id", "status", "currency", "amount_minor"]
    )
    op.create_index(
        "ix_reply_scores_opened_author",
        "reply_scores",
        ["dispute_opened_at", "author_staff_id", "replies", "score_sum"],
    )


def downgrade() -> None:
    op.drop_index("ix_offers_dispute_money", table_name="offers")
    op.drop_index("ix_offers_made_figures", table_name="offers")
    for name in _OFFER_COPIES:
        op.drop_column("offers", name)
    op.drop_index("ix_reply_scores_opened_author", table_name="reply_scores")
    op.drop_table("reply_scores")
    op.drop_index("ix_disputes_resolved_figures", table_name="disputes")
    op.drop_index("ix_disputes_opened_figures", table_name="disputes")
    for name in (*_COUNTERS, *_TIMES):
        op.drop_column("disputes", name)
