"""Build the seed corpus and the shipped category model: `python -m disputedesk.analysis.seed`."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from .category import SHIPPED_MODEL_DIR, CategoryClassifier
from .seed_templates import SLOTS, TEMPLATES
from .seed_templates_extra import EXTRA_TEMPLATES
from .seed_templates_more import CONVENTION_TEMPLATES, MORE_SLOTS, MORE_TEMPLATES
from .training import train_classifier

__all__ = ["SEED_CORPUS", "build_seed_corpus", "build_shipped_model", "seed_rows"]

SEED_CORPUS = Path(__file__).with_name("data") / "seed_corpus.jsonl"
_SLOT = re.compile(r"\{(\w+)\}")
SHIPPED_TEMPERATURE = 4.0
_ALL_SLOTS = {**SLOTS, **MORE_SLOTS}


def _fill(template: str, rng: random.Random) -> str:
    return _SLOT.sub(lambda m: rng.choice(_ALL_SLOTS[m.group(1)]), template)


def build_seed_corpus(per_template: int = 4, seed: int = 0) -> list[tuple[str, str]]:
    """Expand the seed templates with varied slots, openers and closers."""
    rng = random.Random(seed)
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for label in TEMPLATES:
        templates = (
            TEMPLATES[label]
            + EXTRA_TEMPLATES.get(label, ())
            + MORE_TEMPLATES.get(label, ())
            + CONVENTION_TEMPLATES.get(label, ())
        )
        for template in templates:
            for _ in range(per_template):
                body = _fill(template, rng)
                opener = rng.choice(SLOTS["opener"])
                if opener and body[:1].isupper() and not body.startswith(("I ", "I'")):
                    body = body[0].lower() + body[1:]
                text = (opener + body + rng.choice(SLOTS["closer"])).strip()
                if text not in seen:
                    seen.add(text)
                    rows.append((text, label))
    return rows


def seed_rows() -> list[tuple[str, str]]:
    """Rows of the shipped seed corpus file (regenerated from the templates if it is absent)."""
    if not SEED_CORPUS.is_file():
        return build_seed_corpus()
    with SEED_CORPUS.open(encoding="utf-8") as fh:
        return [(r["text"], r["label"]) for r in map(json.loads, fh) if r]


def build_shipped_model(write_corpus: bool = True) -> CategoryClassifier:
    """Regenerate data/seed_corpus.jsonl and data/category-model from the templates."""
    if write_corpus:
        SEED_CORPUS.parent.mkdir(parents=True, exist_ok=True)
        with SEED_CORPUS.open("w", encoding="utf-8") as fh:
            for text, label in build_seed_corpus():
                fh.write(json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n")
    result = train_classifier(seed_rows(), test_fraction=0.2, seed=0)
    model = result.model
    model.temperature = SHIPPED_TEMPERATURE  # template splits leak, so use a fixed, modest value
    model.meta.update(version=0, source="seed_corpus.jsonl")
    model.save(SHIPPED_MODEL_DIR)
    return model


if __name__ == "__main__":
    m = build_shipped_model()
    print(f"shipped model: {len(m.vocab)} features, labels={m.labels}")
    print(json.dumps(m.meta.get("metrics", {}).get("macro_f1")))
