"""Unit-of-work behaviour on a real SQLite file: readers never hold writers back."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

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
