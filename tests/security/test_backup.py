"""`disputedesk backup` and `restore`: a restored database equals the original row for row."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import Engine, inspect, text
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.config import get_settings
from disputedesk.db import make_engine, make_session_factory
from disputedesk.demo.seed import load_demo
from disputedesk.migrate import upgrade
from disputedesk.ops.backup import BackupError, backup, restore
from tests.conftest import PG_ADMIN_URL, fresh_database
from tests.security.conftest import DEMO_NOW, DemoDatabase

runner = CliRunner()


def _cli(args: list[str], url: str, data_dir: Path) -> Result:
    get_settings.cache_clear()
    try:
        return runner.invoke(
            app,
            args,
            env={"DISPUTEDESK_DATABASE_URL": url, "DISPUTEDESK_DATA_DIR": str(data_dir)},
        )
    finally:
        get_settings.cache_clear()


def every_row(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, ordered by all their columns, as plain values."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            columns = [c["name"] for c in inspect(conn).get_columns(table)]
            order = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(text(f'SELECT * FROM "{table}" ORDER BY {order}'))
            tables[table] = [tuple(row) for row in rows]
    return tables


@pytest.fixture
def demo(demo_db: DemoDatabase) -> DemoDatabase:
    """The module's demo database; no test here changes it."""
    return demo_db


def test_sqlite_backup_restores_into_a_fresh_database_row_for_row(
    demo: DemoDatabase, tmp_path: Path
) -> None:
    original = every_row(demo.engine)
    assert len(original["disputes"]) > 10
    assert len(original["dispute_events"]) > 10
    live_url = f"sqlite:///{demo.path}"
    made = _cli(["backup", str(tmp_path / "b" / "desk.bak")], live_url, tmp_path)
    assert made.exit_code == 0, made.output
    fresh = tmp_path / "restored" / "desk.sqlite3"
    done = _cli(["restore", str(tmp_path / "b" / "desk.bak")], f"sqlite:///{fresh}", tmp_path)
    assert done.exit_code == 0, done.output
    restored = make_engine(f"sqlite:///{fresh}")
    try:
        assert every_row(restored) == original
    finally:
        restored.dispose()


def test_backup_is_consistent_while_a_writer_holds_uncommitted_changes(
    demo: DemoDatabase, tmp_path: Path
) -> None:
    before = every_row(demo.engine)
    writer = sqlite3.connect(demo.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE customers SET name = 'half-done' WHERE id = 1")
    try:
        result = backup(f"sqlite:///{demo.path}", tmp_path / "during.bak")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    copy = make_engine(f"sqlite:///{result.path}")
    try:
        assert every_row(copy) == before
    finally:
        copy.dispose()


def test_restore_refuses_a_database_with_data_unless_forced(
    demo: DemoDatabase, tmp_path: Path
) -> None:
    bak = tmp_path / "desk.bak"
    backup(f"sqlite:///{demo.path}", bak)
    other_path = tmp_path / "other.sqlite3"
    other = make_engine(f"sqlite:///{other_path}")
    upgrade(other)
    with make_session_factory(other)() as session, session.begin():
        load_demo(session=session, now=DEMO_NOW, seed=7)
    other_rows = every_row(other)
    other.dispose()

    refused = _cli(["restore", str(bak)], f"sqlite:///{other_path}", tmp_path)
    assert refused.exit_code == 1
    assert "already holds data" in refused.output
    check = make_engine(f"sqlite:///{other_path}")
    assert every_row(check) == other_rows
    check.dispose()

    forced = _cli(["restore", "--force", str(bak)], f"sqlite:///{other_path}", tmp_path)
    assert forced.exit_code == 0, forced.output
    check = make_engine(f"sqlite:///{other_path}")
    assert every_row(check) == every_row(demo.engine)
    check.dispose()


def test_restore_into_a_migrated_but_empty_database_needs_no_force(
    demo: DemoDatabase, tmp_path: Path
) -> None:
    bak = tmp_path / "desk.bak"
    backup(f"sqlite:///{demo.path}", bak)
    empty = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    upgrade(empty)
    empty.dispose()
    restore(f"sqlite:///{tmp_path / 'empty.sqlite3'}", bak)
    check = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert every_row(check) == every_row(demo.engine)
    check.dispose()


def test_backup_will_not_overwrite_a_file(demo: DemoDatabase, tmp_path: Path) -> None:
    bak = tmp_path / "desk.bak"
    bak.write_text("keep me")
    refused = _cli(["backup", str(bak)], f"sqlite:///{demo.path}", tmp_path)
    assert refused.exit_code == 1
    assert "already exists" in refused.output
    assert bak.read_text() == "keep me"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a database at all" * 100, "not a readable SQLite database"), (b"", "disputedesk")],
)
def test_restore_refuses_a_file_that_is_not_a_desk_backup(
    tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.bak"
    if content:
        bad.write_bytes(content)
    else:
        sqlite3.connect(bad).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(BackupError, match=message):
        restore(f"sqlite:///{tmp_path / 'new.sqlite3'}", bad)
    assert not (tmp_path / "new.sqlite3").exists() or (tmp_path / "new.sqlite3").stat().st_size == 0


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_postgres_backup_and_restore_with_pg_tools(backend: str, tmp_path: Path) -> None:
    if backend != "postgres":
        pytest.skip("PostgreSQL only")
    with fresh_database("postgres", tmp_path) as source:
        with make_session_factory(source)() as session, session.begin():
            load_demo(session=session, now=DEMO_NOW)
        original = every_row(source)
        url = source.url.render_as_string(hide_password=False)
        made = _cli(["backup", str(tmp_path / "pg.dump")], url, tmp_path)
        assert made.exit_code == 0, made.output
        assert (tmp_path / "pg.dump").read_bytes()[:5] == b"PGDMP"
    name = f"dd_restore_{uuid.uuid4().hex[:8]}"
    admin = make_engine(PG_ADMIN_URL)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    target_url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    try:
        done = _cli(["restore", str(tmp_path / "pg.dump")], target_url, tmp_path)
        assert done.exit_code == 0, done.output
        again = _cli(["restore", str(tmp_path / "pg.dump")], target_url, tmp_path)
        assert again.exit_code == 1
        assert "already has tables" in again.output
        restored = make_engine(target_url)
        try:
            assert every_row(restored) == original
        finally:
            restored.dispose()
    finally:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_password_never_reaches_the_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from disputedesk.ops import backup as ops

    seen: dict[str, Any] = {}

    def fake_run(command: list[str], env: dict[str, str]) -> None:
        seen["command"] = command
        seen["env"] = env
        Path(command[command.index("--file") + 1]).write_bytes(b"PGDMP")

    monkeypatch.setattr(ops, "_run", fake_run)
    monkeypatch.setattr(ops, "_pg_tool", lambda name: f"/usr/bin/{name}")
    target = Path(os.environ.get("TMPDIR", "/tmp")) / f"dd-{uuid.uuid4().hex}.dump"
    try:
        backup("postgresql+psycopg://desk:s3cret-pw@db.example:5433/desk", target)
    finally:
        target.unlink(missing_ok=True)
    assert "s3cret-pw" not in " ".join(seen["command"])
    assert seen["env"]["PGPASSWORD"] == "s3cret-pw"
    assert seen["command"][seen["command"].index("--port") + 1] == "5433"
