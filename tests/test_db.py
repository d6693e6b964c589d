"""Unit-of-work behaviour on a real SQLite file: readers never hold writers back, and writers
of one process queue for each other instead of failing or sleeping."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.customers.models import Customer
from disputedesk.db import make_engine, make_session_factory, read_only, unit_of_work
from disputedesk.migrate import upgrade


def test_a_long_read_does_not_block_a_write(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine)
    factory = make_session_factory(engine)
    with read_only(factory) as reader:
        reader.execute(text("SELECT count(*) FROM disputes")).scalar_one()
        # While the report's transaction is still open, a writer gets in at once.
        with unit_of_work(factory) as writer:
            writer.execute(
                text(
                    "INSERT INTO customers (name, tier, created_at, updated_at) "
                    "VALUES ('Reader Test', 'standard', "
                    "'2026-11-02 09:00:00', '2026-11-02 09:00:00')"
                )
            )
    with factory() as session:
        count = session.execute(text("SELECT count(*) FROM customers")).scalar_one()
    assert count == 1
    engine.dispose()


def _add_customer(factory: sessionmaker[Session], name: str) -> None:
    with unit_of_work(factory) as writer:
        writer.execute(
            text(
                "INSERT INTO customers (name, tier, created_at, updated_at) "
                "VALUES (:name, 'standard', '2026-11-02 09:00:00', '2026-11-02 09:00:00')"
            ),
            {"name": name},
        )


def test_concurrent_writers_in_one_process_all_commit(tmp_path: Path) -> None:
    """Sixteen threads writing at once: every write lands, none fails as 'database is locked'."""
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine)
    factory = make_session_factory(engine)
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for i in range(25):
                _add_customer(factory, f"writer {worker}-{i}")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with factory() as session:
        assert session.execute(text("SELECT count(*) FROM customers")).scalar_one() == 400
    engine.dispose()


def _writes_promptly(factory: sessionmaker[Session], name: str) -> bool:
    """Whether a writer on another thread (and so another connection) gets in within 5 s;
    it would wait the process's full 10 s if an earlier writer had kept the queue."""
    done = threading.Event()

    def write() -> None:
        _add_customer(factory, name)
        done.set()

    threading.Thread(target=write, daemon=True).start()
    return done.wait(timeout=5)


def test_a_failed_write_lets_the_next_writer_in(tmp_path: Path) -> None:
    """A transaction that fails (rolled back) or whose connection breaks frees the writer queue."""
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine)
    factory = make_session_factory(engine)

    def fail_half_way() -> None:
        with unit_of_work(factory) as session:
            session.execute(text("SELECT 1"))
            raise ValueError("the request failed half way")

    with pytest.raises(ValueError, match="half way"):
        fail_half_way()
    assert _writes_promptly(factory, "after a failed request")
    conn = engine.connect()
    conn.begin()
    conn.exec_driver_sql("SELECT 1")
    conn.invalidate()  # a broken connection, dropped in the middle of its transaction
    conn.close()
    assert _writes_promptly(factory, "after a broken connection")
    with read_only(factory) as session:
        names = session.execute(text("SELECT name FROM customers ORDER BY id")).scalars().all()
    assert names == ["after a failed request", "after a broken connection"]
    engine.dispose()


def test_sqlite_datetimes_read_back_as_utc_whatever_their_stored_shape(tmp_path: Path) -> None:
    """Rows written by the product, or by hand or another tool, come back as aware UTC."""
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine)
    shapes = {
        "2026-11-02 09:00:00.250000": datetime(2026, 11, 2, 9, 0, 0, 250000, tzinfo=UTC),
        "2026-11-02 09:00:00": datetime(2026, 11, 2, 9, tzinfo=UTC),
        "2026-11-02T11:00:00+02:00": datetime(2026, 11, 2, 9, tzinfo=UTC),
        "2026-11-02T09:00:00Z": datetime(2026, 11, 2, 9, tzinfo=UTC),
        "2026-11-02": datetime(2026, 11, 2, tzinfo=UTC),
    }
    with unit_of_work(make_session_factory(engine)) as session:
        for i, stored in enumerate(shapes):
            session.execute(
                text(
                    "INSERT INTO customers (name, tier, created_at, updated_at) "
                    "VALUES (:name, 'standard', :at, :at)"
                ),
                {"name": f"Shape {i}", "at": stored},
            )
    with make_session_factory(engine)() as session:
        read = session.scalars(select(Customer).order_by(Customer.id)).all()
    assert [c.created_at for c in read] == list(shapes.values())
    assert all(c.created_at.tzinfo is UTC for c in read)
    engine.dispose()
