"""The command line: migrate, user add, token create, and the demo load."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.config import get_settings
from disputedesk.db import make_engine

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh data directory with its own SQLite file."""
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DISPUTEDESK_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_migrate_user_and_token(data_dir: Path) -> None:
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    added = runner.invoke(
        app, ["user", "add", "sam", "--role", "supervisor", "--password", "a long password"]
    )
    assert added.exit_code == 0, added.output
    assert "supervisor 'sam'" in added.output
    again = runner.invoke(app, ["user", "add", "sam", "--password", "a long password"])
    assert again.exit_code == 1
    assert "already exists" in again.output
    token = runner.invoke(app, ["token", "create", "sam"])
    assert token.exit_code == 0
    assert token.output.strip().startswith("ddt_")
    assert runner.invoke(app, ["token", "create", "nobody"]).exit_code == 1


def test_serve_refuses_without_a_secret_outside_demo(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPUTEDESK_SECRET_KEY", raising=False)
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 1
    assert "DISPUTEDESK_SECRET_KEY" in result.output


def test_demo_loads_a_believable_shop_once(data_dir: Path) -> None:
    first = runner.invoke(app, ["demo", "--no-serve"])
    assert first.exit_code == 0, first.output
    assert "loaded 50 customers, 200 orders and 80 disputes" in first.output
    assert "disputedesk-demo" in first.output
    second = runner.invoke(app, ["demo", "--no-serve"])
    assert second.exit_code == 0
    assert "loaded" not in second.output
    engine = make_engine(f"sqlite:///{data_dir / 'disputedesk.sqlite3'}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM disputes")).scalar_one() == 80
        statuses = conn.execute(text("SELECT count(DISTINCT status) FROM disputes")).scalar_one()
        assert statuses == 7
        bodies = " ".join(conn.execute(text("SELECT body FROM messages")).scalars())
        assert "4111 1111 1111 1111" not in bodies
    engine.dispose()


def test_remedies_and_policy_upload_commands(data_dir: Path) -> None:
    assert runner.invoke(app, ["demo", "--no-serve"]).exit_code == 0
    shown = runner.invoke(app, ["remedies", "1"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "explanation" in shown.output
    assert "demo-shop" in shown.output
    assert runner.invoke(app, ["remedies", "99999"]).exit_code == 1
    bad = data_dir / "bad.yaml"
    bad.write_text(
        "name: demo-shop\nversion: 2\ncurrency: USD\nclauses:\n  - id: x\n    remedy: teleport\n"
    )
    refused = runner.invoke(app, ["policy-upload", str(bad), "--as", "morgan"])
    assert refused.exit_code == 1
    assert "bad.yaml:" in refused.output
    assert "line" in refused.output or ":6:" in refused.output
