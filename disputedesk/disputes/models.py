"""The dispute aggregate: disputes, their messages, offers and the append-only event log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from disputedesk.db import Base, JSONType, UTCDateTime, utcnow

SLA_NEVER = datetime(9999, 12, 31, tzinfo=UTC)
# What the reports on disputes opened in a period read, after created_at.
OPENED_FIGURES = (
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
)


class Dispute(Base):
    """A customer's dispute or complaint and where it stands."""

    __tablename__ = "disputes"
    __table_args__ = (
        Index("ix_disputes_status_created", "status", "created_at", "id"),
        Index("ix_disputes_status_updated", "status", "updated_at", "id"),
        Index("ix_disputes_status_priority", "status", "priority_rank", "id"),
        Index("ix_disputes_customer_created", "customer_id", "created_at"),
        Index("ix_disputes_assignee_status", "assignee_id", "status"),
        Index("ix_disputes_status_sla", "status", "sla_sort_at", "id"),
        # The queue filtered by priority, in SLA order: read in order, no sort of every match.
        Index("ix_disputes_priority_sla", "priority", "sla_sort_at", "id"),
        Index("uq_disputes_external_ref", "external_ref", unique=True),
        Index("ix_disputes_created_at", "created_at"),
        Index("ix_disputes_resolved_at", "resolved_at"),
        # Covering indexes of the reports: a period's disputes and every figure a report reads
        # come from the index alone (see docs/analytics.md).
        Index("ix_disputes_opened_figures", "created_at", *OPENED_FIGURES),
        # id last: PostgreSQL indexes do not carry the key, and joins and IN lists read it.
        Index("ix_disputes_resolved_figures", "resolved_at", "root_cause", "outcome", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), nullable=True, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32), index=True)
    amount_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    desired_outcome: Mapped[str | None] = mapped_column(String(32), nullable=True)
    status: Mapped[str] = mapped_column(String(24))
    priority: Mapped[str] = mapped_column(String(8))
    priority_rank: Mapped[int] = mapped_column(SmallInteger)
    escalation_level: Mapped[str] = mapped_column(String(16), default="none")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), nullable=True)
    tags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    root_cause: Mapped[str | None] = mapped_column(String(64), nullable=True)
    current_anger: Mapped[float | None] = mapped_column(nullable=True)
    first_anger: Mapped[float | None] = mapped_column(nullable=True)
    risk_flags: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    flags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    priority_reasons: Mapped[list[str]] = mapped_column(JSONType, default=list)
    priority_overridden: Mapped[bool] = mapped_column(default=False)
    repeat_contacts: Mapped[int] = mapped_column(Integer, default=0)
    sla_first_response_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sla_next_response_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sla_resolution_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sla_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # sla_due_at for sorting and keyset paging: never null (far future when nothing is due).
    sla_sort_at: Mapped[datetime] = mapped_column(UTCDateTime, default=lambda: SLA_NEVER)
    sla_next_check_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True, index=True
    )
    sla_paused: Mapped[bool] = mapped_column(default=False)
    sla_breached: Mapped[bool] = mapped_column(default=False)
    sla_alerts: Mapped[list[str]] = mapped_column(JSONType, default=list)
    evidence_due_by: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The id of a dispute imported from another helpdesk: imports are idempotent by it.
    external_ref: Mapped[str | None] = mapped_column(String(200), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The dates the roll-ups are keyed by load their old value when set (active_history), so a
    # change marks the day it leaves as well as the day it enters (disputes/daymarks.py).
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, active_history=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True, active_history=True
    )
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Figures kept from the dispute's events as they are recorded (disputes/figures.py).
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    customer_replies: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    survey_answers: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    survey_rating_sum: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    # The version is the optimistic-concurrency token of staff edits: each accepted change bumps it
    # once (services do it), and every UPDATE is guarded by the version it read.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012


class DisputeCount(Base):
    """How many disputes share a status, assignee (0: none) and escalation level.

    Maintained by database triggers (migration 0009), so the queue's view counts are a sum over
    a few rows instead of a count over the disputes. On PostgreSQL a key's count is spread over
    up to 16 slots, one per connection slot, so concurrent writers do not wait on one row
    (migration 0011); readers sum over the slots. SQLite keeps slot 0.
    """

    __tablename__ = "dispute_counts"

    status: Mapped[str] = mapped_column(String(24), primary_key=True)
    assignee_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    escalation_level: Mapped[str] = mapped_column(String(16), primary_key=True)
    slot: Mapped[int] = mapped_column(SmallInteger, primary_key=True, server_default="0")
    n: Mapped[int] = mapped_column(Integer)


class Message(Base):
    """A message on a dispute: from the customer, to the customer, or an internal note."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_dispute_created", "dispute_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"))
    direction: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16))
    author_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), nullable=True)
    author_name: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    analysis: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    coach_report: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReplyScore(Base):
    """The coached replies one member of staff sent on one dispute: how many, and their scores.

    Kept as each reply is stored, with the dispute's opening time, so the de-escalation report
    reads a period's coach scores per author without reading the messages.
    """

    __tablename__ = "reply_scores"
    __table_args__ = (
        Index(
            "ix_reply_scores_opened_author",
            "dispute_opened_at",
            "author_staff_id",
            "replies",
            "score_sum",
        ),
    )

    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), primary_key=True)
    author_staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), primary_key=True)
    dispute_opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    replies: Mapped[int] = mapped_column(Integer, default=0)
    score_sum: Mapped[float] = mapped_column(Float, default=0.0)


class DisputeEvent(Base):
    """One append-only entry of a dispute's audit trail: who did what, when, before and after."""

    __tablename__ = "dispute_events"
    __table_args__ = (
        Index("ix_dispute_events_dispute_id_id", "dispute_id", "id"),
        Index("ix_dispute_events_kind_dispute_created", "kind", "dispute_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"))
    kind: Mapped[str] = mapped_column(String(48), index=True)
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    actor_name: Mapped[str] = mapped_column(String(200))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Offer(Base):
    """A remedy proposed to the customer and where it stands."""

    __tablename__ = "offers"
    __table_args__ = (
        Index("ix_offers_status_created", "status", "created_at"),
        Index("ix_offers_created_at", "created_at"),
        Index("ix_offers_status_updated", "status", "updated_at"),
        # Money given away per dispute (root-cause cost), read without the offer rows.
        Index("ix_offers_dispute_money", "dispute_id", "status", "currency", "amount_minor"),
        # Covering index of the policy-friction report: a period's offers, read from it alone.
        Index(
            "ix_offers_made_figures",
            "created_at",
            "clause_id",
            "status",
            "dispute_id",
            "updated_at",
            "dispute_escalated_at",
            "dispute_reopened_at",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    remedy: Mapped[str] = mapped_column(String(32))
    amount_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    status: Mapped[str] = mapped_column(String(24))
    clause_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    policy_version: Mapped[str | None] = mapped_column(String(100), nullable=True)
    policy_fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    approver_role: Mapped[str | None] = mapped_column(String(16), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    made_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), nullable=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), nullable=True)
    decision_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    customer_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, active_history=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, active_history=True)
    # Copies of the dispute's last_escalated_at / last_reopened_at (disputes/figures.py), so the
    # policy-friction report needs no join to a million disputes.
    dispute_escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    dispute_reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
