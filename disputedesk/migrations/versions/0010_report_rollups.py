"""per-day report roll-ups, and the days whose roll-ups are out of date

Creates the roll-up tables (analytics/models.py) and marks every day that holds data dirty. A
dirty day is read from the base tables, so every report stays exact from this revision on;
`disputedesk migrate` then computes the roll-ups at once (as `disputedesk rebuild-rollups` does),
and otherwise the worker computes them a month per pass. The figures are computed by the code
of the installed version, never frozen here, so a later change of the roll-ups' columns cannot
leave this revision writing columns that do not exist yet.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ROLLUPS = (
    "rollup_opened",
    "rollup_agents",
    "rollup_escalations",
    "rollup_durations",
    "rollup_resolved",
    "rollup_cause_costs",
    "rollup_accepted",
    "rollup_clauses",
)
# The dates the roll-ups are keyed by.
_DATES = (
    ("disputes", "created_at"),
    ("disputes", "resolved_at"),
    ("offers", "created_at"),
    ("offers", "updated_at"),
    ("reply_scores", "dispute_opened_at"),
)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _day() -> sa.Column[object]:
    return sa.Column("day", sa.Date, nullable=False)


def _n(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, nullable=False)


def upgrade() -> None:
    op.create_table(
        "rollup_dirty_days",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("txid", sa.BigInteger, primary_key=True),
    )
    op.create_table(
        "rollup_opened",
        _id(),
        _day(),
        sa.Column("category", sa.String(64)),
        sa.Column("channel", sa.String(32)),
        *(_n(c) for c in ("disputes", "escalated", "settled", "reopened")),
    )
    op.create_table(
        "rollup_agents",
        _id(),
        _day(),
        _n("staff_id"),
        _n("disputes"),
        _n("measured"),
        sa.Column("first_anger_sum", sa.Float, nullable=False),
        sa.Column("last_anger_sum", sa.Float, nullable=False),
        sa.Column("change_sum", sa.Float, nullable=False),
        _n("calmer"),
        _n("survey_answers"),
        _n("survey_rating_sum"),
        _n("coached_replies"),
        sa.Column("coach_score_sum", sa.Float, nullable=False),
    )
    op.create_table(
        "rollup_escalations",
        _id(),
        _day(),
        sa.Column("level", sa.Text),
        sa.Column("reason", sa.Text),
        _n("n"),
    )
    op.create_table(
        "rollup_durations",
        _id(),
        _day(),
        sa.Column("measure", sa.String(16), nullable=False),
        _n("bucket"),
        _n("n"),
    )
    op.create_table(
        "rollup_resolved",
        _id(),
        _day(),
        sa.Column("outcome", sa.String(32)),
        sa.Column("root_cause", sa.String(64)),
        _n("n"),
    )
    op.create_table(
        "rollup_cause_costs",
        _id(),
        _day(),
        sa.Column("root_cause", sa.String(64)),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        _n("disputes"),
    )
    op.create_table(
        "rollup_accepted",
        _id(),
        _day(),
        sa.Column("remedy", sa.String(64), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        _n("offers"),
    )
    problems = ("declined", "refused", "escalated", "reopened")
    op.create_table(
        "rollup_clauses",
        _id(),
        _day(),
        sa.Column("clause_id", sa.String(100)),
        _n("offers"),
        *(_n(p) for p in problems),
        *(sa.Column(f"{p}_{end}", sa.Integer) for p in problems for end in ("max", "min")),
    )
    for table in _ROLLUPS:
        if table == "rollup_durations":
            op.create_index(
                "ix_rollup_durations_measure_day", table, ["measure", "day", "bucket", "n"]
            )
        else:
            op.create_index(f"ix_{table}_day", table, ["day"])
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column in _DATES:
        day = f"date({column})" if sqlite else f"({column} AT TIME ZONE 'UTC')::date"
        # Table and column names come from _DATES above, never from input.
        statement = f"INSERT INTO rollup_dirty_days (day, txid) SELECT DISTINCT {day}, 0 FROM {table} WHERE {column} IS NOT NULL ON CONFLICT DO NOTHING"  # noqa: S608, E501
        op.execute(statement)


def downgrade() -> None:
    for table in _ROLLUPS:
        op.drop_table(table)
    op.drop_table("rollup_dirty_days")
