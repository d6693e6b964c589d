"""Coach quality on the labelled dev replies: per-finding and per-element P/R, micro-F1.

Usage: .venv/bin/python bench/coach_quality.py [--errors] [--fresh-errors] [--politeness]
Data: <repo>/../shared/data/replies.dev.jsonl, or $DISPUTEDESK_SHARED_DATA/replies.dev.jsonl.
Also reports the held-out fresh replies of tests/coach/fresh_cases.py, split into fresh-dev
(may be inspected while improving; --fresh-errors lists its misses) and fresh-test (scored only,
its misses are never listed here).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from disputedesk.coach import ELEMENTS, FINDING_KINDS, coach

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The shared data folder (env DISPUTEDESK_SHARED_DATA overrides)."""
    env = os.environ.get("DISPUTEDESK_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def load_replies(path: Path | None = None) -> list[dict[str, object]]:
    """The labelled dev replies, or [] when the file is absent."""
    path = path or data_dir() / "replies.dev.jsonl"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def own_cases() -> list[dict[str, object]]:
    """The project's own labelled cases from tests/coach/cases.py, as dev-style rows."""
    sys.path.insert(0, str(ROOT))
    try:
        from tests.coach.cases import CASES
    except ImportError:
        return []
    return [{"text": t, "findings": sorted(f), "present": sorted(p)} for t, f, p in CASES]


def fresh_sets() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The held-out fresh replies (tests/coach/fresh_cases.py): (fresh-dev, fresh-test) rows."""
    sys.path.insert(0, str(ROOT))
    try:
        from tests.coach.fresh_cases import DEV_FRESH, TEST_FRESH
    except ImportError:
        return [], []

    def rows(cases: list[tuple[str, set[str], set[str]]]) -> list[dict[str, object]]:
        return [{"text": t, "findings": sorted(f), "present": sorted(p)} for t, f, p in cases]

    return rows(DEV_FRESH), rows(TEST_FRESH)


@dataclass
class Counts:
    """True positives, false positives and false negatives per label."""

    tp: dict[str, int] = field(default_factory=dict)
    fp: dict[str, int] = field(default_factory=dict)
    fn: dict[str, int] = field(default_factory=dict)

    def add(self, labels: Iterable[str], gold: set[str], pred: set[str]) -> None:
        """Count one item."""
        for label in labels:
            key = "tp" if label in gold and label in pred else None
            if key is None and label in pred:
                key = "fp"
            if key is None and label in gold:
                key = "fn"
            if key is not None:
                table = getattr(self, key)
                table[label] = table.get(label, 0) + 1

    def pr(self, label: str) -> tuple[float, float, int]:
        """Precision, recall and support of one label."""
        tp, fp, fn = self.tp.get(label, 0), self.fp.get(label, 0), self.fn.get(label, 0)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, tp + fn

    def micro_f1(self) -> float:
        """Micro-averaged F1 over all labels."""
        tp, fp, fn = (sum(t.values()) for t in (self.tp, self.fp, self.fn))
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def evaluate(rows: list[dict[str, object]]) -> tuple[Counts, Counts, list[str]]:
    """Finding counts, element counts and a list of per-row errors."""
    findings, elements, errors = Counts(), Counts(), []
    for row in rows:
        text = str(row["text"])
        report = coach(text)
        gold_f = set(row["findings"])  # type: ignore[call-overload]
        gold_e = set(row["present"])  # type: ignore[call-overload]
        pred_f: set[str] = {f.kind for f in report.findings}
        pred_e: set[str] = set(report.present)
        findings.add(FINDING_KINDS, gold_f, pred_f)
        elements.add(ELEMENTS, gold_e, pred_e)
        if gold_f != pred_f or gold_e != pred_e:
            errors.append(
                f"{text[:110]!r}\n   findings +{sorted(pred_f - gold_f)} -{sorted(gold_f - pred_f)}"
                f"  elements +{sorted(pred_e - gold_e)} -{sorted(gold_e - pred_e)}"
            )
    return findings, elements, errors


def _table(title: str, counts: Counts, labels: Iterable[str]) -> None:
    print(f"\n{title:<30} {'P':>6} {'R':>6} {'n':>4}")
    for label in labels:
        p, r, n = counts.pr(label)
        print(f"  {label:<28} {p:6.2f} {r:6.2f} {n:4d}")
    print(f"  {'micro-F1':<28} {counts.micro_f1():6.3f}")


def politeness(limit: int = 2000) -> None:
    """Spearman correlation of coach scores with human politeness (Stanford), if present."""
    folder = data_dir() / "external" / "stanford_politeness"
    files = sorted(folder.glob("*.annotated.csv")) if folder.exists() else []
    if not files:
        print("\npoliteness: stanford_politeness data absent, skipped")
        return
    import numpy as np

    from disputedesk.coach.score import FINDING_PENALTY

    def rank(xs: list[float]) -> np.ndarray:
        return np.argsort(np.argsort(np.array(xs), kind="stable"), kind="stable")

    for path in files:
        full: list[float] = []
        tone: list[float] = []
        human: list[float] = []
        with path.open(encoding="utf-8") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if i >= limit:
                    break
                report = coach(row["Request"])
                full.append(report.score)
                kinds = {f.kind for f in report.findings}
                tone.append(100 - sum(FINDING_PENALTY[k] for k in kinds))
                human.append(float(row["Normalized Score"]))
        rho_full = float(np.corrcoef(rank(full), rank(human))[0, 1])
        rho_tone = float(np.corrcoef(rank(tone), rank(human))[0, 1])
        flagged = [h for t, h in zip(tone, human, strict=True) if t < 100]
        clean = [h for t, h in zip(tone, human, strict=True) if t == 100]
        print(
            f"\npoliteness {path.name} (n={len(human)}): Spearman rho score={rho_full:.3f} "
            f"tone-only={rho_tone:.3f}; mean human politeness flagged={np.mean(flagged):.2f} "
            f"(n={len(flagged)}) vs not flagged={np.mean(clean):.2f}"
        )


def main(argv: list[str]) -> int:
    """Print the quality report; exit 1 when a micro-F1 is below 0.9."""
    rows = load_replies()
    if not rows:
        print(f"replies.dev.jsonl not found under {data_dir()}: skipped")
        return 0
    findings, elements, errors = evaluate(rows)
    print(f"coach quality on {len(rows)} labelled dev replies")
    _table("finding", findings, FINDING_KINDS)
    _table("element", elements, ELEMENTS)
    if "--errors" in argv:
        print("\nerrors:")
        for line in errors:
            print(" ", line)
    own = own_cases()
    if own:
        f_own, e_own, _ = evaluate(own)
        print(
            f"\nour own labelled cases (tests/coach/cases.py, n={len(own)}): "
            f"findings micro-F1 {f_own.micro_f1():.3f}, elements micro-F1 {e_own.micro_f1():.3f}"
        )
    fresh_dev, fresh_test = fresh_sets()
    for name, fresh in (("fresh-dev", fresh_dev), ("fresh-test", fresh_test)):
        if not fresh:
            continue
        f_fr, e_fr, fr_errors = evaluate(fresh)
        print(f"\n{name} (tests/coach/fresh_cases.py, n={len(fresh)})")
        _table("finding", f_fr, FINDING_KINDS)
        _table("element", e_fr, ELEMENTS)
        if name == "fresh-dev" and "--fresh-errors" in argv:
            print("\nfresh-dev errors:")
            for line in fr_errors:
                print(" ", line)
    if "--politeness" in argv:
        politeness()
    ok = findings.micro_f1() >= 0.9 and elements.micro_f1() >= 0.9
    print(f"\ntargets (micro-F1 >= 0.9 for findings and elements): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
