"""Quality on the shared labelled dev set (skipped when the data is absent)."""

from __future__ import annotations

import json
from pathlib import Path

from disputedesk.analysis import analyze
from disputedesk.analysis.schemas import RISK_KINDS


def _rows(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_dev_risk_micro_f1_at_least_0_9(dev_messages_path: Path) -> None:
    tp = fp = fn = 0
    for row in _rows(dev_messages_path):
        a = analyze(str(row["text"]))
        gold = set(row["risks"])  # type: ignore[call-overload]
        got = a.risk_kinds
        assert got <= set(RISK_KINDS)
        tp += len(got & gold)
        fp += len(got - gold)
        fn += len(gold - got)
        for r in a.risks:
            assert a.pii_masked_text[r.start : r.end] == r.evidence
    micro_f1 = 2 * tp / (2 * tp + fp + fn)
    assert micro_f1 >= 0.9, micro_f1


def test_dev_anger_and_sentiment_agreement(dev_messages_path: Path) -> None:
    rows = _rows(dev_messages_path)
    analyses = [analyze(str(r["text"])) for r in rows]
    anger = sum(a.anger_level == r["anger"] for a, r in zip(analyses, rows, strict=True))
    sentiment = sum(
        a.sentiment_label == r["sentiment"] for a, r in zip(analyses, rows, strict=True)
    )
    assert anger / len(rows) >= 0.6
    assert sentiment / len(rows) >= 0.8


def test_dev_category_agreement(dev_messages_path: Path) -> None:
    rows = _rows(dev_messages_path)
    agree = sum(analyze(str(r["text"])).category.label == r["category"] for r in rows)
    assert agree / len(rows) >= 0.7
