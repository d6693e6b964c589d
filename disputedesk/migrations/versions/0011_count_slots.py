"""the queue's counts in a few rows per key on PostgreSQL, so concurrent openings do not queue

Every new dispute bumped the one counter row of (new, unassigned, no escalation). On PostgreSQL
the bump took that row's lock at the dispute's insert and held it until commit, so disputes
opened at the same time waited for each other. The counts of a key now live in up to 16 rows,
one per `slot`: a transaction bumps the slot of its database connection (backend pid modulo 16),
and readers sum over the slots as before. A dispute counted in one slot and moved by another
connection leaves -1 in that connection's slot: the sums stay exact. SQLite lets one writer in
at a time anyway; its counts keep slot 0.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SLOTS = 16

_BUMP = """CREATE OR REPLACE FUNCTION dispute_counts_bump(
        k_status text, k_assignee int, k_level text, d int)
    RETURNS void LANGUAGE sql AS $$
        INSERT INTO dispute_counts(status, assignee_key, escalation_level, slot, n)
        VALUES (k_status, k_assignee, k_level, pg_backend_pid() % {slots}, d)
        ON CONFLICT (status, assignee_key, escalation_level, slot)
        DO UPDATE SET n = dispute_counts.n + d
    $$"""

_BUMP_ONE_ROW = """CREATE OR REPLACE FUNCTION dispute_counts_bump(
        k_status text, k_assignee int, k_level text, d int)
    RETURNS void LANGUAGE sql AS $$
        INSERT INTO dispute_counts(status, assignee_key, escalation_level, n)
        VALUES (k_status, k_assignee, k_level, d)
        ON CONFLICT (status, assignee_key, escalation_level)
        DO UPDATE SET n = dispute_counts.n + d
    $$"""


def upgrade() -> None:
    op.add_column(
        "dispute_counts",
        sa.Column("slot", sa.SmallInteger, nullable=False, server_default="0"),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE dispute_counts DROP CONSTRAINT pk_dispute_counts")
    op.execute(
        "ALTER TABLE dispute_counts ADD CONSTRAINT pk_dispute_counts "
        "PRIMARY KEY (status, assignee_key, escalation_level, slot)"
    )
    op.execute(_BUMP.format(slots=SLOTS))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_BUMP_ONE_ROW)
        # Fold every key's slots back into one row.
        op.execute(
            "CREATE TEMPORARY TABLE folded_counts AS SELECT status, assignee_key, "
            "escalation_level, sum(n)::int AS n FROM dispute_counts "
            "GROUP BY status, assignee_key, escalation_level"
        )
        op.execute("DELETE FROM dispute_counts")
        op.execute("ALTER TABLE dispute_counts DROP CONSTRAINT pk_dispute_counts")
        op.execute(
            "INSERT INTO dispute_counts(status, assignee_key, escalation_level, n) "
            "SELECT status, assignee_key, escalation_level, n FROM folded_counts"
        )
        op.execute("DROP TABLE folded_counts")
        op.drop_column("dispute_counts", "slot")
        op.execute(
            "ALTER TABLE dispute_counts ADD CONSTRAINT pk_dispute_counts "
            "PRIMARY KEY (status, assignee_key, escalation_level)"
        )
        return
    # SQLite's own DROP COLUMN (3.35+): a batch copy of the table would break the triggers
    # on disputes that write to it.
    op.execute("ALTER TABLE dispute_counts DROP COLUMN slot")
