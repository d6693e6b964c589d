"""Typer commands `analyze` and `train-classifier`; the main CLI calls register(app)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .category import CategoryClassifier, shipped_classifier
from .engine import analyze
from .pii import mask_card_numbers
from .schemas import Analysis
from .training import Metrics, load_latest_model, read_labelled_file, save_model, train_classifier

__all__ = ["default_model_dir", "register", "resolve_classifier"]


def default_model_dir() -> Path:
    """$DISPUTEDESK_MODEL_DIR or ./var/models."""
    return Path(os.environ.get("DISPUTEDESK_MODEL_DIR") or "./var/models")


def resolve_classifier(model_dir: Path | None = None) -> CategoryClassifier:
    """Latest trained model in model_dir when there is one, else the shipped model."""
    return load_latest_model(model_dir or default_model_dir()) or shipped_classifier()


def _line_text(line: str) -> str:
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError:
        return line.rstrip("\n")
    if isinstance(obj, dict):
        return str(obj.get("text", ""))
    return obj if isinstance(obj, str) else str(obj)


def _print_analysis(console: Console, a: Analysis) -> None:
    table = Table(title="Analysis", show_header=False)
    table.add_row("sentiment", f"{a.sentiment:+.2f} ({a.sentiment_label})")
    table.add_row("anger", f"{a.anger:.2f} ({a.anger_level})")
    table.add_row("emotions", ", ".join(f"{k} {v:.2f}" for k, v in a.emotions.model_dump().items()))
    table.add_row("category", f"{a.category.label} ({a.category.confidence:.2f})")
    table.add_row("risks", "\n".join(f"{r.kind}: “{r.evidence}”" for r in a.risks) or "-")
    table.add_row("entities", "\n".join(f"{e.kind}: {e.text}" for e in a.entities) or "-")
    console.print(table)


def _metrics_tables(metrics: Metrics) -> list[Table]:
    per = Table(title=f"Held-out: accuracy {metrics.accuracy:.3f}, macro-F1 {metrics.macro_f1:.3f}")
    for col in ("label", "precision", "recall", "F1", "support"):
        per.add_column(col, justify="left" if col == "label" else "right")
    for lab in metrics.labels:
        per.add_row(
            lab,
            f"{metrics.precision[lab]:.3f}",
            f"{metrics.recall[lab]:.3f}",
            f"{metrics.f1[lab]:.3f}",
            str(metrics.support[lab]),
        )
    conf = Table(title="Confusion matrix (rows = true, columns = predicted)")
    conf.add_column("true \\ pred")
    short = [lab[:8] for lab in metrics.labels]
    for s in short:
        conf.add_column(s, justify="right")
    for lab, row in zip(metrics.labels, metrics.confusion, strict=True):
        conf.add_row(lab, *(str(v) for v in row))
    return [per, conf]


def register(app: typer.Typer) -> None:
    """Add the `analyze` and `train-classifier` commands to app."""

    @app.command("analyze")
    def analyze_cmd(
        text: Annotated[str | None, typer.Argument(help="Message text to analyse.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the JSON contract.")] = False,
        file: Annotated[
            Path | None, typer.Option("--file", help='JSONL input: {"text": ...} or a string.')
        ] = None,
        out: Annotated[Path | None, typer.Option("--out", help="JSONL output file.")] = None,
        model_dir: Annotated[
            Path | None, typer.Option("--model-dir", help="Trained models folder.")
        ] = None,
    ) -> None:
        """Analyse a message (sentiment, anger, risks, category, entities, masked text)."""
        console = Console()
        classifier = resolve_classifier(model_dir)
        if file is not None:
            if not file.is_file():
                raise typer.BadParameter(f"no such file: {file}", param_hint="--file")
            lines = [ln for ln in file.read_text("utf-8", errors="replace").splitlines() if ln]
            results: list[str] = []
            columns = (
                TextColumn("analysing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
                task = progress.add_task("analyse", total=len(lines))
                for line in lines:
                    a = analyze(_line_text(line), classifier=classifier)
                    results.append(json.dumps(a.model_dump(), ensure_ascii=False))
                    progress.advance(task)
            if out is not None:
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text("".join(r + "\n" for r in results), "utf-8")
                console.print(f"wrote {len(results)} analyses to {mask_card_numbers(str(out))}")
            else:
                for r in results:
                    typer.echo(r)
            return
        if text is None:
            raise typer.BadParameter("give TEXT or --file")
        a = analyze(text, classifier=classifier)
        if as_json:
            typer.echo(json.dumps(a.model_dump(), ensure_ascii=False))
        else:
            _print_analysis(console, a)

    @app.command("train-classifier")
    def train_cmd(
        file: Annotated[Path, typer.Argument(help="CSV or JSONL with text and label columns.")],
        model_dir: Annotated[
            Path | None, typer.Option("--model-dir", help="Where versioned models are saved.")
        ] = None,
        test_fraction: Annotated[float, typer.Option(help="Held-out share.")] = 0.2,
        seed: Annotated[int, typer.Option(help="Random seed of the split.")] = 0,
    ) -> None:
        """Train a category classifier, print held-out metrics, save a versioned model."""
        console = Console()
        if not file.is_file():
            raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
        data = read_labelled_file(file)
        for err in data.errors[:20]:
            console.print(f"[yellow]skipped {err}[/yellow]")
        if len(data.errors) > 20:
            console.print(f"[yellow]... and {len(data.errors) - 20} more bad rows[/yellow]")
        if len({lab for _, lab in data.rows}) < 2:
            console.print("[red]need at least two labels with rows to train[/red]")
            raise typer.Exit(code=1)
        with console.status(f"training on {len(data.rows)} rows"):
            result = train_classifier(data.rows, test_fraction=test_fraction, seed=seed)
        for table in _metrics_tables(result.metrics):
            console.print(table)
        path = save_model(result.model, model_dir or default_model_dir())
        console.print(f"saved model {path.name} to {path}")
