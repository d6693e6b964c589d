"""Training, evaluation, versioned saving and loading of the category classifier."""

from __future__ import annotations

import csv
import json
import math
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from .category import CategoryClassifier, FeatureConfig, extract_features, feature_row

__all__ = [
    "LabelledFile",
    "Metrics",
    "TrainResult",
    "evaluate",
    "fit_classifier",
    "load_latest_model",
    "read_labelled_file",
    "save_model",
    "train_classifier",
]

MODEL_PREFIX = "category-model-v"
_VERSION = re.compile(rf"^{MODEL_PREFIX}(\d+)$")
TEXT_KEYS = ("text", "narrative", "message", "body")
LABEL_KEYS = ("label", "category", "product")


@dataclass
class Metrics:
    """Held-out evaluation of a classifier."""

    labels: list[str]
    precision: dict[str, float]
    recall: dict[str, float]
    f1: dict[str, float]
    support: dict[str, int]
    macro_f1: float
    accuracy: float
    confusion: list[list[int]]  # rows = true label, columns = predicted label

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "labels": self.labels,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "support": self.support,
            "macro_f1": self.macro_f1,
            "accuracy": self.accuracy,
            "confusion": self.confusion,
        }


@dataclass
class TrainResult:
    """A trained model (refit on all rows) and its held-out metrics."""

    model: CategoryClassifier
    metrics: Metrics
    n_train: int
    n_test: int


@dataclass
class LabelledFile:
    """Rows read from a labelled file plus the problems found, with line numbers."""

    rows: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def evaluate(model: CategoryClassifier, texts: Sequence[str], gold: Sequence[str]) -> Metrics:
    """Per-class precision/recall/F1, macro-F1, accuracy and confusion matrix."""
    labels = sorted(set(model.labels) | set(gold))
    pos = {lab: i for i, lab in enumerate(labels)}
    conf = [[0] * len(labels) for _ in labels]
    for t, g in zip(texts, gold, strict=True):
        conf[pos[g]][pos[model.predict(t)[0]]] += 1
    prec, rec, f1, sup = {}, {}, {}, {}
    for lab, i in pos.items():
        tp = conf[i][i]
        pred = sum(row[i] for row in conf)
        true = sum(conf[i])
        p = tp / pred if pred else 0.0
        r = tp / true if true else 0.0
        prec[lab], rec[lab], sup[lab] = p, r, true
        f1[lab] = 2 * p * r / (p + r) if p + r else 0.0
    present = [lab for lab in labels if sup[lab]]
    macro = sum(f1[lab] for lab in present) / len(present) if present else 0.0
    total = sum(sup.values())
    acc = sum(conf[i][i] for i in range(len(labels))) / total if total else 0.0
    return Metrics(labels, prec, rec, f1, sup, macro, acc, conf)


def _fit_temperature(model: CategoryClassifier, texts: Sequence[str], gold: Sequence[str]) -> float:
    scores = np.vstack([model.decision(t) for t in texts]) if texts else None
    if scores is None:
        return 1.0
    pos = {lab: i for i, lab in enumerate(model.labels)}
    y = np.array([pos.get(g, -1) for g in gold])
    keep = y >= 0
    best, best_nll = 1.0, math.inf
    for temp in (0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20):
        z = scores[keep] * temp
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = float(-logp[np.arange(len(z)), y[keep]].mean())
        if nll < best_nll:
            best, best_nll = float(temp), nll
    return best


def fit_classifier(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    config: FeatureConfig | None = None,
    c: float = 0.5,
    min_df: int = 1,
) -> CategoryClassifier:
    """Fit a one-vs-rest linear SVM on sublinear TF-IDF word+char n-grams."""
    from sklearn.svm import LinearSVC

    cfg = config or FeatureConfig()
    df: Counter[str] = Counter()
    for t in texts:
        df.update(extract_features(t, cfg).keys())
    keys = sorted(k for k, v in df.items() if v >= min_df)
    vocab = {k: i for i, k in enumerate(keys)}
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[k])) + 1.0 for k in keys], dtype=np.float64)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, t in enumerate(texts):
        idx, values, norm = feature_row(t, cfg, vocab, idf)
        scale = 1.0 / norm if norm else 1.0
        rows.extend([r] * len(idx))
        cols.extend(idx)
        vals.extend(v * scale for v in values)
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(keys)), dtype=np.float64)
    label_set = sorted(set(labels))
    if len(label_set) < 2:
        raise ValueError("need at least two distinct labels to train a classifier")
    svm = LinearSVC(C=c, max_iter=5000)
    svm.fit(x, list(labels))
    coef = np.asarray(svm.coef_, dtype=np.float32)
    intercept = np.asarray(svm.intercept_, dtype=np.float32)
    if coef.shape[0] == 1:  # binary: sklearn keeps one row for the positive class
        coef = np.vstack([-coef, coef])
        intercept = np.concatenate([-intercept, intercept])
    return CategoryClassifier(
        labels=[str(lab) for lab in svm.classes_],
        vocab=vocab,
        idf=idf.astype(np.float32),
        coef=np.ascontiguousarray(coef.T),
        intercept=intercept,
        temperature=3.0,
        config=cfg,
    )


def _split(
    rows: list[tuple[str, str]], test_fraction: float, seed: int
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    by_label: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        by_label.setdefault(row[1], []).append(row)
    rng = random.Random(seed)
    train: list[tuple[str, str]] = []
    test: list[tuple[str, str]] = []
    for lab in sorted(by_label):
        group = by_label[lab]
        rng.shuffle(group)
        k = round(len(group) * test_fraction) if len(group) > 1 else 0
        test.extend(group[:k])
        train.extend(group[k:])
    return train, test


def train_classifier(
    rows: Iterable[tuple[str, str]],
    *,
    test_fraction: float = 0.2,
    seed: int = 0,
    c: float = 0.5,
    config: FeatureConfig | None = None,
) -> TrainResult:
    """Train on a stratified split, evaluate on the held-out part, then refit on everything."""
    data = [(str(t), str(lab)) for t, lab in rows if str(t).strip() and str(lab).strip()]
    train, test = _split(data, test_fraction, seed)
    model = fit_classifier([t for t, _ in train], [lab for _, lab in train], config=config, c=c)
    if test:
        metrics = evaluate(model, [t for t, _ in test], [lab for _, lab in test])
        temperature = _fit_temperature(model, [t for t, _ in test], [lab for _, lab in test])
    else:
        metrics = evaluate(model, [], [])
        temperature = 3.0
    final = fit_classifier([t for t, _ in data], [lab for _, lab in data], config=config, c=c)
    final.temperature = temperature
    final.meta = {"metrics": metrics.to_dict(), "n_rows": len(data)}
    return TrainResult(final, metrics, len(train), len(test))


def save_model(model: CategoryClassifier, directory: Path | str) -> Path:
    """Save as the next `category-model-v{N}` under directory, with a manifest; return its path."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    versions = [int(m.group(1)) for p in root.iterdir() if (m := _VERSION.match(p.name))]
    version = max(versions, default=0) + 1
    model.meta = dict(model.meta)
    model.meta.update(version=version, created_at=datetime.now(UTC).isoformat())
    return model.save(root / f"{MODEL_PREFIX}{version}")


def load_latest_model(directory: Path | str) -> CategoryClassifier | None:
    """Load the highest-versioned model under directory, or None when there is none."""
    root = Path(directory)
    if not root.is_dir():
        return None
    found = sorted(
        (int(m.group(1)), p)
        for p in root.iterdir()
        if (m := _VERSION.match(p.name)) and (p / "manifest.json").is_file()
    )
    return CategoryClassifier.load(found[-1][1]) if found else None


def _pick(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    lowered = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    for k in keys:
        v = lowered.get(k)
        if isinstance(v, str) and v.strip():
            return v
    return None


def read_labelled_file(path: Path | str) -> LabelledFile:
    """Read CSV or JSONL with text + label (or category/product); collect bad rows by line."""
    p = Path(path)
    out = LabelledFile()
    if p.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        with p.open(encoding="utf-8", errors="replace") as fh:
            for no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    out.errors.append(f"line {no}: invalid JSON ({exc.msg})")
                    continue
                if not isinstance(rec, dict):
                    out.errors.append(f"line {no}: expected an object")
                    continue
                _add(out, no, rec)
        return out
    with p.open(encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        for rec in reader:
            _add(out, reader.line_num, rec)
    return out


def _add(out: LabelledFile, line: int, rec: dict[str, Any]) -> None:
    text, label = _pick(rec, TEXT_KEYS), _pick(rec, LABEL_KEYS)
    if text is None:
        out.errors.append(f"line {line}: missing text")
    elif label is None:
        out.errors.append(f"line {line}: missing label")
    else:
        out.rows.append((text, label.strip()))
