"""Analytics at scale: generate N disputes with messages, events and offers, time each report.

Run: .venv/bin/python bench/analytics_scale.py --sizes 10000,100000 --backend both [--runs 5]
     [--since 30d,365d] [--out results.jsonl]
     [--pg-url postgresql+psycopg://postgres@127.0.0.1/postgres] [--pg-prefix dd_bench]
     [--keep FOLDER] [--url URL [--rebuild]]
Each size gets a fresh migrated database (a temp SQLite file; a scratch PostgreSQL database that
is dropped afterwards). Rows go in with executemany in one transaction (SQLite) or with COPY
(PostgreSQL), with the per-dispute figures filled the way the desk fills them
(disputes/figures.py); then the per-day roll-ups are rebuilt (timed: the rows bypassed the desk, so
no day was marked), then ANALYZE (VACUUM ANALYZE on PostgreSQL).
Prints, per backend and size, the median of `runs` timings per report (and appends them to
`--out` as JSON lines when given).
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bulk import insert_rows, not_null_defaults
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, text

from disputedesk.analytics.period import parse_period
from disputedesk.analytics.rollup import rebuild
from disputedesk.analytics.service import REPORTS, run_report
from disputedesk.db import make_engine, make_session_factory, unit_of_work
from disputedesk.disputes.figures import note_event
from disputedesk.disputes.lifecycle import CATEGORIES, CHANNELS, OUTCOMES, ROOT_CAUSES
from disputedesk.disputes.models import Dispute
from disputedesk.migrate import upgrade
from disputedesk.models import *  # noqa: F403 - every table registered on Base.metadata

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
CHUNK = 20_000
AGENTS = 25
CLAUSES = [f"{area}.{n}" for area in ("refund", "credit", "replace", "repair") for n in (1, 2, 3)]
THEMES = [
    ("parcel", "courier", "tracking", "delivered", "address", "late"),
    ("charged", "twice", "invoice", "card", "payment", "billing"),
    ("screen", "cracked", "broken", "display", "phone", "warranty"),
    ("subscription", "cancel", "renewal", "monthly", "plan", "fee"),
    ("refund", "return", "label", "warehouse", "waiting", "weeks"),
    ("account", "locked", "password", "login", "email", "access"),
]
FILLER = ("please", "help", "order", "today", "still", "nobody", "answer", "again", "really")
console = Console(width=200)


# ---- data ------------------------------------------------------------------------------------


def _text(rng: random.Random) -> tuple[str, str]:
    theme = rng.choice(THEMES)
    words = rng.sample(theme, 4) + rng.sample(FILLER, 3)
    rng.shuffle(words)
    return f"{theme[0].title()} problem", " ".join(words)


class _Rows:
    """Rows of one chunk per table, with ids that keep counting across chunks."""

    def __init__(self, rng: random.Random, n: int, days: int) -> None:
        self.rng, self.n, self.span = rng, n, days * 86400
        self.ids = {"messages": 0, "dispute_events": 0, "offers": 0, "surveys": 0}
        self.figures = Dispute()
        self.replies: dict[int, list[float]] = {}
        self.offers: list[tuple[Any, ...]] = []
        self.out: dict[str, list[tuple[Any, ...]]] = {}

    def _next(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def event(self, d: int, agent: int | None, kind: str, at: datetime, **after: Any) -> None:
        """One event on dispute `d`; its figures follow it as they do when the desk records it."""
        note_event(self.figures, kind=kind, at=at, after=after or None)
        payload = json.dumps(after) if after else None
        row = (self._next("dispute_events"), d, kind, "staff", agent, "bench", payload, at)
        self.out["dispute_events"].append(row)

    def survey(self, d: int, resolved: datetime, rating: int) -> datetime:
        """An answered follow-up survey a day after the resolution; returns when it was answered."""
        sent, answered = resolved + timedelta(days=1), resolved + timedelta(days=2)
        survey_id = self._next("surveys")
        self.event(d, None, "follow_up.sent", sent, survey_id=survey_id)
        self.out["surveys"].append(
            (survey_id, d, 1, sent, sent + timedelta(days=30), rating, answered)
        )
        self.event(d, None, "survey.completed", answered, survey_id=survey_id, rating=rating)
        return answered

    def message(self, d: int, direction: str, agent: int | None, body: str, at: datetime) -> None:
        """One message; a reply carries a coach report, counted per author as the desk does."""
        coach = None
        if agent:
            score = self.rng.randrange(30, 100)
            coach = json.dumps({"score": score})
            counted = self.replies.setdefault(agent, [0, 0.0])
            counted[0] += 1
            counted[1] += score
        author = "Agent" if agent else "Customer"
        row = (self._next("messages"), d, direction, "web", agent, author, body, None, coach, at)
        self.out["messages"].append(row)

    def offer(self, d: int, made: datetime) -> None:
        """One offer citing a clause, in a random state (stored when the dispute is complete)."""
        rng = self.rng
        status = rng.choice(("accepted", "accepted", "declined", "rejected", "offered"))
        amount = rng.randrange(500, 20000)
        clause = rng.choice(CLAUSES)
        later = made + timedelta(hours=6)
        row = (
            self._next("offers"),
            d,
            "refund_partial",
            amount,
            "USD",
            status,
            clause,
            made,
            later,
        )
        self.offers.append(row)

    def dispute(self, d: int) -> None:
        """One dispute with its conversation, offers, escalation, resolution or reopening."""
        rng = self.rng
        self.replies, self.offers = {}, []
        self.figures = Dispute(reopen_count=0, customer_replies=0, survey_answers=0)
        self.figures.survey_rating_sum = 0
        created = NOW - timedelta(seconds=rng.randrange(self.span))
        agent = rng.randrange(1, AGENTS + 1) if rng.random() < 0.9 else None
        self.event(d, agent, "dispute.opened", created)
        t = created + timedelta(minutes=rng.randrange(1, 60))
        if agent:
            self.event(d, agent, "dispute.assigned", t)
        first_anger = anger = round(rng.random(), 3)
        subject, body = _text(rng)
        self.message(d, "inbound", None, body, created)
        for _ in range(rng.randrange(0, 4)):
            t += timedelta(minutes=rng.expovariate(1 / 600))
            if rng.random() < 0.6 and agent:
                self.message(d, "outbound", agent, "reply", t)
                self.event(d, agent, "message.sent", t)
            else:
                anger = round(rng.random(), 3)
                self.message(d, "inbound", None, "more", t)
                self.event(d, agent, "message.received", t)
        if rng.random() < 0.15:
            reason = rng.choice(("sla breached", "asked for a manager", "safety issue"))
            self.event(
                d, agent, "dispute.escalated", t, escalation_level="supervisor", reason=reason
            )
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            self.offer(d, t + timedelta(hours=rng.randrange(1, 48)))
        resolved: datetime | None = t + timedelta(hours=rng.expovariate(1 / 40))
        status, outcome, cause = "investigating", None, None
        if rng.random() < 0.7 and resolved is not None and resolved < NOW:
            self.event(d, agent, "dispute.status_changed", resolved, status="resolved")
            status, outcome, cause = "resolved", rng.choice(OUTCOMES), rng.choice(ROOT_CAUSES)
            if rng.random() < 0.05:
                # Half the reopenings follow a low survey rating, as the desk does it.
                at = resolved + timedelta(days=1)
                if rng.random() < 0.5 and resolved + timedelta(days=2) < NOW:
                    at = self.survey(d, resolved, rng.choice((1, 2)))
                self.event(d, agent, "dispute.reopened", at)
                status, outcome, cause, resolved = "investigating", None, None, None
            elif rng.random() < 0.4 and resolved + timedelta(days=2) < NOW:
                self.survey(d, resolved, rng.choice((3, 4, 4, 5, 5)))
        else:
            resolved = None
        f = self.figures
        # Each escalation or reopening gives the dispute's offers its latest times (as the desk).
        for offer in self.offers:
            self.out["offers"].append((*offer, f.last_escalated_at, f.last_reopened_at))
        for author, (replies, total) in self.replies.items():
            self.out["reply_scores"].append((d, author, created, int(replies), total))
        customer = 1 + d % max(1, self.n // 5)
        self.out["disputes"].append((
            d, customer, rng.choice(CHANNELS), subject, body, rng.choice(CATEGORIES), "USD",
            status, "normal", 1, "none", agent, outcome, cause, anger, first_anger, created, t,
            resolved, f.first_response_at, f.last_escalated_at, f.last_reopened_at,
            f.reopen_count, f.customer_replies, f.survey_answers, f.survey_rating_sum,
        ))  # fmt: skip

    def chunks(self) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
        """The rows, CHUNK disputes at a time."""
        for start in range(0, self.n, CHUNK):
            self.out = {t: [] for t in TABLES}
            for d in range(start + 1, min(self.n, start + CHUNK) + 1):
                self.dispute(d)
            yield self.out


COLUMNS = {
    "disputes": ("id", "customer_id", "channel", "subject", "description", "category",
                 "currency", "status", "priority", "priority_rank", "escalation_level",
                 "assignee_id", "outcome", "root_cause", "current_anger", "first_anger",
                 "created_at", "updated_at", "resolved_at", "first_response_at",
                 "last_escalated_at", "last_reopened_at", "reopen_count", "customer_replies",
                 "survey_answers", "survey_rating_sum"),
    "messages": ("id", "dispute_id", "direction", "channel", "author_staff_id", "author_name",
                 "body", "analysis", "coach_report", "created_at"),
    "dispute_events": ("id", "dispute_id", "kind", "actor_kind", "actor_id", "actor_name", "after",
                       "created_at"),
    "offers": ("id", "dispute_id", "remedy", "amount_minor", "currency", "status", "clause_id",
               "created_at", "updated_at", "dispute_escalated_at", "dispute_reopened_at"),
    "surveys": ("id", "dispute_id", "round", "created_at", "expires_at", "rating", "answered_at"),
    "reply_scores": ("dispute_id", "author_staff_id", "dispute_opened_at", "replies", "score_sum"),
}  # fmt: skip
TABLES = tuple(COLUMNS)


def _people(n: int) -> dict[str, list[tuple[Any, ...]]]:
    staff = [(i, f"agent{i}", f"Agent {i}", f"a{i}@example.com", "agent", "x", True, NOW)
             for i in range(1, AGENTS + 1)]  # fmt: skip
    customers = [(i, f"Customer {i}", NOW) for i in range(1, max(1, n // 5) + 1)]
    return {"staff_users": staff, "customers": customers}


PEOPLE_COLUMNS = {
    "staff_users": ("id", "username", "display_name", "email", "role", "password_hash",
                    "is_active", "created_at"),
    "customers": ("id", "name", "created_at"),
}  # fmt: skip


# On PostgreSQL the text-search indexes and the queue-count trigger of migration 0009, kept row by
# row, made a 1M COPY take well over an hour on a shared 2-core machine: they are dropped for the
# load and built again at its end, in the same transaction, exactly as the migration builds them.
_PG_BULK_OFF = (
    "DROP TRIGGER disputes_count_track ON disputes",
    "DROP INDEX ix_disputes_fts",
    "DROP INDEX ix_messages_fts",
)


def _pg_bulk_on() -> list[str]:
    search = importlib.import_module("disputedesk.migrations.versions.0009_search_and_counts")
    return [
        f"CREATE INDEX ix_disputes_fts ON disputes USING gin ({search.PG_DISPUTE_TSV})",
        f"CREATE INDEX ix_messages_fts ON messages USING gin ({search.PG_MESSAGE_TSV})",
        search._PG_COUNTS[2],
        "DELETE FROM dispute_counts",
        "INSERT INTO dispute_counts(status, assignee_key, escalation_level, n) "
        "SELECT status, coalesce(assignee_id, 0), escalation_level, count(*) FROM disputes "
        "GROUP BY status, coalesce(assignee_id, 0), escalation_level",
    ]


def load(engine: Engine, n: int, days: int, seed: int) -> None:
    """Bulk-insert N disputes and everything hanging off them."""
    sqlite = engine.dialect.name == "sqlite"
    columns = {**PEOPLE_COLUMNS, **COLUMNS}
    extra = {t: not_null_defaults(engine, t, cols) for t, cols in columns.items()}
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if sqlite:
            cursor.execute("BEGIN")

        def put(table: str, rows: list[tuple[Any, ...]]) -> None:
            names, defaults = extra[table]
            cols = [*columns[table], *names]
            insert_rows(cursor, table, cols, rows, tuple(defaults), sqlite=sqlite)

        if not sqlite:
            for statement in _PG_BULK_OFF:
                cursor.execute(statement)
        for table, rows in _people(n).items():
            put(table, rows)
        for chunk in _Rows(random.Random(seed), n, days).chunks():
            for table in TABLES:
                put(table, chunk[table])
        if not sqlite:
            for statement in _pg_bulk_on():
                cursor.execute(statement)
        raw.commit()
        if sqlite:
            # The one-transaction load leaves the whole database in the WAL; a live desk's WAL
            # is checkpointed every 1,000 pages, so checkpoint it as the desk would have.
            cursor.close()
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        raw.close()


def roll_up(engine: Engine) -> float:
    """Compute the per-day roll-ups (the rows went in behind the desk's back); seconds taken."""
    started = time.perf_counter()
    with unit_of_work(make_session_factory(engine)) as session:
        rebuild(session)
    return time.perf_counter() - started


def analyze(engine: Engine) -> None:
    """Fresh statistics, and on PostgreSQL a visibility map so the reports' covering indexes are
    read without visiting the table (autovacuum does the same on a live desk)."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE" if sqlite else "VACUUM ANALYZE"))


# ---- timing ----------------------------------------------------------------------------------


@contextmanager
def database(
    backend: str, pg_url: str, folder: Path, keep: bool, prefix: str = "dd_bench"
) -> Iterator[Engine]:
    """A fresh migrated database on `backend`, removed afterwards unless `keep`."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:8]}.sqlite3'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = make_engine(pg_url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(pg_url.rsplit("/", 1)[0] + "/" + name)
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        if not keep:
            with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def time_reports(engine: Engine, since: str, runs: int) -> dict[str, float]:
    """Median milliseconds per report over `runs` runs, each in its own session.

    Also `<report>_cpu`: the median CPU milliseconds of this process (on SQLite that is the
    query work itself, so it shows the cost without the wait for a busy machine's cores).
    """
    factory = make_session_factory(engine)
    period = parse_period(since, None, NOW)
    out = {}
    for name in REPORTS:
        times, cpu = [], []
        for _ in range(runs):
            with factory() as session:
                started, used = time.perf_counter(), time.process_time()
                run_report(name, session=session, since=period.since, until=period.until, now=NOW)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - used) * 1000)
                session.rollback()
        out[name] = statistics.median(times)
        out[f"{name}_cpu"] = statistics.median(cpu)
    return out


def main() -> None:
    """Parse arguments, build each database, print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--since", default="30d", help="comma-separated periods to time")
    parser.add_argument("--days", type=int, default=365, help="disputes spread over this many days")
    parser.add_argument("--out", help="also append each result as a JSON line to this file")
    parser.add_argument(
        "--keep",
        metavar="FOLDER",
        help="keep the databases: SQLite files in FOLDER, PostgreSQL databases undropped",
    )
    parser.add_argument(
        "--url", help="time an already loaded database (from --keep) instead of building one"
    )
    parser.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="with --url: migrate the database to the newest schema and rebuild its roll-ups",
    )
    parser.add_argument(
        "--pg-prefix", default="dd_bench", help="name prefix of the scratch PostgreSQL databases"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    backends: tuple[str, ...] = (
        ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    )
    periods = args.since.split(",")
    results: dict[tuple[str, int, str], dict[str, float]] = {}
    if args.url:
        engine = make_engine(args.url)
        if args.rebuild:
            upgrade(engine)
            console.print(f"roll-ups rebuilt in {roll_up(engine):.1f} s")
            analyze(engine)
        with engine.connect() as conn:
            count = int(conn.execute(text("SELECT count(*) FROM disputes")).scalar_one())
        backend = "sqlite" if engine.dialect.name == "sqlite" else "postgres"
        backends, sizes = (), []
        for since in periods:
            results[(backend, count, since)] = timings = time_reports(engine, since, args.runs)
            console.print(f"{backend} {count:,} {since}: {json.dumps(timings)}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        for backend in backends:
            for n in sizes:
                keep = bool(args.keep)
                with database(backend, args.pg_url, folder, keep, args.pg_prefix) as engine:
                    started = time.perf_counter()
                    load(engine, n, args.days, args.seed)
                    loaded = time.perf_counter() - started
                    rolled = roll_up(engine)
                    analyze(engine)
                    console.print(
                        f"{backend} {n:,}: loaded in {loaded:.1f} s, roll-ups in {rolled:.1f} s"
                    )
                    if args.keep:
                        console.print(f"kept: {engine.url.render_as_string(hide_password=False)}")
                    for since in periods:
                        timings = time_reports(engine, since, args.runs)
                        results[(backend, n, since)] = timings
                        console.print(f"{backend} {n:,} {since}: {json.dumps(timings)}")
                        if args.out:
                            line = {
                                "backend": backend,
                                "disputes": n,
                                "since": since,
                                "load_seconds": round(loaded, 1),
                                "rollup_seconds": round(rolled, 1),
                                "median_ms": timings,
                            }
                            with open(args.out, "a", encoding="utf-8") as out:
                                out.write(json.dumps(line) + "\n")
    table = Table(title=f"median ms per report ({args.runs} runs; disputes over {args.days} days)")
    for heading in ("backend", "disputes", "since"):
        table.add_column(heading)
    for name in REPORTS:
        table.add_column(name.replace("_", " "), justify="right")
    for (backend, n, since), timings in results.items():
        cells = [f"{timings[name]:.0f}" for name in REPORTS]
        table.add_row(backend, f"{n:,}", since, *cells)
    console.print(table)


if __name__ == "__main__":
    main()
