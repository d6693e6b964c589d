"""channels: mail in and out, quarantine, chargebacks, disputes.external_ref

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import disputedesk.db

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = disputedesk.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("disputes") as batch_op:
        batch_op.add_column(sa.Column("external_ref", sa.String(length=200), nullable=True))
    op.create_index("uq_disputes_external_ref", "disputes", ["external_ref"], unique=True)
    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=500), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("dispute_message_id", sa.Integer(), nullable=True),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("from_addr", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("in_reply_to", sa.String(length=500), nullable=True),
        sa.Column("references", sa.Text(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.Column("raw_size", sa.Integer(), nullable=False),
        sa.Column("raw_note", sa.String(length=200), nullable=True),
        sa.Column("received_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["disputes.id"], name=op.f("fk_mail_messages_dispute_id_disputes")
        ),
        sa.ForeignKeyConstraint(
            ["dispute_message_id"],
            ["messages.id"],
            name=op.f("fk_mail_messages_dispute_message_id_messages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_messages")),
        sa.UniqueConstraint("message_id", name=op.f("uq_mail_messages_message_id")),
    )
    op.create_index(
        op.f("ix_mail_messages_dispute_id"), "mail_messages", ["dispute_id"], unique=False
    )
    op.create_table(
        "mail_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mail_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["mail_id"],
            ["mail_messages.id"],
            name=op.f("fk_mail_attachments_mail_id_mail_messages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_attachments")),
    )
    op.create_index(
        op.f("ix_mail_attachments_mail_id"), "mail_attachments", ["mail_id"], unique=False
    )
    op.create_table(
        "mail_quarantine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("message_id", sa.String(length=500), nullable=True),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.Column("raw_size", sa.Integer(), nullable=False),
        sa.Column("received_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_quarantine")),
        sa.UniqueConstraint("digest", name=op.f("uq_mail_quarantine_digest")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("dispute_message_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.String(length=500), nullable=False),
        sa.Column("to_addr", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=400), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("in_reply_to", sa.String(length=500), nullable=True),
        sa.Column("references", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC, nullable=False),
        sa.Column("last_error", sa.String(length=1000), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("sent_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["disputes.id"], name=op.f("fk_outbox_dispute_id_disputes")
        ),
        sa.ForeignKeyConstraint(
            ["dispute_message_id"],
            ["messages.id"],
            name=op.f("fk_outbox_dispute_message_id_messages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outbox_message_id")),
    )
    op.create_index(op.f("ix_outbox_dispute_id"), "outbox", ["dispute_id"], unique=False)
    op.create_index(
        "ix_outbox_status_next_attempt", "outbox", ["status", "next_attempt_at"], unique=False
    )
    op.create_table(
        "chargebacks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("processor_id", sa.String(length=255), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("charge_ref", sa.String(length=255), nullable=True),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=64), nullable=False),
        sa.Column("due_by", UTC, nullable=True),
        sa.Column("fee_minor", sa.BigInteger(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("evidence_submitted", sa.Boolean(), nullable=False),
        sa.Column("last_event_at", UTC, nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["disputes.id"], name=op.f("fk_chargebacks_dispute_id_disputes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chargebacks")),
        sa.UniqueConstraint("processor_id", name=op.f("uq_chargebacks_processor_id")),
    )
    op.create_index(op.f("ix_chargebacks_dispute_id"), "chargebacks", ["dispute_id"], unique=False)
    op.create_index(op.f("ix_chargebacks_due_by"), "chargebacks", ["due_by"], unique=False)


def downgrade() -> None:
    op.drop_table("chargebacks")
    op.drop_table("outbox")
    op.drop_table("mail_quarantine")
    op.drop_table("mail_attachments")
    op.drop_table("mail_messages")
    op.drop_index("uq_disputes_external_ref", table_name="disputes")
    with op.batch_alter_table("disputes") as batch_op:
        batch_op.drop_column("external_ref")
