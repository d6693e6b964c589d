"""Migration 0010 on a database with disputes: every day with data is marked, `disputedesk
migrate` computes the roll-ups, `disputedesk rebuild-rollups` recomputes them all."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from disputedesk.analytics.models import RollupDirtyDay, RollupOpened, RollupResolved
from disputedesk.analytics.plan import split
from disputedesk.analytics.service import run_report
from disputedesk.cli import app
from disputedesk.config import get_settings
from disputedesk.customers.models import Customer
from disputedesk.db import make_engine
from disputedesk.disputes.models import Dispute
from disputedesk.migrate import upgrade
from tests.conftest import PG_ADMIN_URL

runner = CliRunner()
FIRST = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def old_database(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """A database at revision 0009 (before the roll-ups), removed afterwards."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
        upgrade(engine, "0009")
        yield engine
        engine.dispose()
        return
    name = f"dd_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_ADMIN_URL)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name)
    upgrade(engine, "0009")
    yield engine
    engine.dispose()
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_existing_disputes_are_rolled_up_by_migrate_and_rebuild(
    old_database: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    engine = old_database
    # Rows as an older version left them (no roll-up tables yet, so straight into the tables).
    with engine.begin() as conn:
        customers = Customer.__table__
        customer = conn.execute(
            insert(customers).values(name="Old customer").returning(customers.c.id)
        ).scalar_one()
        rows = []
        for n in range(90):
            created = FIRST + timedelta(days=n, hours=n % 5)
            resolved = created + timedelta(days=2) if n % 3 else None
            rows.append(
                {
                    "customer_id": customer,
                    "channel": "web",
                    "subject": "Old dispute",
                    "description": "Imported long ago.",
                    "category": ("delivery", "billing")[n % 2],
                    "status": "resolved" if resolved else "investigating",
                    "priority": "normal",
                    "priority_rank": 1,
                    "created_at": created,
                    "updated_at": created,
                    "resolved_at": resolved,
                    "outcome": "remedied" if resolved else None,
                    "root_cause": "courier_delay" if resolved else None,
                }
            )
        conn.execute(insert(Dispute.__table__), rows)
    upgrade(engine)
    with Session(engine) as session:
        marked = set(session.scalars(select(RollupDirtyDay.day)))
    created_days = {FIRST.date() + timedelta(days=n) for n in range(90)}
    assert created_days <= marked  # every day with data, read live until computed
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    get_settings.cache_clear()
    try:
        migrated = runner.invoke(app, ["migrate"])
        assert migrated.exit_code == 0, migrated.output
        assert "report roll-ups computed" in migrated.output
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(RollupDirtyDay)) == 0
            assert session.scalar(select(func.sum(RollupOpened.disputes))) == 90
            assert session.scalar(select(func.sum(RollupResolved.n))) == 60
            since, until = FIRST - timedelta(days=1), FIRST + timedelta(days=120)
            assert split(session, since, until) is not None
            now = until + timedelta(days=1)
            volume = run_report("volume", session=session, since=since, until=until, now=now)
            assert volume.model_dump()["total"] == 90
        rebuilt = runner.invoke(app, ["rebuild-rollups"])
        assert rebuilt.exit_code == 0, rebuilt.output
        assert "rolled up" in rebuilt.output
        with Session(engine) as session:
            assert session.scalar(select(func.sum(RollupOpened.disputes))) == 90
    finally:
        get_settings.cache_clear()
