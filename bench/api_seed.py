"""Bulk seeding for `bench/api_load.py`: N disputes that look like the product's own.

The shapes come from the demo shop (`disputedesk demo`): its subjects, descriptions and
conversations, with the analysis the product stored for each customer message and the coach's
report on each reply (computed here with the product's coach). They are repeated over N disputes
with fresh statuses, priorities, escalations, assignees, SLA due times, orders and events, and a
product name in each subject (1 in 1,000 disputes share one) so that search has something
selective to find. Rows go in with executemany in one transaction (SQLite) or COPY (PostgreSQL),
with the secondary indexes built after the load on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bulk import insert_rows, not_null_defaults
from sqlalchemy import Engine, update

from disputedesk.coach import coach
from disputedesk.disputes.lifecycle import PRIORITY_RANK
from disputedesk.disputes.models import SLA_NEVER, Dispute
from disputedesk.models import *  # noqa: F403 - every table registered on Base.metadata

CHUNK = 10_000
AGENTS = 20
PRODUCT_NAMES = 1_000
SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "ta", "vo", "zen", "pix", "dor", "ul", "bri")
STATUSES = (
    ("new", 15), ("acknowledged", 10), ("investigating", 20), ("awaiting_customer", 10),
    ("offer_made", 5), ("resolved", 20), ("closed", 20),
)  # fmt: skip
PRIORITIES = (("low", 20), ("normal", 50), ("high", 20), ("urgent", 10))
OPEN = {"new", "acknowledged", "investigating", "awaiting_customer", "offer_made"}


def product_name(i: int) -> str:
    """The i-th made-up product name (a word no other text uses)."""
    a, b, c = i % 12, (i // 12) % 12, (i // 144) % 12
    return (SYLLABLES[a] + SYLLABLES[b] + SYLLABLES[c]).capitalize() + "x"


@dataclass
class Thread:
    """One demo dispute: what it says and its conversation, with stored analysis."""

    subject: str
    description: str
    category: str
    channel: str
    desired_outcome: str | None
    tags: str
    risk_flags: list[dict[str, Any]]
    priority_reasons: str
    first_anger: float | None
    current_anger: float | None
    messages: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)


def demo_threads(work: Path) -> list[Thread]:
    """The demo shop's disputes (generated once into `work`), as templates."""
    demo_dir = work / "demo"
    db_file = demo_dir / "disputedesk.sqlite3"
    if not db_file.exists():
        env = {**os.environ, "DISPUTEDESK_DATA_DIR": str(demo_dir)}
        env.pop("DISPUTEDESK_DATABASE_URL", None)
        subprocess.run(
            [sys.executable, "-m", "disputedesk", "demo", "--no-serve"],
            env=env,
            check=True,
            capture_output=True,
        )
    con = sqlite3.connect(db_file)
    threads: dict[int, Thread] = {}
    for row in con.execute(
        "SELECT id, subject, description, category, channel, desired_outcome, tags, risk_flags,"
        " priority_reasons, first_anger, current_anger FROM disputes ORDER BY id"
    ):
        flags = [{k: v for k, v in f.items() if k != "message_id"} for f in json.loads(row[7])]
        threads[row[0]] = Thread(*row[1:7], flags, row[8], row[9], row[10])  # type: ignore[arg-type]
    reports: dict[str, str] = {}
    for d, direction, body, analysis in con.execute(
        "SELECT dispute_id, direction, body, analysis FROM messages ORDER BY dispute_id, id"
    ):
        report = None
        if direction == "outbound":
            if body not in reports:
                reports[body] = json.dumps(coach(body).model_dump(mode="json"))
            report = reports[body]
        threads[d].messages.append((direction, body, analysis, report))
    con.close()
    return [t for t in threads.values() if t.messages]


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


COLUMNS = {
    "staff_users": ("id", "username", "display_name", "email", "role", "password_hash",
                    "is_active", "created_at"),
    "customers": ("id", "name", "email", "tier", "created_at", "updated_at"),
    "orders": ("id", "customer_id", "number", "items", "amount_minor", "currency", "purchased_at",
               "promised_by", "delivered_at", "fulfilment_status"),
    "disputes": ("id", "customer_id", "order_id", "channel", "subject", "description", "category",
                 "amount_minor", "currency", "desired_outcome", "status", "priority",
                 "priority_rank", "escalation_level", "assignee_id", "tags", "outcome",
                 "root_cause", "current_anger", "first_anger", "risk_flags", "priority_reasons",
                 "sla_first_response_due_at", "sla_resolution_due_at", "sla_due_at",
                 "sla_sort_at", "sla_next_check_at", "created_at", "updated_at", "resolved_at",
                 "closed_at"),
    "messages": ("id", "dispute_id", "direction", "channel", "author_staff_id", "author_name",
                 "body", "analysis", "coach_report", "created_at"),
    "dispute_events": ("id", "dispute_id", "kind", "actor_kind", "actor_id", "actor_name", "after",
                       "created_at"),
}  # fmt: skip


class Rows:
    """The rows of N disputes, CHUNK at a time, with ids counting across chunks."""

    def __init__(self, n: int, threads: list[Thread], now: datetime, seed: int = 7) -> None:
        self.n, self.threads, self.now = n, threads, now
        self.rng = random.Random(seed)
        self.customers = max(100, n // 4)
        self.message_id = 0
        self.event_id = 0

    def people(self) -> dict[str, list[tuple[Any, ...]]]:
        """Agents and customers."""
        now = self.now
        staff = [(i, f"agent{i}", f"Agent {i}", f"a{i}@example.com", "agent", "x", True, now)
                 for i in range(1, AGENTS + 1)]  # fmt: skip
        tiers = ("standard", "standard", "standard", "silver", "gold")
        customers = [
            (i, f"Customer {i}", f"c{i}@example.com", tiers[i % 5], now, now)
            for i in range(1, self.customers + 1)
        ]
        return {"staff_users": staff, "customers": customers}

    def _event(
        self, out: list[tuple[Any, ...]], d: int, kind: str, at: datetime, **after: Any
    ) -> None:
        self.event_id += 1
        out.append((self.event_id, d, kind, "staff", None, "bench", json.dumps(after), at))

    def chunks(self) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
        """Orders, disputes, messages and events, CHUNK disputes at a time."""
        for start in range(1, self.n + 1, CHUNK):
            out: dict[str, list[tuple[Any, ...]]] = {
                t: [] for t in ("orders", "disputes", "messages", "dispute_events")
            }
            for d in range(start, min(self.n, start + CHUNK - 1) + 1):
                self._dispute(d, out)
            yield out

    def _dispute(self, d: int, out: dict[str, list[tuple[Any, ...]]]) -> None:
        rng, now = self.rng, self.now
        t = self.threads[d % len(self.threads)]
        customer = 1 + rng.randrange(self.customers)
        created = now - timedelta(seconds=rng.randrange(365 * 86400))
        amount = rng.randrange(500, 50000)
        items = json.dumps(
            [{"sku": "X-1", "name": "Item", "quantity": 1, "unit_amount_minor": amount}]
        )
        out["orders"].append((d, customer, f"B{d:08d}", items, amount, "USD",
                              created - timedelta(days=5), created - timedelta(days=1),
                              created - timedelta(hours=30), "delivered"))  # fmt: skip
        status = _pick(rng, STATUSES)
        priority = _pick(rng, PRIORITIES)
        level = rng.choices(("none", "supervisor", "manager"), (93, 5, 2))[0]
        assignee = rng.randrange(1, AGENTS + 1) if rng.random() < 0.75 else None
        is_open = status in OPEN
        due = now + timedelta(minutes=rng.randrange(-2 * 1440, 5 * 1440)) if is_open else None
        resolved = created + timedelta(hours=rng.randrange(2, 300)) if not is_open else None
        count = rng.randrange(3, 6)
        msgs = (t.messages * 3)[:count]
        last = created
        for i, (direction, body, analysis, report) in enumerate(msgs):
            self.message_id += 1
            last = created + timedelta(hours=4 * i)
            author = "Customer" if direction == "inbound" else f"Agent {assignee or 1}"
            staff = None if direction == "inbound" else assignee or 1
            out["messages"].append((self.message_id, d, direction, t.channel, staff, author,
                                    body, analysis, report, last))  # fmt: skip
        flags = [{**f, "message_id": self.message_id - count + 1} for f in t.risk_flags]
        subject = f"{t.subject} ({product_name(d % PRODUCT_NAMES)})"
        out["disputes"].append((
            d, customer, d, t.channel, subject, t.description, t.category, amount, "USD",
            t.desired_outcome, status, priority, PRIORITY_RANK[priority], level, assignee, t.tags,
            "remedied" if resolved else None, "product_quality" if resolved else None,
            t.current_anger, t.first_anger, json.dumps(flags), t.priority_reasons,
            due, due, due, due or SLA_NEVER, due, created, last, resolved,
            resolved + timedelta(days=2) if status == "closed" else None,
        ))  # fmt: skip
        self._event(out["dispute_events"], d, "dispute.opened", created, status="new")
        if assignee:
            self._event(out["dispute_events"], d, "dispute.assigned", created, assignee_id=assignee)
        if status != "new":
            self._event(out["dispute_events"], d, "dispute.status_changed", last, status=status)


def _pg_secondary_indexes(cursor: Any, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
        "AND tablename = ANY(%s) AND indexname NOT LIKE 'pk_%%'",
        (list(tables),),
    )
    return [(name, ddl) for name, ddl in cursor.fetchall() if "UNIQUE" not in ddl]


def load(engine: Engine, n: int, threads: list[Thread], now: datetime) -> None:
    """Bulk-insert N disputes with customers, orders, messages and events (one transaction)."""
    sqlite = engine.dialect.name == "sqlite"
    extra = {t: not_null_defaults(engine, t, cols) for t, cols in COLUMNS.items()}
    rows = Rows(n, threads, now)
    big = ("orders", "disputes", "messages", "dispute_events")
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if sqlite:
            cursor.execute("BEGIN")
            indexes = []
        else:
            indexes = _pg_secondary_indexes(cursor, big)
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            # The counts are rebuilt once after the load instead of one update per row.
            cursor.execute("ALTER TABLE disputes DISABLE TRIGGER disputes_count_track")

        def put(table: str, data: list[tuple[Any, ...]]) -> None:
            names, defaults = extra[table]
            cols = [*COLUMNS[table], *names]
            insert_rows(cursor, table, cols, data, tuple(defaults), sqlite=sqlite)

        for table, data in rows.people().items():
            put(table, data)
        for chunk in rows.chunks():
            for table in big:
                put(table, chunk[table])
        if not sqlite:
            cursor.execute("ALTER TABLE disputes ENABLE TRIGGER disputes_count_track")
            cursor.execute("DELETE FROM dispute_counts")
            cursor.execute(
                "INSERT INTO dispute_counts(status, assignee_key, escalation_level, n) "
                "SELECT status, coalesce(assignee_id, 0), escalation_level, count(*) "
                "FROM disputes GROUP BY 1, 2, 3"
            )
            for _, ddl in indexes:
                cursor.execute(ddl)
            for table in (*big, "staff_users", "customers"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        raw.commit()
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def settle_sla(engine: Engine, now: datetime) -> int:
    """Mark the disputes already past their SLA due time as breached and checked.

    As the worker would have done when each fell due: otherwise the server's embedded worker
    spends the run catching up with a backlog of breaches nobody would have in production.
    """
    with engine.begin() as conn:
        done = conn.execute(
            update(Dispute)
            .where(Dispute.sla_next_check_at.is_not(None), Dispute.sla_next_check_at <= now)
            .values(sla_next_check_at=None, sla_breached=True)
        )
        return int(done.rowcount)
