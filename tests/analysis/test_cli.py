"""CLI commands registered on a local Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from disputedesk.analysis.cli import register
from tests.analysis.test_training import generated_rows


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command("noop")
    def noop() -> None:  # a second command keeps Typer in multi-command mode
        """Do nothing."""

    return app


def test_analyze_json(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "analyze",
            "I will sue you, card 4242 4242 4242 4242",
            "--json",
            "--model-dir",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["kind"] for r in data["risks"]] == ["legal_threat"]
    assert "4242 4242" not in result.output
    assert data["pii_masked_text"].endswith("[card ending 4242]")


def test_analyze_pretty(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["analyze", "Where is my parcel?", "--model-dir", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert "category" in result.output


def test_analyze_file(app: typer.Typer, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "I want a manager now"}\n"plain string message"\n')
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["analyze", "--file", str(src), "--out", str(out), "--model-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 2
    assert lines[0]["risks"][0]["kind"] == "manager_request"


def test_train_then_analyze_uses_trained_model(app: typer.Typer, tmp_path: Path) -> None:
    data = tmp_path / "train.csv"
    data.write_text("text,label\n" + "".join(f'"{t}",{lab}\n' for t, lab in generated_rows()))
    models = tmp_path / "models"
    result = CliRunner().invoke(app, ["train-classifier", str(data), "--model-dir", str(models)])
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.output
    assert "Confusion" in result.output
    assert (models / "category-model-v1" / "manifest.json").is_file()
    result = CliRunner().invoke(
        app, ["analyze", "my password login fails", "--json", "--model-dir", str(models)]
    )
    assert json.loads(result.output)["category"]["label"] == "account"


def test_train_uses_env_model_dir(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "train.jsonl"
    data.write_text(
        "".join(json.dumps({"text": t, "label": lab}) + "\n" for t, lab in generated_rows())
    )
    monkeypatch.setenv("DISPUTEDESK_MODEL_DIR", str(tmp_path / "envmodels"))
    result = CliRunner().invoke(app, ["train-classifier", str(data)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "envmodels" / "category-model-v1").is_dir()


def test_train_missing_file(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train-classifier", str(tmp_path / "nope.csv")])
    assert result.exit_code != 0
