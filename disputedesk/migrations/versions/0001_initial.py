"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import disputedesk.db

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("tier", sa.String(length=16), nullable=False),
        sa.Column("external_ref", sa.String(length=100), nullable=True),
        sa.Column("created_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("email", name=op.f("uq_customers_email")),
        sa.UniqueConstraint("external_ref", name=op.f("uq_customers_external_ref")),
    )
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_users")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_users_username")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("created_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["staff_users.id"], name=op.f("fk_api_tokens_user_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_user_id"), ["user_id"], unique=False)

    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column(
            "items",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("purchased_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("promised_by", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("warranty_until", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("fulfilment_status", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_orders_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("number", name=op.f("uq_orders_number")),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_orders_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "policy_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=50), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("source_name", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["staff_users.id"],
            name=op.f("fk_policy_versions_uploaded_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_versions")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_policy_versions_fingerprint")),
    )
    with op.batch_alter_table("policy_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_policy_versions_is_current"), ["is_current"], unique=False
        )

    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["staff_users.id"], name=op.f("fk_staff_sessions_user_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_sessions_token_hash")),
    )
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_sessions_user_id"), ["user_id"], unique=False)

    op.create_table(
        "disputes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("desired_outcome", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("priority", sa.String(length=8), nullable=False),
        sa.Column("priority_rank", sa.SmallInteger(), nullable=False),
        sa.Column("escalation_level", sa.String(length=16), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column(
            "tags",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("root_cause", sa.String(length=64), nullable=True),
        sa.Column("current_anger", sa.Double(), nullable=True),
        sa.Column("first_anger", sa.Double(), nullable=True),
        sa.Column(
            "risk_flags",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "flags",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "priority_reasons",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("priority_overridden", sa.Boolean(), nullable=False),
        sa.Column("repeat_contacts", sa.Integer(), nullable=False),
        sa.Column(
            "sla_first_response_due_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "sla_next_response_due_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "sla_resolution_due_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("sla_due_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("sla_sort_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sla_next_check_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("sla_paused", sa.Boolean(), nullable=False),
        sa.Column("sla_breached", sa.Boolean(), nullable=False),
        sa.Column(
            "sla_alerts",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("evidence_due_by", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["staff_users.id"], name=op.f("fk_disputes_assignee_id_staff_users")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_disputes_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_disputes_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disputes")),
    )
    with op.batch_alter_table("disputes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_disputes_assignee_status", ["assignee_id", "status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_disputes_category"), ["category"], unique=False)
        batch_op.create_index(
            "ix_disputes_customer_created", ["customer_id", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_disputes_order_id"), ["order_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_disputes_sla_next_check_at"), ["sla_next_check_at"], unique=False
        )
        batch_op.create_index(
            "ix_disputes_status_created", ["status", "created_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_disputes_status_priority", ["status", "priority_rank", "id"], unique=False
        )
        batch_op.create_index(
            "ix_disputes_status_sla", ["status", "sla_sort_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_disputes_status_updated", ["status", "updated_at", "id"], unique=False
        )

    op.create_table(
        "dispute_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column(
            "before",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "after",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("created_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["disputes.id"], name=op.f("fk_dispute_events_dispute_id_disputes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispute_events")),
    )
    with op.batch_alter_table("dispute_events", schema=None) as batch_op:
        batch_op.create_index("ix_dispute_events_dispute_id_id", ["dispute_id", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dispute_events_kind"), ["kind"], unique=False)

    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=True),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("dedupe_key", sa.String(length=120), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("due_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.SmallInteger(), nullable=False),
        sa.Column("claimed_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=80), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["disputes.id"], name=op.f("fk_jobs_dispute_id_disputes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_jobs_dedupe_key")),
    )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.create_index("ix_jobs_status_due", ["status", "due_at"], unique=False)

    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("author_staff_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "analysis",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "coach_report",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("created_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_staff_id"],
            ["staff_users.id"],
            name=op.f("fk_messages_author_staff_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["disputes.id"], name=op.f("fk_messages_dispute_id_disputes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index(
            "ix_messages_dispute_created", ["dispute_id", "created_at", "id"], unique=False
        )

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("dispute_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("read_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["disputes.id"], name=op.f("fk_notifications_dispute_id_disputes")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["staff_users.id"], name=op.f("fk_notifications_user_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index("ix_notifications_user_read", ["user_id", "read_at"], unique=False)

    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("remedy", sa.String(length=32), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("clause_id", sa.String(length=100), nullable=True),
        sa.Column("policy_version", sa.String(length=100), nullable=True),
        sa.Column("policy_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("approver_role", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("made_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("customer_note", sa.Text(), nullable=True),
        sa.Column("created_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["staff_users.id"], name=op.f("fk_offers_decided_by_id_staff_users")
        ),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["disputes.id"], name=op.f("fk_offers_dispute_id_disputes")
        ),
        sa.ForeignKeyConstraint(
            ["made_by_id"], ["staff_users.id"], name=op.f("fk_offers_made_by_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
    )
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offers_dispute_id"), ["dispute_id"], unique=False)
        batch_op.create_index("ix_offers_status_created", ["status", "created_at"], unique=False)

    op.create_table(
        "surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", disputedesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("answered_at", disputedesk.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["disputes.id"], name=op.f("fk_surveys_dispute_id_disputes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys")),
    )
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_surveys_dispute_id"), ["dispute_id"], unique=False)

    _append_only_events()


def _append_only_events() -> None:
    """Make the audit trail append-only in the database itself: no UPDATE, no DELETE."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION dispute_events_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'dispute_events is append-only';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER dispute_events_no_change BEFORE UPDATE OR DELETE ON dispute_events "
            "FOR EACH ROW EXECUTE FUNCTION dispute_events_append_only()"
        )
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER dispute_events_no_{action.lower()} BEFORE {action} "
                "ON dispute_events BEGIN SELECT RAISE(ABORT, 'dispute_events is append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS dispute_events_no_change ON dispute_events")
        op.execute("DROP FUNCTION IF EXISTS dispute_events_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS dispute_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS dispute_events_no_delete")
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_surveys_dispute_id"))

    op.drop_table("surveys")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_index("ix_offers_status_created")
        batch_op.drop_index(batch_op.f("ix_offers_dispute_id"))

    op.drop_table("offers")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_user_read")

    op.drop_table("notifications")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index("ix_messages_dispute_created")

    op.drop_table("messages")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_jobs_status_due")

    op.drop_table("jobs")
    with op.batch_alter_table("dispute_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dispute_events_kind"))
        batch_op.drop_index("ix_dispute_events_dispute_id_id")

    op.drop_table("dispute_events")
    with op.batch_alter_table("disputes", schema=None) as batch_op:
        batch_op.drop_index("ix_disputes_status_updated")
        batch_op.drop_index("ix_disputes_status_sla")
        batch_op.drop_index("ix_disputes_status_priority")
        batch_op.drop_index("ix_disputes_status_created")
        batch_op.drop_index(batch_op.f("ix_disputes_sla_next_check_at"))
        batch_op.drop_index(batch_op.f("ix_disputes_order_id"))
        batch_op.drop_index("ix_disputes_customer_created")
        batch_op.drop_index(batch_op.f("ix_disputes_category"))
        batch_op.drop_index("ix_disputes_assignee_status")

    op.drop_table("disputes")
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_sessions_user_id"))

    op.drop_table("staff_sessions")
    with op.batch_alter_table("policy_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_policy_versions_is_current"))

    op.drop_table("policy_versions")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_orders_customer_id"))

    op.drop_table("orders")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_user_id"))

    op.drop_table("api_tokens")
    op.drop_table("staff_users")
    op.drop_table("customers")
