"""full-text search of disputes and messages; maintained counts of the queue's views; an
index for the queue filtered by priority in SLA order

SQLite: FTS5 external-content tables over disputes (subject, description) and messages (body),
kept in step by triggers. PostgreSQL: GIN indexes over the same text's tsvector (expression
indexes, so nothing to keep in step). Both: `dispute_counts`, one row per (status, assignee,
escalation level) with how many disputes are there, maintained by triggers.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The text search expressions: queries must use exactly these for PostgreSQL to use the indexes.
PG_DISPUTE_TSV = "to_tsvector('simple'::regconfig, subject || ' ' || description)"
PG_MESSAGE_TSV = "to_tsvector('simple'::regconfig, body)"

_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE disputes_fts USING fts5("
    "subject, description, content='disputes', content_rowid='id')",
    "CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='id')",
    """CREATE TRIGGER disputes_fts_ai AFTER INSERT ON disputes BEGIN
        INSERT INTO disputes_fts(rowid, subject, description)
        VALUES (new.id, new.subject, new.description);
    END""",
    """CREATE TRIGGER disputes_fts_ad AFTER DELETE ON disputes BEGIN
        INSERT INTO disputes_fts(disputes_fts, rowid, subject, description)
        VALUES ('delete', old.id, old.subject, old.description);
    END""",
    """CREATE TRIGGER disputes_fts_au AFTER UPDATE OF subject, description ON disputes BEGIN
        INSERT INTO disputes_fts(disputes_fts, rowid, subject, description)
        VALUES ('delete', old.id, old.subject, old.description);
        INSERT INTO disputes_fts(rowid, subject, description)
        VALUES (new.id, new.subject, new.description);
    END""",
    """CREATE TRIGGER messages_fts_ai AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
    END""",
    """CREATE TRIGGER messages_fts_ad AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
    END""",
    """CREATE TRIGGER messages_fts_au AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
    END""",
    "INSERT INTO disputes_fts(disputes_fts) VALUES ('rebuild')",
    "INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')",
)

_SQLITE_COUNT_ADD = """INSERT INTO dispute_counts(status, assignee_key, escalation_level, n)
        VALUES (new.status, coalesce(new.assignee_id, 0), new.escalation_level, 1)
        ON CONFLICT(status, assignee_key, escalation_level) DO UPDATE SET n = n + 1;"""
_SQLITE_COUNT_REMOVE = """UPDATE dispute_counts SET n = n - 1 WHERE status = old.status
        AND assignee_key = coalesce(old.assignee_id, 0)
        AND escalation_level = old.escalation_level;"""
_SQLITE_COUNTS = (
    f"CREATE TRIGGER disputes_count_ai AFTER INSERT ON disputes BEGIN {_SQLITE_COUNT_ADD} END",
    f"CREATE TRIGGER disputes_count_ad AFTER DELETE ON disputes BEGIN {_SQLITE_COUNT_REMOVE} END",
    f"""CREATE TRIGGER disputes_count_au
        AFTER UPDATE OF status, assignee_id, escalation_level ON disputes
        WHEN old.status IS NOT new.status OR old.assignee_id IS NOT new.assignee_id
          OR old.escalation_level IS NOT new.escalation_level
        BEGIN {_SQLITE_COUNT_REMOVE} {_SQLITE_COUNT_ADD} END""",
)

# On PostgreSQL an update touches its two counter rows in key order, so two transactions moving
# disputes in opposite directions lock them in the same order instead of deadlocking.
_PG_COUNTS = (
    """CREATE FUNCTION dispute_counts_bump(k_status text, k_assignee int, k_level text, d int)
    RETURNS void LANGUAGE sql AS $$
        INSERT INTO dispute_counts(status, assignee_key, escalation_level, n)
        VALUES (k_status, k_assignee, k_level, d)
        ON CONFLICT (status, assignee_key, escalation_level)
        DO UPDATE SET n = dispute_counts.n + d
    $$""",
    """CREATE FUNCTION dispute_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        old_key record;
        new_key record;
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM dispute_counts_bump(NEW.status, coalesce(NEW.assignee_id, 0),
                                        NEW.escalation_level, 1);
            RETURN NULL;
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM dispute_counts_bump(OLD.status, coalesce(OLD.assignee_id, 0),
                                        OLD.escalation_level, -1);
            RETURN NULL;
        END IF;
        SELECT OLD.status::text AS s, coalesce(OLD.assignee_id, 0) AS a,
               OLD.escalation_level::text AS l INTO old_key;
        SELECT NEW.status::text AS s, coalesce(NEW.assignee_id, 0) AS a,
               NEW.escalation_level::text AS l INTO new_key;
        IF (old_key.s, old_key.a, old_key.l) = (new_key.s, new_key.a, new_key.l) THEN
            RETURN NULL;
        ELSIF (old_key.s, old_key.a, old_key.l) < (new_key.s, new_key.a, new_key.l) THEN
            PERFORM dispute_counts_bump(old_key.s, old_key.a, old_key.l, -1);
            PERFORM dispute_counts_bump(new_key.s, new_key.a, new_key.l, 1);
        ELSE
            PERFORM dispute_counts_bump(new_key.s, new_key.a, new_key.l, 1);
            PERFORM dispute_counts_bump(old_key.s, old_key.a, old_key.l, -1);
        END IF;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER disputes_count_track
    AFTER INSERT OR DELETE OR UPDATE OF status, assignee_id, escalation_level ON disputes
    FOR EACH ROW EXECUTE FUNCTION dispute_counts_track()""",
)


def upgrade() -> None:
    op.create_index("ix_disputes_priority_sla", "disputes", ["priority", "sla_sort_at", "id"])
    op.create_table(
        "dispute_counts",
        sa.Column("status", sa.String(24), primary_key=True),
        sa.Column("assignee_key", sa.Integer, primary_key=True),
        sa.Column("escalation_level", sa.String(16), primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _SQLITE_FTS + _SQLITE_COUNTS if sqlite else _PG_COUNTS:
        op.execute(statement)
    if not sqlite:
        op.execute(f"CREATE INDEX ix_disputes_fts ON disputes USING gin ({PG_DISPUTE_TSV})")
        op.execute(f"CREATE INDEX ix_messages_fts ON messages USING gin ({PG_MESSAGE_TSV})")
    op.execute(
        "INSERT INTO dispute_counts(status, assignee_key, escalation_level, n) "
        "SELECT status, coalesce(assignee_id, 0), escalation_level, count(*) FROM disputes "
        "GROUP BY status, coalesce(assignee_id, 0), escalation_level"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("count_ai", "count_ad", "count_au", "fts_ai", "fts_ad", "fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS disputes_{trigger}")
        for trigger in ("fts_ai", "fts_ad", "fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS messages_{trigger}")
        op.execute("DROP TABLE IF EXISTS disputes_fts")
        op.execute("DROP TABLE IF EXISTS messages_fts")
    else:
        op.execute("DROP TRIGGER IF EXISTS disputes_count_track ON disputes")
        op.execute("DROP FUNCTION IF EXISTS dispute_counts_track()")
        op.execute("DROP FUNCTION IF EXISTS dispute_counts_bump(text, int, text, int)")
        op.drop_index("ix_messages_fts", table_name="messages")
        op.drop_index("ix_disputes_fts", table_name="disputes")
    op.drop_table("dispute_counts")
    op.drop_index("ix_disputes_priority_sla", table_name="disputes")
