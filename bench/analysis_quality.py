"""Quality of disputedesk.analysis on the labelled dev set and on real public data.

Run: .venv/bin/python bench/analysis_quality.py [--cfpb-train 6000 --cfpb-test 2000] [--quick]
Reads <repo>/../shared/data (or $DISPUTEDESK_SHARED_DATA); sections whose data is absent are
skipped with a message. Prints Rich tables; writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from disputedesk.analysis import analyze, shipped_classifier
from disputedesk.analysis.risks import detect_risks
from disputedesk.analysis.schemas import RISK_KINDS
from disputedesk.analysis.training import evaluate, fit_classifier

REPO = Path(__file__).resolve().parents[1]
console = Console()
csv.field_size_limit(sys.maxsize)


def shared_data() -> Path:
    """$DISPUTEDESK_SHARED_DATA or <repo>/../shared/data."""
    env = os.environ.get("DISPUTEDESK_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def pr(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def dev_section(path: Path) -> None:
    """Risks, anger, sentiment and category on messages.dev.jsonl."""
    rows = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    counts = {k: [0, 0, 0] for k in RISK_KINDS}
    anger = sentiment = category = 0
    for row in rows:
        a = analyze(row["text"])
        gold, got = set(row["risks"]), a.risk_kinds
        for k in RISK_KINDS:
            counts[k][0] += k in gold and k in got
            counts[k][1] += k in got and k not in gold
            counts[k][2] += k in gold and k not in got
        anger += a.anger_level == row["anger"]
        sentiment += a.sentiment_label == row["sentiment"]
        category += a.category.label == row["category"]
    table = Table(title=f"Dev set risks ({len(rows)} messages)")
    for col in ("risk", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "risk" else "right")
    for k, (tp, fp, fn) in counts.items():
        p, r, f = pr(tp, fp, fn)
        table.add_row(k, f"{p:.2f}", f"{r:.2f}", f"{f:.2f}", str(tp), str(fp), str(fn))
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    p, r, f = pr(tp, fp, fn)
    table.add_row(
        "[bold]micro[/bold]",
        f"{p:.3f}",
        f"{r:.3f}",
        f"[bold]{f:.3f}[/bold]",
        str(tp),
        str(fp),
        str(fn),
    )
    console.print(table)
    n = len(rows)
    summary = Table(title="Dev set agreement")
    summary.add_column("measure")
    summary.add_column("agreement", justify="right")
    summary.add_row("anger level (low/medium/high)", f"{anger / n:.2f}")
    summary.add_row("sentiment (negative/neutral/positive)", f"{sentiment / n:.2f}")
    summary.add_row("category (shipped seed model)", f"{category / n:.2f}")
    console.print(summary)


def jigsaw_section(path: Path, limit: int) -> None:
    """abusive_language against Jigsaw insult/obscene/threat vs clean rows."""
    pos: list[str] = []
    neg: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            flags = [
                row[c] == "1"
                for c in ("toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate")
            ]
            if row["insult"] == "1" or row["obscene"] == "1" or row["threat"] == "1":
                pos.append(row["comment_text"])
            elif not any(flags):
                neg.append(row["comment_text"])
    rng = random.Random(0)
    pos = rng.sample(pos, min(limit, len(pos)))
    neg = rng.sample(neg, min(limit, len(neg)))
    tp = sum(any(r.kind == "abusive_language" for r in detect_risks(t[:5000])) for t in pos)
    fp = sum(any(r.kind == "abusive_language" for r in detect_risks(t[:5000])) for t in neg)
    p, r, f = pr(tp, fp, len(pos) - tp)
    table = Table(
        title="abusive_language vs Jigsaw (positive = insult/obscene/threat; negative = clean)"
    )
    for col in ("positives", "negatives", "precision", "recall", "F1", "false-positive rate"):
        table.add_column(col, justify="right")
    table.add_row(
        str(len(pos)),
        str(len(neg)),
        f"{p:.2f}",
        f"{r:.2f}",
        f"{f:.2f}",
        f"{fp / max(1, len(neg)):.3f}",
    )
    console.print(table)
    console.print(
        "[dim]Jigsaw 'obscene' includes swearing at things and third parties, which LABELS.md "
        "does not count as abuse of staff, so recall here is a lower bound.[/dim]"
    )


def goemotions_section(folder: Path) -> None:
    """Anger (medium+) against GoEmotions anger+annoyance on the test split."""
    labels = (folder / "labels.txt").read_text("utf-8").split()
    angry_ids = {str(labels.index("anger")), str(labels.index("annoyance"))}
    pos_scores: list[float] = []
    neg_scores: list[float] = []
    tp = fp = 0
    with (folder / "test.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            a = analyze(parts[0])
            angry = bool(angry_ids & set(parts[1].split(",")))
            flagged = a.anger_level != "low"
            (pos_scores if angry else neg_scores).append(a.anger)
            tp += angry and flagged
            fp += flagged and not angry
    p, r, f = pr(tp, fp, len(pos_scores) - tp)
    auc = _auc(pos_scores, neg_scores)
    table = Table(title="Anger (medium or high) vs GoEmotions test anger+annoyance")
    for col in ("angry rows", "other rows", "precision", "recall", "F1", "ROC AUC of anger score"):
        table.add_column(col, justify="right")
    table.add_row(
        str(len(pos_scores)), str(len(neg_scores)), f"{p:.2f}", f"{r:.2f}", f"{f:.2f}", f"{auc:.3f}"
    )
    console.print(table)


def _auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg = (i + j + 1) / 2
        rank_sum += avg * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    n_pos, n_neg = len(pos), len(neg)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg) if n_pos and n_neg else 0.0


def baseline_scores(
    train: Sequence[tuple[str, str]], test: Sequence[tuple[str, str]]
) -> tuple[float, float, float]:
    """Word+char TF-IDF + LogisticRegression: (macro-F1, accuracy, seconds)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.pipeline import make_pipeline, make_union

    start = time.perf_counter()
    pipe = make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        ),
        LogisticRegression(max_iter=2000),
    )
    pipe.fit([t for t, _ in train], [lab for _, lab in train])
    pred = pipe.predict([t for t, _ in test])
    gold = [lab for _, lab in test]
    return (
        float(f1_score(gold, pred, average="macro")),
        float(accuracy_score(gold, pred)),
        time.perf_counter() - start,
    )


def ours_scores(
    train: Sequence[tuple[str, str]], test: Sequence[tuple[str, str]]
) -> tuple[float, float, float]:
    """The shipped trainer (fit_classifier): (macro-F1, accuracy, seconds)."""
    start = time.perf_counter()
    model = fit_classifier([t for t, _ in train], [lab for _, lab in train])
    m = evaluate(model, [t for t, _ in test], [lab for _, lab in test])
    return m.macro_f1, m.accuracy, time.perf_counter() - start


def classifier_table(name: str, train: list[tuple[str, str]], test: list[tuple[str, str]]) -> None:
    """Train ours and the baseline on the same split and print both."""
    ours = ours_scores(train, test)
    base = baseline_scores(train, test)
    n_labels = len({lab for _, lab in train})
    table = Table(title=f"{name}: {len(train)} train / {len(test)} test, {n_labels} classes")
    for col in ("model", "macro-F1", "accuracy", "seconds"):
        table.add_column(col, justify="left" if col == "model" else "right")
    table.add_row(
        "disputedesk train-classifier (linear SVM, word 1-2 + char 3-5)",
        f"{ours[0]:.3f}",
        f"{ours[1]:.3f}",
        f"{ours[2]:.0f}",
    )
    table.add_row(
        "baseline TF-IDF word+char + LogisticRegression",
        f"{base[0]:.3f}",
        f"{base[1]:.3f}",
        f"{base[2]:.0f}",
    )
    console.print(table)


def read_csv(path: Path, text_col: str, label_col: str) -> list[dict[str, str]]:
    """Rows of a CSV file as dicts (text and label columns must be present)."""
    with path.open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r.get(text_col) and r.get(label_col)]


def main() -> None:
    """Run every section whose data is present."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cfpb-train", type=int, default=6000)
    parser.add_argument("--cfpb-test", type=int, default=2000)
    parser.add_argument("--jigsaw", type=int, default=2000, help="rows per class")
    parser.add_argument("--quick", action="store_true", help="skip the classifier trainings")
    args = parser.parse_args()
    data = shared_data()
    ext = data / "external"
    console.print(f"shared data: {data}")
    shipped = shipped_classifier()
    console.print(f"shipped category model: {len(shipped.vocab)} features")
    dev = data / "messages.dev.jsonl"
    dev_section(dev) if dev.is_file() else console.print(
        f"[yellow]skip dev set: {dev} absent[/yellow]"
    )
    jig = ext / "jigsaw_toxic_subset" / "jigsaw_toxic_subset.csv"
    jigsaw_section(jig, args.jigsaw) if jig.is_file() else console.print(
        f"[yellow]skip Jigsaw: {jig} absent[/yellow]"
    )
    goe = ext / "goemotions"
    goemotions_section(goe) if (goe / "test.tsv").is_file() else console.print(
        f"[yellow]skip GoEmotions: {goe} absent[/yellow]"
    )
    if args.quick:
        return
    b77 = ext / "banking77"
    if (b77 / "train.csv").is_file() and (b77 / "test.csv").is_file():
        train = [
            (r["text"], r["category"]) for r in read_csv(b77 / "train.csv", "text", "category")
        ]
        test = [(r["text"], r["category"]) for r in read_csv(b77 / "test.csv", "text", "category")]
        classifier_table("BANKING77", train, test)
    else:
        console.print(f"[yellow]skip BANKING77: {b77} absent[/yellow]")
    cfpb = ext / "cfpb" / "cfpb_narratives_product.csv"
    if cfpb.is_file():
        rows = read_csv(cfpb, "narrative", "product")
        rng = random.Random(0)
        tr = [(r["narrative"], r["product"]) for r in rows if r.get("source_split") == "train"]
        te = [(r["narrative"], r["product"]) for r in rows if r.get("source_split") == "test"]
        tr = rng.sample(tr, min(args.cfpb_train, len(tr)))
        te = rng.sample(te, min(args.cfpb_test, len(te)))
        classifier_table("CFPB narratives -> product (source_split, subsampled)", tr, te)
    else:
        console.print(f"[yellow]skip CFPB: {cfpb} absent[/yellow]")


if __name__ == "__main__":
    main()
