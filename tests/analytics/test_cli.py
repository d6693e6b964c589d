"""`disputedesk report`: standalone HTML with SVG, CSV that parses, JSON, to a file or stdout."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.config import get_settings
from tests.analytics.conftest import Data, at

runner = CliRunner()
PERIOD = ["--since", "2026-10-01", "--until", "2026-10-31"]


@pytest.fixture
def database(
    own_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Engine]:
    """A committed database with three disputes, one of them with markup in its reason."""
    with Session(own_engine) as session, session.begin():
        data = Data(session)
        late = data.dispute(at(), category="delivery", subject="Parcel late")
        data.dispute(at(hours=2), category="billing", channel="email")
        data.dispute(
            at(days=1),
            category="delivery",
            status="resolved",
            resolved_at=at(days=2),
            outcome="remedied",
            root_cause="courier_delay",
        )
        data.event(
            late,
            "dispute.escalated",
            at(hours=1),
            {"escalation_level": "supervisor", "reason": "<script>alert(1)</script>"},
        )
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv(
        "DISPUTEDESK_DATABASE_URL", own_engine.url.render_as_string(hide_password=False)
    )
    get_settings.cache_clear()
    yield own_engine
    get_settings.cache_clear()


def test_html_report_stands_alone_with_svg_charts_and_escaped_text(
    database: Engine, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", *PERIOD, "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert html.count("<svg") >= 5
    assert "<style>" in html
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<link" not in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")


def test_csv_report_parses_into_tables(database: Engine) -> None:
    result = runner.invoke(app, ["report", *PERIOD, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    start = rows.index(["volume", "Disputes by category"])
    assert rows[start + 1] == ["category", "count"]
    assert rows[start + 2 : start + 4] == [["delivery", "2"], ["billing", "1"]]
    titles = {tuple(r) for r in rows if len(r) == 2 and r[0] == "escalations"}
    assert ("escalations", "Escalation reasons") in titles


def test_json_report_for_chosen_reports(database: Engine) -> None:
    result = runner.invoke(
        app, ["report", *PERIOD, "--format", "json", "--report", "volume", "--report", "outcomes"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert list(body["reports"]) == ["volume", "outcomes"]
    assert body["reports"]["volume"]["total"] == 3
    assert body["reports"]["outcomes"]["by_outcome"][0] == {
        "key": "remedied",
        "total": 1,
        "count": 1,
        "rate": 1.0,
    }


def test_bad_options_are_refused(database: Engine) -> None:
    assert runner.invoke(app, ["report", "--format", "pdf"]).exit_code == 2
    assert runner.invoke(app, ["report", "--since", "lately"]).exit_code == 2
    assert runner.invoke(app, ["report", "--report", "nope"]).exit_code == 2
