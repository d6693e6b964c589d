"""The policy-check and policy-show commands, on a local Typer app."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from disputedesk.policies.cli import register

PACK = Path(__file__).parents[2] / "disputedesk" / "policies" / "packs" / "demo_shop.yaml"
runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_policy_check_accepts_the_demo_pack() -> None:
    result = runner.invoke(_app(), ["policy-check", str(PACK)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: demo-shop v1, 8 clauses, fingerprint ")


def test_policy_check_prints_each_problem_with_file_and_line(tmp_path: Path) -> None:
    pack = PACK.read_text(encoding="utf-8").splitlines()
    remedy_line = pack.index("    remedy: repair") + 1
    limit_line = pack.index("      agent: 1000") + 1
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        PACK.read_text(encoding="utf-8")
        .replace("remedy: repair", "remedy: fix_it")
        .replace("agent: 1000\n", "agent: -1000\n")
    )
    result = runner.invoke(_app(), ["policy-check", str(bad)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(
        f"bad.yaml:{remedy_line}: clauses[4].remedy: unknown remedy 'fix_it'"
    )
    assert lines[1] == (
        f"bad.yaml:{limit_line}: clauses[6].limits.agent: "
        'must be a non-negative integer (minor units) or "unlimited"'
    )
    assert lines[2] == "2 problems found; the policy was not loaded."


def test_policy_check_reports_yaml_syntax_errors(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("name: x\nclauses:\n  - id: [unclosed\n")
    result = runner.invoke(_app(), ["policy-check", str(bad)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("broken.yaml:4: YAML syntax error: ")


def test_policy_check_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(_app(), ["policy-check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2


def test_policy_show_defaults_to_the_demo_pack() -> None:
    result = runner.invoke(_app(), ["policy-show"])
    assert result.exit_code == 0, result.output
    assert "demo-shop v1 (USD)" in result.output
    for clause_id in ("returns-30-days", "warranty-repair", "late-delivery-credit", "explanation"):
        assert clause_id in result.output
    assert "supervisor: $50.00" in result.output
    assert "in effect from 2025-01-01, no expiry" in result.output


def test_policy_show_reads_a_file(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(PACK.read_text(encoding="utf-8").replace("version: 1", "version: 7"))
    result = runner.invoke(_app(), ["policy-show", str(other)])
    assert result.exit_code == 0, result.output
    assert "demo-shop v7 (USD)" in result.output
