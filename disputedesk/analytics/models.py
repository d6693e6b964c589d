"""Per-day roll-ups of the reports' figures, and the days whose roll-ups are out of date.

Each roll-up row holds counts and sums for one UTC day and one combination of the dimensions a
report groups by. The day is the date the report keys on: `opened` rows by the dispute's
created_at, `resolved` and `cause_costs` rows by its resolved_at, `accepted` rows by the accepted
offer's updated_at, `clauses` rows by the offer's created_at. `analytics/rollup.py` computes
them from the base tables; `disputes/daymarks.py` marks a day dirty in the transaction of any
change to its figures, and a dirty day is read live until the worker has computed it again.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from disputedesk.db import Base


class RollupDirtyDay(Base):
    """A day whose roll-ups are out of date: one row per day and writing transaction.

    `txid` is the PostgreSQL transaction id of the writer (a random number on SQLite): the
    refresh deletes only the marks it read before recomputing, so a writer that commits while a
    day is being recomputed leaves its own mark behind.
    """

    __tablename__ = "rollup_dirty_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    txid: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class RollupOpened(Base):
    """Disputes opened on a day, per category and channel (volume, escalations, reopens)."""

    __tablename__ = "rollup_opened"
    __table_args__ = (Index("ix_rollup_opened_day", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    category: Mapped[str | None] = mapped_column(String(64), nullable=True)
    channel: Mapped[str | None] = mapped_column(String(32), nullable=True)
    disputes: Mapped[int] = mapped_column(Integer)
    escalated: Mapped[int] = mapped_column(Integer)
    # Ever resolved or closed (or reopened): the reopen rate's denominator; and of those, reopened.
    settled: Mapped[int] = mapped_column(Integer)
    reopened: Mapped[int] = mapped_column(Integer)


class RollupAgent(Base):
    """Per member of staff, the disputes opened on a day assigned to them and their replies."""

    __tablename__ = "rollup_agents"
    __table_args__ = (Index("ix_rollup_agents_day", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    staff_id: Mapped[int] = mapped_column(Integer)
    disputes: Mapped[int] = mapped_column(Integer)
    measured: Mapped[int] = mapped_column(Integer)
    first_anger_sum: Mapped[float] = mapped_column(Float)
    last_anger_sum: Mapped[float] = mapped_column(Float)
    change_sum: Mapped[float] = mapped_column(Float)
    calmer: Mapped[int] = mapped_column(Integer)
    survey_answers: Mapped[int] = mapped_column(Integer)
    survey_rating_sum: Mapped[int] = mapped_column(Integer)
    coached_replies: Mapped[int] = mapped_column(Integer)
    coach_score_sum: Mapped[float] = mapped_column(Float)


class RollupEscalation(Base):
    """Escalation events of the disputes opened on a day, per level and reason."""

    __tablename__ = "rollup_escalations"
    __table_args__ = (Index("ix_rollup_escalations_day", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    level: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    n: Mapped[int] = mapped_column(Integer)


class RollupDuration(Base):
    """A histogram of the disputes opened on a day: first response or resolution times.

    `bucket` b holds durations in [2^(b/16), 2^((b+1)/16)) seconds; -1 holds those under a second.
    """

    __tablename__ = "rollup_durations"
    __table_args__ = (Index("ix_rollup_durations_measure_day", "measure", "day", "bucket", "n"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    measure: Mapped[str] = mapped_column(String(16))
    bucket: Mapped[int] = mapped_column(Integer)
    n: Mapped[int] = mapped_column(Integer)


class RollupResolved(Base):
    """Disputes resolved on a day, per outcome and root cause."""

    __tablename__ = "rollup_resolved"
    __table_args__ = (Index("ix_rollup_resolved_day", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(32), nullable=True)
    root_cause: Mapped[str | None] = mapped_column(String(64), nullable=True)
    n: Mapped[int] = mapped_column(Integer)


class RollupCauseCost(Base):
    """Accepted offers of the disputes resolved on a day, per root cause and currency."""

    __tablename__ = "rollup_cause_costs"
    __table_args__ = (Index("ix_rollup_cause_costs_day", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    root_cause: Mapped[str | None] = mapped_column(String(64), nullable=True)
    currency: Mapped[str] = mapped_column(String(3))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    disputes: Mapped[int] = mapped_column(Integer)


class RollupAccepted(Base):
    """Offers accepted (last updated) on a day, per remedy and currency."""

    __tablename__ = "rollup_accepted"
    __table_args__ = (Index("ix_rollup_accepted_day", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    remedy: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    offers: Mapped[int] = mapped_column(Integer)


class RollupClause(Base):
    """Offers made on a day, per cited clause (none: NULL): counts and example disputes."""

    __tablename__ = "rollup_clauses"
    __table_args__ = (Index("ix_rollup_clauses_day", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    clause_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    offers: Mapped[int] = mapped_column(Integer)
    declined: Mapped[int] = mapped_column(Integer)
    refused: Mapped[int] = mapped_column(Integer)
    escalated: Mapped[int] = mapped_column(Integer)
    reopened: Mapped[int] = mapped_column(Integer)
    # The newest and oldest dispute id of each problem (NULL: none that day).
    declined_max: Mapped[int | None] = mapped_column(Integer, nullable=True)
    declined_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
    refused_max: Mapped[int | None] = mapped_column(Integer, nullable=True)
    refused_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
    escalated_max: Mapped[int | None] = mapped_column(Integer, nullable=True)
    escalated_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reopened_max: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reopened_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
