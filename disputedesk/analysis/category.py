"""Linear text classifier for dispute categories: feature extraction and fast inference."""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "SHIPPED_MODEL_DIR",
    "CategoryClassifier",
    "FeatureConfig",
    "extract_features",
    "feature_row",
    "shipped_classifier",
]

SHIPPED_MODEL_DIR = Path(__file__).with_name("data") / "category-model"
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[£$€]")
_DIGITS = re.compile(r"\d")
_CACHE_LIMIT = 100_000  # cached words + pairs; a word entry is ~0.4 kB (11 floats), so <= ~40 MB


@dataclass(frozen=True)
class FeatureConfig:
    """Which n-grams feed the model."""

    word_ngrams: int = 2
    char_min: int = 3
    char_max: int = 5
    max_chars: int = 5000

    def to_dict(self) -> dict[str, int]:
        """JSON-ready form."""
        return {
            "word_ngrams": self.word_ngrams,
            "char_min": self.char_min,
            "char_max": self.char_max,
            "max_chars": self.max_chars,
        }


def tokenize(text: str, cfg: FeatureConfig) -> list[str]:
    """Lower-cased word tokens with digits folded to 0."""
    return _WORD.findall(_DIGITS.sub("0", text[: cfg.max_chars].lower()))


def word_grams(word: str, cfg: FeatureConfig) -> list[str]:
    """Feature keys of one word: the word itself and its char n-grams (with boundary spaces)."""
    keys = ["w " + word]
    if cfg.char_max:
        padded = " " + word + " "
        n_chars = len(padded)
        for n in range(cfg.char_min, min(cfg.char_max, n_chars) + 1):
            keys.extend(padded[j : j + n] for j in range(n_chars - n + 1))
    return keys


def sublinear(count: int) -> float:
    """1 + log(count): repeated words count less than linearly."""
    return 1.0 + math.log(count) if count > 1 else 1.0


def extract_features(text: str, cfg: FeatureConfig) -> dict[str, float]:
    """Weighted feature counts: each distinct word adds its grams x sublinear(word count).

    The vector is a sum of per-word parts, so inference can cache one score vector per word.
    """
    words = tokenize(text, cfg)
    out: dict[str, float] = {}
    get = out.get
    for w, c in Counter(words).items():
        g = sublinear(c)
        for key in word_grams(w, cfg):
            out[key] = get(key, 0.0) + g
    if cfg.word_ngrams >= 2:
        for bg, c in Counter(pairwise(words)).items():
            key = "b " + bg[0] + " " + bg[1]
            out[key] = get(key, 0.0) + sublinear(c)
    return out


def feature_row(
    text: str, cfg: FeatureConfig, vocab: dict[str, int], idf: NDArray[np.float64]
) -> tuple[list[int], list[float], float]:
    """Indices, tf-idf values and the per-part norm used by both training and inference."""
    words = tokenize(text, cfg)
    acc: dict[int, float] = {}
    sq = 0.0
    for w, c in Counter(words).items():
        g = sublinear(c)
        part: dict[int, float] = {}
        for key in word_grams(w, cfg):
            j = vocab.get(key)
            if j is not None:
                part[j] = part.get(j, 0.0) + float(idf[j])
        for j, v in part.items():
            acc[j] = acc.get(j, 0.0) + g * v
        sq += g * g * sum(v * v for v in part.values())
    if cfg.word_ngrams >= 2:
        for a, b in pairwise(words):  # each occurrence is its own part
            j = vocab.get("b " + a + " " + b)
            if j is not None:
                acc[j] = acc.get(j, 0.0) + float(idf[j])
                sq += float(idf[j]) ** 2
    return list(acc), list(acc.values()), math.sqrt(sq)


@dataclass
class CategoryClassifier:
    """A linear model over sublinear TF-IDF features, evaluated without sklearn."""

    labels: list[str]
    vocab: dict[str, int]
    idf: NDArray[np.float32]
    coef: NDArray[np.float32]  # (n_features, n_labels)
    intercept: NDArray[np.float32]
    temperature: float = 1.0
    config: FeatureConfig = field(default_factory=FeatureConfig)
    meta: dict[str, Any] = field(default_factory=dict)
    # Per word and per word pair: that part's label scores followed by its squared norm, as a
    # tuple of Python floats (summing a few tuples beats numpy's per-call overhead on short
    # texts). Unknown pairs map to (). Entries are immutable, so readers need no lock.
    _rows: dict[str, tuple[float, ...]] = field(default_factory=dict, repr=False, compare=False)
    _pairs: dict[tuple[str, str], tuple[float, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _generation: int = field(default=0, repr=False, compare=False)

    def _part(self, key: str) -> tuple[float, ...]:
        """Label scores and squared norm of one word or bigram key ("b a b")."""
        vocab = self.vocab
        part: dict[int, float] = {}
        if key.startswith("b "):
            j = vocab.get(key)
            if j is not None:
                part[j] = 1.0
        else:
            for gram in word_grams(key, self.config):
                j = vocab.get(gram)
                if j is not None:
                    part[j] = part.get(j, 0.0) + 1.0
        if not part:
            return (0.0,) * (len(self.labels) + 1)
        idx = np.fromiter(part.keys(), dtype=np.int64, count=len(part))
        vals = np.fromiter(part.values(), dtype=np.float32, count=len(part))
        vals *= self.idf[idx]
        scores: list[float] = (vals @ self.coef[idx]).tolist()
        return (*scores, float(np.dot(vals, vals)))

    def _row_of(self, word: str) -> tuple[float, ...]:
        """Cached part of a word, computed on first use."""
        known = self._rows.get(word)
        if known is None:
            known = self._rows[word] = self._part(word)
        return known

    def _pair_row(self, pair: tuple[str, str]) -> tuple[float, ...]:
        """Cached part of a word pair; () when the bigram is not in the vocabulary."""
        known = self._pairs.get(pair)
        if known is None:
            key = "b " + pair[0] + " " + pair[1]
            known = self._pairs[pair] = self._part(key) if key in self.vocab else ()
        return known

    def _raw_scores(self, text: str) -> list[float] | None:
        """Per-label scores without the intercept, or None when no feature is known."""
        words = tokenize(text, self.config)
        if not words:
            return None
        if len(self._rows) + len(self._pairs) >= _CACHE_LIMIT:
            with self._lock:  # start a fresh cache generation; readers keep the old dicts
                self._rows, self._pairs = {}, {}
                self._generation += 1
        rows_of = self._rows
        counts: dict[str, int] = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        parts = [rows_of.get(w) or self._row_of(w) for w in counts]
        if len(counts) < len(words):  # a repeated word counts sublinearly (its norm squared)
            for i, c in enumerate(counts.values()):
                if c > 1:
                    g = sublinear(c)
                    part = parts[i]
                    parts[i] = (*(x * g for x in part[:-1]), part[-1] * g * g)
        if self.config.word_ngrams >= 2 and len(words) > 1:
            pairs_of = self._pairs
            for pair in pairwise(words):
                got = pairs_of.get(pair)
                if got is None:
                    got = self._pair_row(pair)
                if got:
                    parts.append(got)
        summed = [sum(col) for col in zip(*parts, strict=True)]
        sq = summed.pop()
        if sq <= 0.0:
            return None
        inv = 1.0 / math.sqrt(sq)
        return [v * inv for v in summed]

    def decision(self, text: str) -> NDArray[np.float32]:
        """Raw per-label scores (same features as training, summed per word from a cache)."""
        raw = self._raw_scores(text)
        if raw is None:
            return self.intercept.copy()
        return np.asarray(raw, dtype=np.float32) + self.intercept

    def _exact_decision(self, text: str) -> NDArray[np.float32]:
        """Uncached scores (same maths as training), used when the cache changed mid-call."""
        idx, vals, norm = feature_row(text, self.config, self.vocab, self.idf.astype(np.float64))
        if not idx or norm <= 0.0:
            return self.intercept.copy()
        weights = np.asarray(vals, dtype=np.float32) / np.float32(norm)
        out: NDArray[np.float32] = (weights @ self.coef[idx] + self.intercept).astype(np.float32)
        return out

    def predict_proba(self, text: str) -> dict[str, float]:
        """Softmax over temperature-scaled scores."""
        z = self.decision(text) * self.temperature
        z = z - z.max()
        p = np.exp(z)
        p /= p.sum()
        return {lab: float(v) for lab, v in zip(self.labels, p, strict=True)}

    def predict(self, text: str) -> tuple[str, float]:
        """Best label and its probability."""
        temp = self.temperature
        raw = self._raw_scores(text)
        bias: list[float] = self.intercept.tolist()
        if raw is None:
            z = [b * temp for b in bias]
        else:
            z = [(v + b) * temp for v, b in zip(raw, bias, strict=True)]
        top = max(z)
        exps = [math.exp(v - top) for v in z]
        k = z.index(top)
        return self.labels[k], 1.0 / sum(exps)

    def predict_many(self, texts: Iterable[str]) -> list[str]:
        """Best label for each text."""
        return [self.predict(t)[0] for t in texts]

    def save(self, directory: Path) -> Path:
        """Write manifest.json + vocab.json + weights.npz into directory."""
        directory.mkdir(parents=True, exist_ok=True)
        keys = sorted(self.vocab, key=self.vocab.__getitem__)
        (directory / "vocab.json").write_text(json.dumps(keys, ensure_ascii=False), "utf-8")
        np.savez_compressed(
            directory / "weights.npz", idf=self.idf, coef=self.coef, intercept=self.intercept
        )
        manifest = dict(self.meta)
        manifest.update(
            labels=self.labels, temperature=self.temperature, features=self.config.to_dict()
        )
        (directory / "manifest.json").write_text(json.dumps(manifest, indent=2), "utf-8")
        return directory

    @classmethod
    def load(cls, directory: Path) -> CategoryClassifier:
        """Load a model saved by save() (no pickle involved)."""
        manifest = json.loads((directory / "manifest.json").read_text("utf-8"))
        keys = json.loads((directory / "vocab.json").read_text("utf-8"))
        with np.load(directory / "weights.npz", allow_pickle=False) as w:
            idf, coef, intercept = w["idf"], w["coef"], w["intercept"]
        return cls(
            labels=list(manifest["labels"]),
            vocab={k: i for i, k in enumerate(keys)},
            idf=idf.astype(np.float32),
            coef=coef.astype(np.float32),
            intercept=intercept.astype(np.float32),
            temperature=float(manifest.get("temperature", 1.0)),
            config=FeatureConfig(**manifest.get("features", {})),
            meta={k: v for k, v in manifest.items() if k not in ("labels", "features")},
        )


@lru_cache(maxsize=1)
def shipped_classifier() -> CategoryClassifier:
    """The model that ships inside the package (see `python -m disputedesk.analysis.seed`)."""
    return CategoryClassifier.load(SHIPPED_MODEL_DIR)
