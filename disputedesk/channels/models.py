"""Channel tables: mail in (messages, attachments, quarantine), mail out (outbox), chargebacks,
webhooks (subscriptions and their deliveries)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    column,
    table,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from disputedesk.db import Base, JSONType, UTCDateTime, utcnow

if TYPE_CHECKING:
    from disputedesk.disputes.models import DisputeEvent

# The `external_ref` column that migration 0002 adds to `disputes` (unique): a lightweight Core
# view of it, since the Dispute model belongs to the disputes area.
dispute_refs = table("disputes", column("id", Integer), column("external_ref", String(200)))


class MailMessage(Base):
    """One email of a dispute's thread, received or sent, by its Message-ID."""

    __tablename__ = "mail_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[str] = mapped_column(String(500), unique=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    dispute_message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), nullable=True)
    direction: Mapped[str] = mapped_column(String(8))
    from_addr: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    in_reply_to: Mapped[str | None] = mapped_column(String(500), nullable=True)
    references: Mapped[str | None] = mapped_column(Text, nullable=True)
    raw: Mapped[str | None] = mapped_column(Text, nullable=True)
    raw_size: Mapped[int] = mapped_column(Integer)
    raw_note: Mapped[str | None] = mapped_column(String(200), nullable=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MailAttachment(Base):
    """A file attached to a received email; bytes kept in the database when under the limit."""

    __tablename__ = "mail_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mail_id: Mapped[int] = mapped_column(ForeignKey("mail_messages.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    note: Mapped[str | None] = mapped_column(String(200), nullable=True)


class MailQuarantine(Base):
    """A received email that could not be read, kept with the reason (never dropped)."""

    __tablename__ = "mail_quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    reason: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(500))
    message_id: Mapped[str | None] = mapped_column(String(500), nullable=True)
    raw: Mapped[str | None] = mapped_column(Text, nullable=True)
    raw_size: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboxMail(Base):
    """An email waiting to be sent (or sent, or given up on), queued with the reply it carries."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next_attempt", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    dispute_message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), nullable=True)
    message_id: Mapped[str] = mapped_column(String(500), unique=True)
    to_addr: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(400))
    body: Mapped[str] = mapped_column(Text)
    in_reply_to: Mapped[str | None] = mapped_column(String(500), nullable=True)
    references: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Chargeback(Base):
    """A payment processor's dispute of a charge, linked to the desk's dispute."""

    __tablename__ = "chargebacks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    processor_id: Mapped[str] = mapped_column(String(255), unique=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    charge_ref: Mapped[str | None] = mapped_column(String(255), nullable=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(64))
    due_by: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    fee_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    evidence_submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    last_event_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WebhookSubscription(Base):
    """An outside URL that is told, by signed POST, about the dispute events it chose."""

    __tablename__ = "webhook_subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[list[str]] = mapped_column(JSONType, default=list)
    secret: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), nullable=True)


class WebhookDelivery(Base):
    """One event on its way to one subscription (queued, delivered, or given up on)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_status_next_attempt", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("webhook_subscriptions.id"), index=True)
    event_name: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[int] = mapped_column(ForeignKey("dispute_events.id"))
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    response_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Set when the delivery is queued with a not yet flushed event: the id is filled at flush.
    event: Mapped[DisputeEvent] = relationship(lazy="raise")
