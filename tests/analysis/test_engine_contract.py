"""Contract shape, trigger safety, seed corpus regeneration and purity of the package."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from disputedesk.analysis import analyze, risks
from disputedesk.analysis.seed import build_seed_corpus, seed_rows
from tests.analysis.test_risks import CASES, MORE_CASES


def test_contract_keys_and_ranges() -> None:
    d = analyze(
        "Order #48213: charged $20 twice on 2024-05-01. I will sue. mail me a@b.com"
    ).model_dump()
    assert list(d) == [
        "sentiment",
        "anger",
        "emotions",
        "risks",
        "category",
        "entities",
        "pii_masked_text",
    ]
    assert set(d["emotions"]) == {
        "anger",
        "frustration",
        "disappointment",
        "anxiety",
        "satisfaction",
    }
    assert set(d["category"]) == {"label", "confidence"}
    assert all(set(r) == {"kind", "evidence", "start", "end"} for r in d["risks"])
    assert all(set(e) == {"kind", "text", "start", "end"} for e in d["entities"])
    assert {e["kind"] for e in d["entities"]} >= {"order_id", "amount", "date", "email"}
    json.dumps(d)


def test_triggers_never_hide_a_match(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [t for t, _ in CASES + MORE_CASES]
    with_triggers = [risks.detect_risks(t) for t in texts]
    monkeypatch.setattr(risks, "USE_TRIGGERS", False)
    assert [risks.detect_risks(t) for t in texts] == with_triggers


def test_triggers_on_dev_set(dev_messages_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [json.loads(x)["text"] for x in dev_messages_path.read_text().splitlines() if x]
    with_triggers = [risks.detect_risks(t) for t in texts]
    monkeypatch.setattr(risks, "USE_TRIGGERS", False)
    assert [risks.detect_risks(t) for t in texts] == with_triggers


def test_seed_corpus_is_regenerable() -> None:
    assert build_seed_corpus() == seed_rows()
    labels = {lab for _, lab in seed_rows()}
    assert len(labels) == 10


def test_engine_is_pure() -> None:
    for name in ("fastapi", "sqlalchemy"):
        mods = [m for m in sys.modules if m.startswith("disputedesk.analysis")]
        assert mods
        for m in mods:
            src = getattr(sys.modules[m], "__file__", None) or ""
            if src.endswith(".py"):
                assert f"import {name}" not in Path(src).read_text()
                assert f"from {name}" not in Path(src).read_text()


def test_fast_alternation_matches_plain_join() -> None:
    import re

    from disputedesk.analysis.fastre import compile_alternation, first_chars

    texts = [t for t, _ in CASES + MORE_CASES]
    for _, _, pats in risks._RULES:
        fast = compile_alternation(pats)
        slow = re.compile("|".join(f"(?:{p})" for p in pats), re.I)
        for t in texts:
            assert [m.span() for m in fast.finditer(t)] == [m.span() for m in slow.finditer(t)]
    assert first_chars(r"\b(?:sue|court)|\bclaim") == {"s", "c"}
    assert first_chars(r"(?:my\s+)?bank") == {"m", "b"}
    assert first_chars(r"\w+") is None
