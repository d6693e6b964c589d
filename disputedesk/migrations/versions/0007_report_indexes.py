"""report indexes: what the analytics read by period, by event kind and by offer status

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = (
    ("ix_disputes_created_at", "disputes", ["created_at"]),
    ("ix_disputes_resolved_at", "disputes", ["resolved_at"]),
    (
        "ix_dispute_events_kind_dispute_created",
        "dispute_events",
        ["kind", "dispute_id", "created_at"],
    ),
    ("ix_offers_created_at", "offers", ["created_at"]),
    ("ix_offers_status_updated", "offers", ["status", "updated_at"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
