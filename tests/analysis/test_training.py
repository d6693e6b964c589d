"""Classifier train / evaluate / save / load round trip and labelled-file reading."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from disputedesk.analysis import (
    analyze,
    load_latest_model,
    read_labelled_file,
    save_model,
    shipped_classifier,
    train_classifier,
)
from disputedesk.analysis.schemas import CATEGORIES

WORDS = {
    "billing": ["invoice", "charged", "bill", "fee", "overcharged"],
    "delivery": ["parcel", "courier", "tracking", "delivered", "driver"],
    "account": ["password", "login", "username", "locked", "profile"],
}


def generated_rows(n: int = 60, seed: int = 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    rows = []
    for label, words in WORDS.items():
        for _ in range(n):
            picked = rng.sample(words, 2)
            rows.append((f"hello my {picked[0]} and the {picked[1]} is a problem today", label))
    return rows


def test_train_save_load_round_trip(tmp_path: Path) -> None:
    result = train_classifier(generated_rows(), test_fraction=0.25, seed=0)
    assert result.n_test == 45
    assert result.metrics.accuracy > 0.9
    assert result.metrics.macro_f1 > 0.9
    assert len(result.metrics.confusion) == 3
    assert sum(map(sum, result.metrics.confusion)) == result.n_test
    first = save_model(result.model, tmp_path)
    second = save_model(result.model, tmp_path)
    assert first.name == "category-model-v1"
    assert second.name == "category-model-v2"
    manifest = json.loads((second / "manifest.json").read_text())
    assert manifest["version"] == 2
    assert set(manifest["labels"]) == set(WORDS)
    assert "created_at" in manifest
    assert manifest["metrics"]["macro_f1"] > 0.9
    loaded = load_latest_model(tmp_path)
    assert loaded is not None
    assert loaded.meta["version"] == 2
    text = "the courier lost my parcel"
    assert loaded.predict(text) == pytest.approx(result.model.predict(text))
    assert analyze(text, classifier=loaded).category.label == "delivery"


def test_load_latest_model_missing_dir(tmp_path: Path) -> None:
    assert load_latest_model(tmp_path / "nothing") is None


def test_train_needs_two_labels() -> None:
    with pytest.raises(ValueError, match="two distinct labels"):
        train_classifier([("a b c", "x")] * 10)


def test_read_labelled_csv_and_jsonl(tmp_path: Path) -> None:
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text('text,category\n"late parcel",delivery\n,billing\n"no label",\n')
    got = read_labelled_file(csv_path)
    assert got.rows == [("late parcel", "delivery")]
    assert got.errors == ["line 3: missing text", "line 4: missing label"]
    jl = tmp_path / "rows.jsonl"
    jl.write_text(
        '{"text": "a", "label": "x"}\nnot json\n["list"]\n{"narrative": "b", "product": "y"}\n'
    )
    got = read_labelled_file(jl)
    assert got.rows == [("a", "x"), ("b", "y")]
    assert [e.split(":")[0] for e in got.errors] == ["line 2", "line 3"]


def test_shipped_model_labels_and_confidence() -> None:
    model = shipped_classifier()
    assert sorted(model.labels) == sorted(CATEGORIES)
    label, conf = model.predict("my parcel never arrived and tracking is stuck")
    assert label == "delivery"
    assert 0 < conf <= 1
    probs = model.predict_proba("I can't log into my account")
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("You billed me twice for the same invoice", "billing"),
        ("The courier left my parcel in the rain", "delivery"),
        ("Please cancel my monthly subscription", "subscription"),
        ("Someone used my card without permission", "fraud"),
        ("My kettle stopped working after a week", "product_defect"),
    ],
)
def test_shipped_model_obvious_cases(text: str, label: str) -> None:
    assert analyze(text).category.label == label


def test_cached_scores_match_exact_scores_across_cache_resets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import numpy as np

    from disputedesk.analysis import category

    result = train_classifier(generated_rows(), test_fraction=0.2, seed=0)
    model = result.model
    monkeypatch.setattr(category, "_CACHE_LIMIT", 7)
    texts = [t for t, _ in generated_rows(10, seed=5)] + ["", "unseen words here", "the the the"]
    for text in texts * 2:
        assert np.allclose(model.decision(text), model._exact_decision(text), atol=1e-4)
    assert model._generation > 0


def test_classifier_is_safe_across_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    model = train_classifier(generated_rows(), test_fraction=0.2, seed=0).model
    texts = [t for t, _ in generated_rows(40, seed=9)]
    expected = [model._exact_decision(t).argmax() for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: model.decision(t).argmax(), texts))
    assert got == expected
