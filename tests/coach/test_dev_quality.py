"""Micro-F1 on the shared labelled dev replies must be at least 0.9 (skipped when absent)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from disputedesk.coach import ELEMENTS, FINDING_KINDS, coach

ROOT = Path(__file__).resolve().parents[2]


def _rows() -> list[dict[str, object]]:
    env = os.environ.get("DISPUTEDESK_SHARED_DATA")
    folder = Path(env) if env else ROOT.parent / "shared" / "data"
    path = folder / "replies.dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found: shared dev data absent")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _micro_f1(pairs: list[tuple[set[str], set[str]]], labels: tuple[str, ...]) -> float:
    tp = fp = fn = 0
    for gold, pred in pairs:
        for label in labels:
            tp += label in gold and label in pred
            fp += label not in gold and label in pred
            fn += label in gold and label not in pred
    return 2 * tp / (2 * tp + fp + fn)


def test_dev_micro_f1_findings_and_elements() -> None:
    rows = _rows()
    findings: list[tuple[set[str], set[str]]] = []
    elements: list[tuple[set[str], set[str]]] = []
    for row in rows:
        report = coach(str(row["text"]))
        findings.append((set(row["findings"]), {f.kind for f in report.findings}))  # type: ignore[call-overload]
        elements.append((set(row["present"]), set(report.present)))  # type: ignore[call-overload]
    assert _micro_f1(findings, FINDING_KINDS) >= 0.9
    assert _micro_f1(elements, ELEMENTS) >= 0.9


def test_dev_scores_separate_good_from_bad() -> None:
    rows = _rows()
    for row in rows:
        report = coach(str(row["text"]))
        if row["findings"]:
            assert not report.passes(), row["text"]
        else:
            assert report.passes(), (row["text"], report.missing)
