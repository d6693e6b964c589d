"""The `coach` command on a local Typer app."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from disputedesk.coach.cli import register

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:
        """Test app."""

    return app


def test_json_output_is_the_contract() -> None:
    result = runner.invoke(_app(), ["coach", "--json", "You misunderstood our policy."])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {"score", "findings", "present", "missing"}
    assert data["findings"][0]["kind"] == "blame"


def test_good_draft_exits_zero_and_shows_report() -> None:
    draft = (
        "Thanks for your patience, Aisha. I'm sorry about the roaming charge; I know how "
        "annoying that is. I've removed the £12 today, and I'll email you once it's done."
    )
    result = runner.invoke(_app(), ["coach", draft])
    assert result.exit_code == 0, result.output
    assert "score" in result.output
    assert "no findings" in result.output
    assert "present:" in result.output


def test_threshold_option() -> None:
    draft = "Thanks for the details. I've refunded the $12."
    assert runner.invoke(_app(), ["coach", "--threshold", "100", draft]).exit_code == 1
    assert runner.invoke(_app(), ["coach", "--threshold", "0", draft]).exit_code == 0


def test_readable_report_shows_findings_and_suggestions() -> None:
    result = runner.invoke(_app(), ["coach", "As I already explained, there is nothing I can do."])
    assert result.exit_code == 1
    assert "condescension" in result.output
    assert "try:" in result.output


def test_stdin_and_context_flags() -> None:
    result = runner.invoke(
        _app(),
        ["coach", "-", "--json", "--company-at-fault", "--step", "offer"],
        input="Thanks for letting us know. I've refunded the $12 today.",
    )
    data = json.loads(result.output)
    assert "apology" in data["missing"]
