"""The regex prefilter never rules out a pattern that matches."""

from __future__ import annotations

import re

import pytest

from disputedesk.analysis import risks
from disputedesk.analysis.prefilter import Prefilter, required_factors
from tests.analysis.fresh_messages import FRESH
from tests.analysis.test_risks import CASES, MORE_CASES

TEXTS = [t for t, _ in CASES + MORE_CASES] + [t for t, *_ in FRESH]


@pytest.mark.parametrize(
    ("pattern", "factors"),
    [
        (r"\b(?:sue|suing|sued)\b", {"sue", "suing"}),
        (r"\bsmall[- ]claims\b", {"small"}),  # one selective word beats two phrases
        (r"\bcharge[- ]?backs?\b", {"charge"}),
        (r"\bnever (?:arrived|came)", {"never "}),
        (r"\b(?:fell|came) apart\b", {"fell apart", "came apart"}),
        (r"\b(?:I|we)\s+(?:asked|wrote)\b", {"asked", "wrote"}),
        (r"\bstill\s+(?:no|not)\b", {"still"}),
        (r"\w+\s+\d+", None),
        (r"(?:sue)?\s+", None),
    ],
)
def test_required_factors(pattern: str, factors: set[str] | None) -> None:
    assert required_factors(pattern) == (None if factors is None else frozenset(factors))


def test_every_match_holds_one_of_its_factors() -> None:
    checked = 0
    for _, _, patterns in risks._RULES:
        for pattern in patterns:
            factors = required_factors(pattern)
            if factors is None:
                continue
            compiled = re.compile(pattern, re.I)
            for text in TEXTS:
                for m in compiled.finditer(text):
                    assert any(f in m.group(0).lower() for f in factors), (pattern, m.group(0))
                    checked += 1
    assert checked > 100


def test_prefilter_keeps_every_branch_that_matches() -> None:
    for _, _, patterns in risks._RULES:
        prefilter = Prefilter(patterns)
        for text in TEXTS:
            active = prefilter.active(text.lower())
            for i, pattern in enumerate(patterns):
                if re.search(pattern, text, re.I):
                    assert i in active, (pattern, text)


def test_gated_risks_equal_ungated_on_fresh_set(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [t for t, *_ in FRESH]
    gated = [risks.detect_risks(t) for t in texts]
    monkeypatch.setattr(risks, "USE_TRIGGERS", False)
    assert [risks.detect_risks(t) for t in texts] == gated
