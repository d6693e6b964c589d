"""Engine, session factory, declarative Base and the unit of work.

SQLite (a file, WAL mode) is the embedded default; PostgreSQL is used when the database URL says so.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    Connection,
    DateTime,
    Engine,
    MetaData,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.sql import ColumnElement
from sqlalchemy.types import TypeDecorator

from disputedesk.rows import Prepared

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite stores no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass a timezone-aware UTC datetime")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is UTC:  # PostgreSQL sessions run in UTC
            return value
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        # SQLite hands back the stored text ('2026-12-07 10:00:00.000000'); the C parser reads it
        # several times faster than the generic regex path, and a list page reads hundreds.
        return _sqlite_utc


def _sqlite_utc(value: str | None) -> datetime | None:
    if value is None:
        return None
    # Stored naive in UTC: parsing it with its offset appended is five times faster than
    # `.replace(tzinfo=UTC)` afterwards (a queue page reads 260 of them).
    try:
        parsed = datetime.fromisoformat(value + "+00:00")
    except ValueError:  # written with an offset of its own (by hand, or another tool)
        return datetime.fromisoformat(value).astimezone(UTC)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


JSONType = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy (not the driver) manage transactions so BEGIN IMMEDIATE can be issued.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


READ_ONLY = "disputedesk_read_only"


# How long a writer waits for the others of its process before leaving it to SQLite's own
# busy handling (the same 10 s as the busy timeout).
_WRITER_WAIT_SECONDS = 10.0


class _SqliteWriters:
    """One writer at a time per process, queued on a lock instead of SQLite's busy-sleep loop.

    SQLite lets one transaction write at a time. Without this, concurrent request threads retry
    `BEGIN IMMEDIATE` in SQLite's busy handler, which sleeps 1-100 ms between tries while the
    lock may already be free: a burst of writes then spends much of its time asleep. Queued on a
    lock, the next writer starts the moment the last one has committed. Other processes (the
    worker, a second server) still meet SQLite's busy timeout, as before.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        writers = self

        class Connection(sqlite3.Connection):
            """A driver connection that lets the next writer in once its transaction ended."""

            holds_writer_lock = False

            def commit(self) -> None:
                try:
                    super().commit()
                finally:
                    writers.release(self)

            def rollback(self) -> None:
                try:
                    super().rollback()
                finally:
                    writers.release(self)

            def close(self) -> None:
                try:
                    super().close()
                finally:
                    writers.release(self)

        self.connection_class = Connection

    def begin(self, conn: Any) -> None:
        # Writers take the lock up front: no deadlock-prone upgrade from a read lock later.
        # Readers (reports, pages) begin deferred, so a long read never holds writers back (WAL).
        # BEGIN goes to the driver directly: it is no statement to log or count, and going
        # through the engine's execution path costs more than the BEGIN itself.
        raw = conn.connection.dbapi_connection
        if conn.get_execution_options().get(READ_ONLY, False):
            raw.execute("BEGIN DEFERRED")
            return
        if isinstance(raw, self.connection_class) and not raw.holds_writer_lock:
            raw.holds_writer_lock = self.lock.acquire(timeout=_WRITER_WAIT_SECONDS)
        try:
            raw.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.release(raw)
            raise

    def release(self, raw: Any) -> None:
        if getattr(raw, "holds_writer_lock", False):
            raw.holds_writer_lock = False
            self.lock.release()


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine configured for SQLite (WAL, busy timeout, FKs) or PostgreSQL."""
    # JSON columns (analysis, flags, payloads) are read on every list and detail: orjson's
    # parser is several times faster than the standard library's.
    json_options: dict[str, Any] = {
        "json_serializer": _json_dumps,
        "json_deserializer": orjson.loads,
    }
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        writers = _SqliteWriters()
        engine = create_engine(
            url,
            echo=echo,
            connect_args={
                "check_same_thread": False,
                "timeout": 10,
                "factory": writers.connection_class,
            },
            **json_options,
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", writers.begin)
        return engine
    return create_engine(
        url,
        echo=echo,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        pool_timeout=5,
        # Sessions in UTC: reports count UTC days on either database, whatever the server's
        # default, and the driver hands back datetimes already in UTC (converting each one
        # costs more than reading it; a queue page reads 260).
        connect_args={"connect_timeout": 3, "options": "-c TimeZone=UTC"},
        **json_options,
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """A session factory whose sessions keep loaded objects usable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


@contextmanager
def read_only(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session for reading only: on SQLite it does not take the write lock."""
    # Closing the session ends the read transaction (the pool rolls the connection back) without
    # expiring every loaded object first, as an explicit rollback would.
    with factory() as session:
        session.connection(execution_options={READ_ONLY: True})
        yield session


@contextmanager
def read_only_connection(engine: Engine) -> Iterator[Connection]:
    """A connection for reading only (no write lock on SQLite); its transaction ends unwritten.

    For the hot read paths that select rows without the ORM: cheaper than a session.
    """
    with engine.connect() as conn:
        conn.execution_options(**{READ_ONLY: True})
        yield conn


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Open a session and one transaction: committed on success, rolled back on any error."""
    with factory() as session, session.begin():
        yield session


_RESERVE: dict[tuple[str, tuple[str, ...]], Prepared] = {}


def reserve_ids(session: Session, *models: type[DeclarativeBase]) -> list[int]:
    """One new id for each model's table, known before anything is inserted.

    Rows that point at each other (a dispute and its first message) can then be written in one
    flush, without an INSERT to learn an id and an UPDATE after it. PostgreSQL draws them from
    each table's sequence (`<table>_id_seq`). On SQLite an integer primary key takes the
    largest id plus one, which is what this returns: the session's transaction began with
    BEGIN IMMEDIATE and holds the write lock, so no other writer can take the same id before
    this one commits.
    """
    dialect = session.get_bind().dialect.name
    names = tuple(str(m.__tablename__) for m in models)
    statement = _RESERVE.get((dialect, names))
    if statement is None:
        columns: list[ColumnElement[Any]]
        if dialect == "postgresql":
            columns = [func.nextval(f"{name}_id_seq") for name in names]
        else:
            columns = [
                select(func.coalesce(func.max(m.__table__.c.id), 0) + 1).scalar_subquery()
                for m in models
            ]
        statement = _RESERVE[(dialect, names)] = Prepared(select(*columns))
    row = statement.first(session.connection(), {})
    assert row is not None
    return [int(value) for value in row]
